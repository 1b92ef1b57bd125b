package llmops.drift;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import llmops.io.EmbeddingInput;
import llmops.io.Timings;
import llmops.io.ValidatedEmbeddings;
import llmops.spark.OrderedReduce;
import llmops.spark.SeededSamples;
import llmops.udfs.clustering.Centroids;
import llmops.udfs.drift.BaselineCoverage;
import llmops.udfs.drift.CalibratedVerdict;
import llmops.udfs.drift.CentroidMatch;
import llmops.udfs.drift.KernelShift;
import llmops.udfs.drift.ComponentShift;
import llmops.udfs.drift.MeanShift;
import llmops.udfs.drift.ProportionShift;
import llmops.udfs.drift.SelfComparison;
import llmops.udfs.drift.Statistic;
import llmops.udfs.distance.DistanceQuantiles;
import llmops.udfs.distance.OutlierRule;
import llmops.udfs.drift.Verdict;
import llmops.udfs.stats.EmpiricalNull;
import llmops.udfs.stats.HistoryBand;
import llmops.udfs.vectors.VectorBlock;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;

/**
 * A SNAPSHOT compared with its BASELINE: shares under the baseline's clusters, matched centroid
 * shifts, whole-distribution tests on seeded samples of both sides, the change in structure, and
 * the verdict those give under the configured rules.
 */
final class DriftComparison {
  /** The sample seed differs from K-Means' and the silhouette's, so the tests see fresh draws. */
  private static final long SAMPLE_SEED_OFFSET = 2;
  /** The domain classifier splits by keys of their own: which vectors train is independent of which were drawn. */
  private static final long SPLIT_SEED_OFFSET = 3;
  /** The null's splits, its K-Means refits and the AUC's label permutations each have seeds of their own. */
  private static final long NULL_SEED_OFFSET = 4;
  private static final long REFIT_SEED_OFFSET = 5;
  private static final long PERMUTATION_SEED_OFFSET = 6;

  private final SparkSession spark;
  private final VerdictSettings settings;
  private final DriftSettings analysis;
  private final Timings timings;

  /** {@code analysis}: the snapshot's own K-Means settings (seed, iteration cap), which the null's refits repeat. */
  DriftComparison(SparkSession spark, VerdictSettings settings, DriftSettings analysis, Timings timings) {
    this.spark = spark;
    this.settings = settings;
    this.analysis = analysis;
    this.timings = timings;
  }

  /** The comparison, the fixed rules' verdict and, when calibration is on, the calibrated one (else null). */
  record Outcome(DriftRunRecord.Comparison comparison, Verdict.Result verdict, Calibration calibrated) {}

  /** The calibrated verdict and the pseudo-snapshots' size it was drawn at. */
  record Calibration(CalibratedVerdict.Result result, int resampleSize) {}

  /**
   * {@code history}: each statistic's band over the series' accepted SNAPSHOTs, where it has enough of them;
   * {@code held}: what earlier comparisons with this {@code baseline} in this job already read and computed of it.
   */
  Outcome compare(StoredBaseline baseline, String baselineDataPath, JavaRDD<VectorBlock> snapshotBlocks, DriftResult snapshot,
      Map<Statistic, HistoryBand> history, HeldBaseline held) throws Exception {
    if (baseline.dim() != snapshot.dim()) {
      throw new IllegalArgumentException("the snapshot's vectors have dimension " + snapshot.dim() + " but its baseline's (run "
          + baseline.runId() + ") have " + baseline.dim() + ": they come from different embedding models and cannot be compared");
    }
    Samples samples = timings.time("compare_sampling", () -> samples(baseline, baselineDataPath, snapshotBlocks, held));
    BaselineCoverage coverage = timings.time("compare_coverage", () -> coverage(baseline, snapshotBlocks, snapshot));
    Map<Statistic, Double> statistics = new EnumMap<>(Statistic.class);
    DriftRunRecord.Proportions proportions = proportions(baseline, coverage, statistics);
    DriftRunRecord.CentroidShifts centroids = centroids(baseline, snapshot, coverage, samples, statistics);
    DomainClassifier.Result classifier = timings.time("compare_classifier", () -> DomainClassifier.rocAuc(spark, samples.baseline(),
        samples.snapshot(), baseline.dim(), settings.classifierRegularization(), seed() + SPLIT_SEED_OFFSET));
    DriftRunRecord.Distribution distribution = timings.time("compare_distribution",
        () -> distribution(baseline, samples, snapshot, classifier, statistics));
    DriftRunRecord.Comparison comparison = new DriftRunRecord.Comparison(baselineSummary(baseline, baselineDataPath), proportions,
        centroids, distribution, structure(baseline, snapshot));
    Calibration calibrated = settings.calibration().enabled()
        ? timings.time("compare_calibration", () -> calibrate(baseline, samples, snapshot, classifier, statistics, history, held))
        : null;
    return new Outcome(comparison, Verdict.decide(settings.rules(), statistics), calibrated);
  }

