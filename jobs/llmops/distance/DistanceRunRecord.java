package llmops.distance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.List;
import java.util.Map;
import llmops.io.QuantileSet;

/**
 * One distance run as stored (native schema) and summarised: the prompts' distances to the
 * reference BASELINE's centroids, overall and per cluster, the outliers, and the trend against the
 * series' earlier runs. Component names are the item's attribute names and the summary's keys in
 * snake case ({@link llmops.io.Records}). The one open-ended map is the input's
 * {@code quarantined_by_reason} (a count per reason a record was refused).
 *
 * @param runTs epoch seconds of the run's first start (a rerun keeps its place)
 */
public record DistanceRunRecord(
    String job,
    String status,
    String series,
    String runId,
    long runTs,
    String metric,
    Reference reference,
    Input input,
    Distances distances,
    Coverage coverage,
    Trend trend,
    Outputs outputs,
    @JsonInclude(Include.NON_NULL) Novelty novelty) {

  static final String JOB = "distance";
  static final String OK = "ok";

  /** The run's sort key in the native table. */
  public String runKey() {
    return runKey(runId);
  }

  static String runKey(String runId) {
    return "DISTANCE#" + runId;
  }

  public record Reference(String series, String baselineRunId, int k, int dim) {}

  /** @param quarantinePath null when nothing was quarantined */
  public record Input(String promptPath, String format, long records, long valid, int dim, long quarantined,
      Map<String, Long> quarantinedByReason, String quarantinePath, long blankLinesSkipped) {}

  public record Distances(Statistics overall, List<Statistics> byCluster) {}

  /**
   * Distance statistics of a group of prompts; NaN (stored as null) for a cluster no prompt came near.
   *
   * @param cluster the reference cluster; null (absent) for all prompts together
   */
  public record Statistics(@JsonInclude(Include.NON_NULL) Integer cluster, long count, double mean, double stddev, double min,
      double max, double p50, double p90, double p95, double p99) {}

  public record Coverage(String outlierRule, long outliers, double outlierShare, List<ClusterCoverage> byCluster) {}

  public record ClusterCoverage(int cluster, double promptShare, double referenceShare, double outlierThreshold, long outliers,
      double outlierShare) {}

  /**
   * @param previousRuns up to five earlier runs of the series, newest first
   * @param changeSincePrevious absent when there is no earlier run or it used another metric
   */
  public record Trend(List<PreviousRun> previousRuns, @JsonInclude(Include.NON_NULL) Change changeSincePrevious) {}

  /** @param novelShare absent for a run before novelty was measured */
  public record PreviousRun(String runId, long runTs, String metric, double mean, double p50, double outlierShare,
      @JsonInclude(Include.NON_NULL) Double novelShare) {}

  /** @param novelShare absent when the previous run has none */
  public record Change(double mean, double p50, double outlierShare, @JsonInclude(Include.NON_NULL) Double novelShare) {}

  /**
   * Coverage by nearest reference points: each prompt's distance to its k-th nearest reference
   * vector (exact), against the reference's own leave-one-out distances of that kind.
   *
   * @param referenceKnnDistances the reference's leave-one-out quantiles in the run's metric, measured by this run on a sample of it
   * @param knnDistances the prompts' kNN distances (no cluster)
   * @param byCluster per nearest reference centroid
   * @param mostNovel the prompts farthest from the reference, farthest first, with their text when the input has it
   * @param search broadcast (the reference indexed once and sent to every executor) or partitioned
   * @param sampleSize the reference points whose leave-one-out distances were measured (all of them when the reference has fewer than --knn_sample)
   * @param sampleSeed the sample's seed: the BASELINE's
   */
  public record Novelty(String rule, int k, double threshold, long novel, double novelShare, QuantileSet referenceKnnDistances,
      Statistics knnDistances, List<ClusterNovelty> byCluster, List<NovelPrompt> mostNovel, String search, long referenceVectors,
      // Absent in a run stored when the BASELINE measured the yardstick (its sample was on the BASELINE's item then).
      @JsonInclude(Include.NON_NULL) Integer sampleSize, @JsonInclude(Include.NON_NULL) Long sampleSeed) {}

  public record ClusterNovelty(int cluster, long prompts, long novel, double novelShare) {}

  public record NovelPrompt(String id, int cluster, double knnDistance, @JsonInclude(Include.NON_NULL) String text) {}

  /**
   * @param prompts per-prompt distances (Parquet); @param outliers the outliers among them (Parquet)
   * @param novel the novel prompts, with their text when the input has it (Parquet); absent in a run
   *     stored before novelty was measured, so that run's item still reads as the trend's earlier run
   */
  public record Outputs(String prompts, String outliers, boolean outliersHaveText, String table, @JsonInclude(Include.NON_NULL) String novel) {}
}
