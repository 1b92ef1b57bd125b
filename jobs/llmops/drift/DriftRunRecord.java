package llmops.drift;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.List;
import java.util.Map;
import llmops.io.Float32Vector;
import llmops.io.QuantileSet;

/**
 * One drift run as stored (native schema) and summarised: what it read, its PCA, K-Means and
 * silhouettes, deequ's data quality and, for a SNAPSHOT, its comparison with the BASELINE and the
 * verdict. Component names are the item's attribute names and the summary's keys in snake case
 * ({@link llmops.io.Records}); {@link DriftRunItems} and {@link DriftSummaryLine} add the store's
 * and the summary's own keys.
 *
 * <p>Two maps stay maps, their keys open-ended: the input's {@code quarantined_by_reason} (one
 * count per reason a record was refused) and the data quality's {@code metrics} (deequ's metric
 * names, e.g. "Mean(l2_norm)", whatever analyzers ran).
 *
 * @param runTs epoch seconds: the run's start in its summary, its first start in its item (a rerun keeps its place)
 * @param engine the analysis engine, native or mllib; null (absent) in items written before engines were recorded
 * @param mllib the MLlib stages' parameters, with {@code --engine mllib} only
 * @param comparison a SNAPSHOT's, when it had a BASELINE; else null and absent
 * @param verdict a SNAPSHOT's (or why it has none); null and absent for a BASELINE
 * @param consecutive a SNAPSHOT's comparison with the series' previous SNAPSHOT, under --compare_previous when there is one; else null and absent
 * @param window the time window this SNAPSHOT is, under --window; else null and absent
 * @param segments under --segment_field, each segment's outcome, most severe first; else null and absent
 * @param mean the mean vector, stored with the item (a SNAPSHOT's mean shift needs it) but not in the summary line
 */