  /**
   * Each statistic's no-drift distribution for this baseline (splits of its sample against itself,
   * at the snapshot's size within the bound; the AUC's by permuting the classifier's test labels),
   * and the calibrated verdict from them and the series' history.
   */
  private Calibration calibrate(StoredBaseline baseline, Samples samples, DriftResult snapshot, DomainClassifier.Result classifier,
      Map<Statistic, Double> statistics, Map<Statistic, HistoryBand> history, HeldBaseline held) {
    VerdictSettings.Calibration calibration = settings.calibration();
    int nb = samples.baselineRows();
    SelfComparison self = held.self(() -> new SelfComparison(new SelfComparison.Model(baseline.centroids(),
        DistanceQuantiles.PROBABILITIES[DistanceQuantiles.index(settings.outsideQuantile())],
        Math.min(baseline.components(), settings.maxComponentsTested()), settings.componentTestAlpha()), samples.baseline(), nb,
        baseline.dim(), nb));
    SelfComparison.Resampling resampling = calibration.resampling(seed() + NULL_SEED_OFFSET);
    int k = snapshot.centroids().k();
    SelfComparison.Refit refit = new SelfComparison.Refit(k, analysis.maxIterations(), DriftSettings.RELATIVE_TOLERANCE, seed() + REFIT_SEED_OFFSET);
    Map<Statistic, EmpiricalNull> nulls = new EnumMap<>(Statistic.class);
    nulls.putAll(held.nulls(SelfComparison.resampleSize(nb, snapshot.vectors(), resampling), k,
        () -> self.nulls(SelfComparison.range(0, nb), snapshot.vectors(), resampling, refit)));
    nulls.put(Statistic.DOMAIN_CLASSIFIER_AUC, classifier.testScores().permutationNull(calibration.resamples(), seed() + PERMUTATION_SEED_OFFSET));
    // Only what this comparison measured is judged (no mean distance when the BASELINE stored no mean).
    nulls.keySet().retainAll(statistics.keySet());
    Map<Statistic, HistoryBand> bands = new EnumMap<>(Statistic.class);
    bands.putAll(history);
    bands.keySet().retainAll(nulls.keySet());
    return new Calibration(CalibratedVerdict.decide(statistics, nulls, bands, calibration.thresholds()),
        SelfComparison.resampleSize(nb, snapshot.vectors(), resampling));
  }

  private long seed() {
    return analysis.seed();
  }

  /** Seeded samples of both sides, row-major; the baseline's is drawn from its data, read again unless held. */
  private record Samples(double[] baseline, int baselineRows, double[] snapshot, int snapshotRows) {}

  private Samples samples(StoredBaseline baseline, String baselineDataPath, JavaRDD<VectorBlock> snapshotBlocks, HeldBaseline held)
      throws Exception {
    int dim = baseline.dim();
    long sampleSeed = seed() + SAMPLE_SEED_OFFSET;
    double[] after = seededSample(snapshotBlocks, settings.comparisonSample(), sampleSeed, dim);
    double[] before = held.sample(() -> baselineSample(baseline, baselineDataPath, sampleSeed));
    return new Samples(before, before.length / dim, after, after.length / dim);
  }

  /** The BASELINE's seeded comparison sample, from its data read again. */
  private double[] baselineSample(StoredBaseline baseline, String baselineDataPath, long sampleSeed) throws Exception {
    int dim = baseline.dim();
    ValidatedEmbeddings baselineInput = ValidatedEmbeddings.of(
        EmbeddingInput.read(spark, baselineDataPath, baseline.format(), baseline.fields()), dim);
    try {
      if (baselineInput.valid() < 2) {
        throw new IllegalArgumentException("the baseline's data at " + baselineDataPath + " has " + baselineInput.valid()
            + " valid vectors of dimension " + dim + " now; pass --baseline_data_path if it moved");
      }
      return seededSample(baselineInput.blocks(), settings.comparisonSample(), sampleSeed, dim);
    } finally {
      baselineInput.release();
    }
  }

