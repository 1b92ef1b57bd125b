package llmops.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import llmops.io.EmbeddingFields;
import llmops.io.InputFormat;
import llmops.io.QuantileSet;
import llmops.io.ValidatedEmbeddings;
import llmops.udfs.clustering.ClusterStats;
import llmops.udfs.distance.DistanceQuantiles;
import llmops.udfs.drift.CalibratedVerdict;
import llmops.udfs.drift.Verdict;
import llmops.udfs.stats.EmpiricalNull;
import llmops.udfs.stats.HistoryBand;

/** The parts of a run's record built from the analysis: its input, PCA, K-Means, silhouettes and verdict. */
final class DriftReport {
  /** The explained-variance curve is stored up to here: past it, it is flat and only costs item space. */
  private static final double CURVE_UP_TO = 0.999;

  private DriftReport() {}

  static DriftRunRecord.Input input(String dataPath, EmbeddingFields fields, ValidatedEmbeddings input, String quarantinePath) {
    boolean hasFields = input.format() != InputFormat.SEED;
    return new DriftRunRecord.Input(dataPath, input.format().name().toLowerCase(), hasFields ? fields.id() : null,
        hasFields ? fields.embedding() : null, input.files(), input.records(), input.valid(), input.dim(), input.quarantined(),
        input.quarantinedByReason(), quarantinePath, input.blankLines());
  }

  static DriftRunRecord.Pca pca(DriftResult r, DriftSettings settings) {
    return new DriftRunRecord.Pca(settings.variance(), r.componentsForVariance(), r.componentsForVariance() - 1,
        boxed(r.variance().cumulativeUpTo(CURVE_UP_TO)));
  }

  static DriftRunRecord.KMeans kmeans(DriftResult r, DriftSettings settings) {
    ClusterStats stats = r.clusters();
    long total = stats.total();
    List<Long> sizes = new ArrayList<>();
    List<Double> proportions = new ArrayList<>();
    for (long size : stats.counts()) {
      sizes.add(size);
      proportions.add((double) size / total);
    }
    // The engine's inertia: MLlib's training cost under --engine mllib, the sum over the final clusters natively.
    return new DriftRunRecord.KMeans(r.centroids().k(), kSelection(r, settings), settings.seed(), r.iterations(), r.converged(),
        r.inertia(), r.inertia() / total, sizes, proportions);
  }

  static DriftRunRecord.Silhouette silhouette(DriftResult r) {
    return new DriftRunRecord.Silhouette(r.silhouetteSquaredEuclidean(), r.silhouetteEuclidean(), r.silhouetteSampleSize(),
        r.silhouetteSampleSize() == r.vectors());
  }

  private static DriftRunRecord.KSelection kSelection(DriftResult r, DriftSettings settings) {
    if (!settings.autoK()) {
      return new DriftRunRecord.KSelection("fixed", null);
    }
    List<DriftRunRecord.KCandidate> tried = r.kCandidates().stream()
        .map(c -> new DriftRunRecord.KCandidate(c.k(), c.silhouetteEuclidean(), c.inertia(), c.iterations())).toList();
    return new DriftRunRecord.KSelection("auto: highest Euclidean silhouette on the sample, smaller k on ties", tried);
  }

  /**
   * The fixed rules' verdict and, when calibrated ({@code calibrated} not null), the level beside it
   * with its working; {@code drift} is the calibrated level's when the calibration decides.
   */
  static DriftRunRecord.VerdictRecord verdict(Verdict.Result verdict, DriftComparison.Calibration calibrated,
      VerdictSettings.Calibration settings) {
    DriftRunRecord.VerdictRecord fixed = verdict(verdict);
    if (calibrated == null) {
      return fixed;
    }
    CalibratedVerdict.Level level = calibrated.result().level();
    boolean drift = settings.decides() ? level == CalibratedVerdict.Level.DRIFT : fixed.drift();
    List<String> triggeredBy = !settings.decides() ? fixed.triggeredBy() : calibrated.result().assessments().stream()
        .filter(a -> a.level() == CalibratedVerdict.Level.DRIFT).map(a -> a.statistic().ruleName()).toList();
    return new DriftRunRecord.VerdictRecord(drift, triggeredBy, fixed.checks(), null, level.label(),
        calibratedRecord(calibrated, settings));
  }

  /** The calibrated verdict's working as stored: every judged statistic with its null's quantiles, p-values, band and level. */
  private static DriftRunRecord.Calibrated calibratedRecord(DriftComparison.Calibration calibrated, VerdictSettings.Calibration settings) {
    List<DriftRunRecord.CalibratedStatistic> statistics = new ArrayList<>();
    for (CalibratedVerdict.Assessment a : calibrated.result().assessments()) {
      EmpiricalNull n = a.nullDistribution();
      QuantileSet quantiles = n == null ? null : QuantileSet.of(Arrays.stream(DistanceQuantiles.PROBABILITIES).map(n::quantile).toArray());
      HistoryBand b = a.band();
      DriftRunRecord.Band band = b == null ? null : new DriftRunRecord.Band(b.runs(), b.mean(), b.sd(), b.k(), b.lower(), b.upper(), a.beyondBand());
      statistics.add(new DriftRunRecord.CalibratedStatistic(a.statistic().ruleName(), a.value(), n == null ? null : n.size(), quantiles,
          n == null ? null : a.pValue(), n == null ? null : a.adjustedPValue(), band, a.level().label()));
    }
    return new DriftRunRecord.Calibrated("empirical p-values from resamples of the baseline's sample against itself"
        + " (the classifier's AUC: permutations of its test labels), Benjamini-Hochberg across statistics",
        settings.resamples(), settings.refitResamples(), calibrated.resampleSize(), settings.thresholds().warningFdr(),
        settings.thresholds().driftFdr(), settings.decides(), statistics);
  }

  static DriftRunRecord.VerdictRecord verdict(Verdict.Result verdict) {
    List<DriftRunRecord.Check> checks = new ArrayList<>();
    for (Verdict.Check c : verdict.checks()) {
      boolean above = c.rule().direction() == Verdict.Direction.ABOVE;
      boolean tested = c.pValue() != null;
      checks.add(new DriftRunRecord.Check(c.rule().statistic().ruleName(), c.value(), above ? c.rule().threshold() : null,
          above ? null : c.rule().threshold(), tested ? c.pValue() : null, tested ? c.rule().significantBelow() : null,
          c.crossed(), c.rule().decides()));
    }
    return new DriftRunRecord.VerdictRecord(verdict.drift(), verdict.triggered().stream().map(c -> c.rule().statistic().ruleName()).toList(),
        checks, null);
  }

  static DriftRunRecord.VerdictRecord noVerdict(String why) {
    return new DriftRunRecord.VerdictRecord(null, null, null, why);
  }

  static List<Double> boxed(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(v);
    }
    return out;
  }

  static List<Long> boxed(long[] values) {
    List<Long> out = new ArrayList<>(values.length);
    for (long v : values) {
      out.add(v);
    }
    return out;
  }
}