// A BASELINE stored by the 2026-12 builds before the distance job measured its own kNN yardstick
// carries "knn": nothing reads it now, but such an item must still read.
@JsonIgnoreProperties("knn")
public record DriftRunRecord(
    String job,
    String status,
    String jobType,
    String series,
    String runId,
    long runTs,
    String schema,
    @JsonInclude(Include.NON_NULL) String engine,
    Input input,
    Pca pca,
    KMeans kmeans,
    Silhouette silhouette,
    DataQualityReport dataQuality,
    @JsonInclude(Include.NON_NULL) MllibRun mllib,
    @JsonInclude(Include.NON_NULL) Comparison comparison,
    @JsonInclude(Include.NON_NULL) VerdictRecord verdict,
    @JsonInclude(Include.NON_NULL) Consecutive consecutive,
    @JsonInclude(Include.NON_NULL) Window window,
    @JsonInclude(Include.NON_NULL) List<SegmentOutcome> segments,
    @JsonInclude(Include.NON_NULL) Float32Vector mean) {

  static final String JOB = "drift";
  static final String OK = "ok";

  @JsonIgnore
  public boolean isSnapshot() {
    return DriftRun.JobType.SNAPSHOT.name().equals(jobType);
  }

  /** The run's sort key in the native runs table. */
  public String runKey() {
    return jobType + "#" + runId;
  }

  DriftRunRecord withRunTs(long stored) {
    return new DriftRunRecord(job, status, jobType, series, runId, stored, schema, engine, input, pca, kmeans, silhouette, dataQuality,
        mllib, comparison, verdict, consecutive, window, segments, mean);
  }

  /**
   * @param idField absent for the seed format, which has no fields
   * @param quarantinePath null when nothing was quarantined
   */
  public record Input(String dataPath, String format, @JsonInclude(Include.NON_NULL) String idField,
      @JsonInclude(Include.NON_NULL) String embeddingField, long files, long records, long valid, int dim, long quarantined,
      Map<String, Long> quarantinedByReason, String quarantinePath, long blankLinesSkipped) {}

  /** @param varpc components - 1: the AWS sample's name and count */
  public record Pca(double varianceTarget, int components, int varpc, List<Double> cumulativeVariance) {}

  public record KMeans(int k, KSelection kSelection, long seed, int iterations, boolean converged, double inertia,
      double inertiaPerPoint, List<Long> clusterSizes, List<Double> clusterProportions) {}

  /** @param candidates the k values tried, with --k auto only */
  public record KSelection(String method, @JsonInclude(Include.NON_NULL) List<KCandidate> candidates) {}

  public record KCandidate(int k, double silhouetteEuclidean, double inertia, int iterations) {}

  public record Silhouette(double squaredEuclidean, double euclidean, int euclideanSampleSize, boolean euclideanExact) {}

  /**
   * @param metrics deequ's metrics by its names (open-ended: whatever analyzers ran)
   * @param duplicateIds the vectors with an id that an earlier vector already has; null (absent) in
   *     items written before it was counted, so a SNAPSHOT can still read an older BASELINE
   */
  public record DataQualityReport(String status, Map<String, Double> metrics, @JsonInclude(Include.NON_NULL) Long duplicateIds,
      List<ConstraintOutcome> checks) {}

  /** How {@code --engine mllib} ran: the Spark that ran MLlib, its stages' parameters and the partitions it read. */
  public record MllibRun(String sparkVersion, MllibPca pca, MllibKMeans kmeans, int partitions) {}

  /** @param componentsCap the cap and why ("100 (the AWS sample's PCA(k=100), ...)"), or "none: all D components" */
  public record MllibPca(int componentsComputed, String componentsCap) {}

  public record MllibKMeans(String initMode, int initSteps, int maxIterations, double tolerance, long seed) {}

  public record ConstraintOutcome(String constraint, String status, @JsonInclude(Include.NON_NULL) String message) {}

  /**
   * A SNAPSHOT's verdict: drift or not with the checks that decided it, or, with {@code drift} null,
   * the {@code reason} there is none.
   *
   * @param level the calibrated level, ok, warning or drift; null (absent) without calibration and in
   *     items written before it
   * @param calibrated how the level was reached, statistic by statistic; null (absent) likewise
   */
  public record VerdictRecord(Boolean drift, @JsonInclude(Include.NON_NULL) List<String> triggeredBy,
      @JsonInclude(Include.NON_NULL) List<Check> checks, @JsonInclude(Include.NON_NULL) String reason,
      @JsonInclude(Include.NON_NULL) String level, @JsonInclude(Include.NON_NULL) Calibrated calibrated) {

    /** Without a calibrated level: the fixed rules' verdict as stored before calibration. */
    public VerdictRecord(Boolean drift, List<String> triggeredBy, List<Check> checks, String reason) {
      this(drift, triggeredBy, checks, reason, null, null);
    }
  }

  /**
   * The calibrated verdict's working: how the nulls were drawn, the thresholds, and every judged statistic.
   *
   * @param resampleSize the pseudo-snapshots' size (the snapshot's, bounded)
   * @param decides whether this level, rather than the fixed rules, set {@code drift}
   */
  public record Calibrated(String method, int resamples, int refitResamples, int resampleSize, double warningFdr, double driftFdr,
      boolean decides, List<CalibratedStatistic> statistics) {}

  /**
   * One statistic judged: its value, its null's size and quantiles, its empirical and
   * Benjamini-Hochberg-adjusted p-values (absent without a null), its history band (absent without
   * enough history) and its level.
   */
  public record CalibratedStatistic(String statistic, double value, @JsonInclude(Include.NON_NULL) Integer nullSize,
      @JsonInclude(Include.NON_NULL) QuantileSet nullQuantiles, @JsonInclude(Include.NON_NULL) Double pValue,
      @JsonInclude(Include.NON_NULL) Double pValueAdjusted, @JsonInclude(Include.NON_NULL) Band history, String level) {}

  /** A statistic's history band: mean ± k sd over {@code runs} accepted SNAPSHOTs, and whether this value is beyond it. */
  public record Band(int runs, double mean, double sd, double k, double lower, double upper, boolean beyond) {}

  /** One rule's outcome: exactly one of {@code above} and {@code below}; a p-value only for rules with a significance level. */
  public record Check(String statistic, double value, @JsonInclude(Include.NON_NULL) Double above,
      @JsonInclude(Include.NON_NULL) Double below, @JsonInclude(Include.NON_NULL) Double pValue,
      @JsonInclude(Include.NON_NULL) Double significantBelow, boolean crossed, boolean decides) {}

  /**
   * One window of a --window run: the records whose {@code timeField} is in [start, start + size).
   *
   * @param start the start in UTC to the hour, as in the run id (2026-12-01T00)
   * @param startTs the start in epoch seconds
   */
  public record Window(String timeField, String size, String start, long startTs) {}

  /**
   * One segment of a --segment_field SNAPSHOT: judged as a SNAPSHOT of series {@code <series>#<segment>}
   * (its run there holds the statistics), or, below --min_segment_size, only counted.
   *
   * @param level the calibrated level, absent when not judged or not calibrated
   * @param drift the verdict, absent when not judged
   * @param reason why it was not judged, absent when it was
   */
  public record SegmentOutcome(String segment, String series, long vectors, boolean judged, @JsonInclude(Include.NON_NULL) String level,
      @JsonInclude(Include.NON_NULL) Boolean drift, @JsonInclude(Include.NON_NULL) List<String> triggeredBy,
      @JsonInclude(Include.NON_NULL) String reason) {}

  /** A SNAPSHOT compared with the previous SNAPSHOT of its series as if that were its BASELINE: the change since the last run. */
  public record Consecutive(String previousRun, Comparison comparison, VerdictRecord verdict) {}

  public record Comparison(BaselineRef baseline, Proportions proportions, CentroidShifts centroids, Distribution distribution,
      Structure structure) {}

  public record BaselineRef(String runId, long runTs, String dataPath, int k) {}

  public record Proportions(List<Double> baseline, List<Double> snapshot, List<Long> snapshotCounts, double psi, double jsDistance,
      ChiSquare chiSquare) {}

  public record ChiSquare(double statistic, int dof, double pValue) {}

  public record CentroidShifts(String matching, List<CentroidPair> pairs, double maxRelativeShift, double outsideShare,
      double baselineOutsideShare, List<Integer> newRegions, double newRegionShare, String outside) {}

  public record CentroidPair(int snapshotCluster, int baselineCluster, double shift, double relativeShift, int nearestBaselineCluster,
      double nearestRelativeDistance, double snapshotShare, double outsideShare, boolean newRegion) {}

  /**
   * @param meanEmbeddingDistance absent when the BASELINE stored no mean
   * @param kernelDistance absent in runs stored before it was measured
   */
  public record Distribution(SampleSizes sampleSizes, DomainClassifierResult domainClassifier,
      @JsonInclude(Include.NON_NULL) MeanDistance meanEmbeddingDistance, Components components,
      @JsonInclude(Include.NON_NULL) KernelDistance kernelDistance) {}

  /** The squared maximum mean discrepancy between the two samples, and its Gaussian kernel's scale (the median heuristic). */
  public record KernelDistance(double mmd, double kernelScale, String method) {}

  public record SampleSizes(int baseline, int snapshot) {}

  public record DomainClassifierResult(double rocAuc, double pValue, int trainedOn, int testedOn, String model) {}

  public record MeanDistance(double euclidean, double cosine) {}

  public record Components(int tested, int drifted, double share, double alphaFamilyWise, String test, List<Integer> driftedComponents) {}

  public record Structure(Pair<Integer> componentsForVariance, Pair<Integer> k, Pair<Double> inertiaPerPoint,
      Pair<Double> silhouetteEuclidean, Pair<Double> silhouetteSquaredEuclidean) {}

  public record Pair<T>(T baseline, T snapshot) {}
}