  /** Shares under the baseline's clusters and coverage, from one pass over the snapshot. */
  private BaselineCoverage coverage(StoredBaseline baseline, JavaRDD<VectorBlock> snapshotBlocks, DriftResult snapshot) throws Exception {
    Centroids baselineCentres = baseline.centroids();
    Centroids snapshotCentres = snapshot.centroids();
    double[] limits = outsideLimits(baseline);
    return OrderedReduce.reduce(snapshotBlocks, 8L * (baselineCentres.k() + 2L * snapshotCentres.k()) + 1024, it -> {
      BaselineCoverage coverage = new BaselineCoverage(baselineCentres, limits, snapshotCentres);
      it.forEachRemaining(coverage::add);
      return coverage;
    }, BaselineCoverage::merge);
  }

  /** Per baseline cluster, the distance beyond which a point is outside it: the same rule as the distance job's outliers. */
  private double[] outsideLimits(StoredBaseline baseline) {
    return new OutlierRule(settings.outsideQuantile(), 1.0).thresholds(baseline.referenceDistances().euclidean());
  }

  private static DriftRunRecord.Proportions proportions(StoredBaseline baseline, BaselineCoverage coverage, Map<Statistic, Double> statistics) {
    long[] counts = coverage.baselineCounts();
    double[] before = ProportionShift.proportions(baseline.clusterSizes());
    double[] after = ProportionShift.proportions(counts);
    ProportionShift.ChiSquare chi = ProportionShift.chiSquare(baseline.clusterSizes(), counts);
    statistics.put(Statistic.PSI, ProportionShift.psi(before, after));
    statistics.put(Statistic.JS_DISTANCE, ProportionShift.jensenShannonDistance(before, after));
    statistics.put(Statistic.CHI_SQUARE_P_VALUE, chi.pValue());

    return new DriftRunRecord.Proportions(DriftReport.boxed(before), DriftReport.boxed(after), DriftReport.boxed(counts),
        statistics.get(Statistic.PSI), statistics.get(Statistic.JS_DISTANCE),
        new DriftRunRecord.ChiSquare(chi.statistic(), chi.degreesOfFreedom(), chi.pValue()));
  }

  private DriftRunRecord.CentroidShifts centroids(StoredBaseline baseline, DriftResult snapshot, BaselineCoverage coverage, Samples samples,
      Map<Statistic, Double> statistics) {
    CentroidMatch.Result match = CentroidMatch.of(baseline.centroids(), baseline.radii(), snapshot.centroids());
    double[] shares = ProportionShift.proportions(snapshot.clusters().counts());
    double[] outside = coverage.outsideShareBySnapshotCluster();
    // The same rule applied to the baseline's own sample: how many points lie "outside" with no drift at all.
    BaselineCoverage own = new BaselineCoverage(baseline.centroids(), outsideLimits(baseline), baseline.centroids());
    own.add(VectorBlock.ofRows(samples.baseline(), samples.baselineRows(), baseline.dim()));
    statistics.put(Statistic.MAX_RELATIVE_CENTROID_SHIFT, match.maxRelativeShift());
    statistics.put(Statistic.OUTSIDE_SHARE_EXCESS, coverage.outsideShare() - own.outsideShare());
    statistics.put(Statistic.NEW_REGION_SHARE, coverage.newRegionShare());
    List<DriftRunRecord.CentroidPair> pairs = new ArrayList<>();
    List<Integer> newRegions = new ArrayList<>();
    for (CentroidMatch.Pair p : match.pairs()) {
      boolean newRegion = coverage.isNewRegion(p.snapshot());
      if (newRegion) {
        newRegions.add(p.snapshot());
      }
      pairs.add(new DriftRunRecord.CentroidPair(p.snapshot(), p.baseline(), p.shift(), p.relativeShift(), p.nearestBaseline(),
          p.nearestRelativeDistance(), shares[p.snapshot()], outside[p.snapshot()], newRegion));
    }
    return new DriftRunRecord.CentroidShifts("minimum total Euclidean distance (Hungarian method); shifts in baseline cluster radii",
        pairs, match.maxRelativeShift(), coverage.outsideShare(), own.outsideShare(), newRegions, coverage.newRegionShare(),
        "farther from the nearest baseline centre than that cluster's " + settings.outsideQuantile()
            + " of its own points' distances (as the distance job's outliers)");
  }

  private DriftRunRecord.Distribution distribution(StoredBaseline baseline, Samples samples, DriftResult snapshot,
      DomainClassifier.Result classifier, Map<Statistic, Double> statistics) {
    int dim = baseline.dim();
    double[] before = samples.baseline();
    double[] after = samples.snapshot();
    int nb = samples.baselineRows();
    int ns = samples.snapshotRows();

    statistics.put(Statistic.DOMAIN_CLASSIFIER_AUC, classifier.rocAuc());
    statistics.put(Statistic.DOMAIN_CLASSIFIER_AUC_P_VALUE, classifier.pValue());
    DriftRunRecord.DomainClassifierResult domainClassifier = new DriftRunRecord.DomainClassifierResult(classifier.rocAuc(),
        classifier.pValue(), classifier.trained(), classifier.tested(),
        "logistic regression (Spark MLlib), L2 " + settings.classifierRegularization());

    DriftRunRecord.MeanDistance meanDistance = null;
    if (baseline.mean() != null) {
      MeanShift shift = MeanShift.between(baseline.mean(), snapshot.clusters().mean());
      statistics.put(Statistic.MEAN_EUCLIDEAN_DISTANCE, shift.euclidean());
      statistics.put(Statistic.MEAN_COSINE_DISTANCE, shift.cosine());
      meanDistance = new DriftRunRecord.MeanDistance(shift.euclidean(), shift.cosine());
    }

    int tested = Math.min(baseline.components(), settings.maxComponentsTested());
    ComponentShift.Result components = ComponentShift.of(before, nb, after, ns, dim, tested, settings.componentTestAlpha());
    statistics.put(Statistic.DRIFTED_COMPONENT_SHARE, components.share());
    List<Integer> drifted = components.components().stream().filter(ComponentShift.Component::drifted).map(ComponentShift.Component::index).toList();
    KernelShift kernel = KernelShift.ofMedianHeuristic(before, nb, dim);
    statistics.put(Statistic.MMD, kernel.mmd(before, nb, after, ns, dim));
    return new DriftRunRecord.Distribution(new DriftRunRecord.SampleSizes(nb, ns), domainClassifier, meanDistance,
        new DriftRunRecord.Components(components.tested(), components.drifted(), components.share(), components.alpha(),
            "two-sample Kolmogorov-Smirnov on projections onto the principal axes of both samples pooled", drifted),
        new DriftRunRecord.KernelDistance(statistics.get(Statistic.MMD), kernel.scale(),
            "unbiased squared MMD, Gaussian kernel exp(-d^2 / scale), scale the median squared distance in the baseline's sample"));
  }

  private static DriftRunRecord.Structure structure(StoredBaseline baseline, DriftResult snapshot) {
    return new DriftRunRecord.Structure(
        new DriftRunRecord.Pair<>(baseline.components(), snapshot.componentsForVariance()),
        new DriftRunRecord.Pair<>(baseline.centroids().k(), snapshot.centroids().k()),
        new DriftRunRecord.Pair<>(baseline.inertiaPerPoint(), snapshot.clusters().inertia() / snapshot.clusters().total()),
        new DriftRunRecord.Pair<>(baseline.silhouetteEuclidean(), snapshot.silhouetteEuclidean()),
        new DriftRunRecord.Pair<>(baseline.silhouetteSquaredEuclidean(), snapshot.silhouetteSquaredEuclidean()));
  }

  private static DriftRunRecord.BaselineRef baselineSummary(StoredBaseline baseline, String dataPath) {
    return new DriftRunRecord.BaselineRef(baseline.runId(), baseline.runTs(), dataPath, baseline.centroids().k());
  }

  /** A seeded sample of at most {@code size} vectors, row-major: the same rows whatever the partitioning. */
  private static double[] seededSample(JavaRDD<VectorBlock> blocks, int size, long seed, int dim) throws Exception {
    return SeededSamples.draw(blocks, dim, List.of(new SeededSamples.Spec(size, seed))).get(0).matrix(dim);
  }
}
