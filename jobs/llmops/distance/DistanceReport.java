package llmops.distance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import llmops.config.RunIdentity;
import llmops.drift.StoredBaseline;
import llmops.io.ValidatedEmbeddings;
import llmops.udfs.distance.CentroidDistances;
import llmops.udfs.distance.DistanceQuantiles;
import llmops.udfs.distance.NoveltyRule;
import llmops.udfs.distance.OutlierRule;

/** A distance run's record (its JSON line and its DynamoDB item), and the lines a person reads. */
final class DistanceReport {
  private final String series;
  private final RunIdentity run;
  private final CentroidDistances.Metric metric;
  private final OutlierRule rule;
  private final StoredBaseline baseline;
  private final String referenceSeries;

  DistanceReport(String series, RunIdentity run, CentroidDistances.Metric metric, OutlierRule rule, StoredBaseline baseline, String referenceSeries) {
    this.series = series;
    this.run = run;
    this.metric = metric;
    this.rule = rule;
    this.baseline = baseline;
    this.referenceSeries = referenceSeries;
  }

  DistanceRunRecord record(String promptPath, ValidatedEmbeddings input, String quarantine, PromptStatistics stats, double[] thresholds,
      long[][] outliers, List<DistanceRunRecord> previous, String distancePath, boolean withText, String table, DistanceRunRecord.Novelty novelty) {
    List<DistanceRunRecord.Statistics> clusters = new ArrayList<>();
    for (int c = 0; c < stats.k(); c++) {
      clusters.add(statistics(stats, c, c));
    }
    DistanceRunRecord.Distances distances = new DistanceRunRecord.Distances(statistics(stats, stats.k(), null), clusters);
    DistanceRunRecord.Coverage coverage = coverage(stats, thresholds, outliers);
    String metricName = metric.name().toLowerCase();
    return new DistanceRunRecord(DistanceRunRecord.JOB, DistanceRunRecord.OK, series, run.runId(), run.epochSeconds(), metricName,
        new DistanceRunRecord.Reference(referenceSeries, baseline.runId(), baseline.centroids().k(), baseline.dim()),
        input(promptPath, input, quarantine), distances, coverage, trend(previous, metricName, distances.overall(), coverage, novelty),
        new DistanceRunRecord.Outputs(distancePath + "/prompts", distancePath + "/outliers", withText, table, distancePath + "/novel"), novelty);
  }

  /**
   * Coverage by nearest reference points: the novel prompts overall and per nearest reference
   * cluster ({@code flagged[c]} = {prompts, outliers, novel}), the prompts' kNN distances against the
   * reference's leave-one-out ones, and the most novel prompts.
   */
  DistanceRunRecord.Novelty novelty(NoveltyRule rule, double threshold, PromptStatistics knn, long[][] flagged,
      List<DistanceRunRecord.NovelPrompt> mostNovel, ReferenceNeighbours.Yardstick reference, boolean broadcast) {
    long total = 0;
    long novel = 0;
    List<DistanceRunRecord.ClusterNovelty> clusters = new ArrayList<>();
    for (int c = 0; c < flagged.length; c++) {
      total += flagged[c][0];
      novel += flagged[c][2];
      clusters.add(new DistanceRunRecord.ClusterNovelty(c, flagged[c][0], flagged[c][2], flagged[c][0] == 0 ? 0.0 : (double) flagged[c][2] / flagged[c][0]));
    }
    return new DistanceRunRecord.Novelty(
        "distance to the " + reference.k() + "-th nearest reference vector above " + rule.margin() + " x the reference's leave-one-out "
            + rule.quantile() + " (" + metric.name().toLowerCase() + ")",
        reference.k(), threshold, novel, (double) novel / total, reference.quantiles(), statistics(knn, 0, null), clusters, mostNovel,
        broadcast ? "broadcast" : "partitioned", reference.referenceVectors(), reference.sampleSize(), reference.sampleSeed());
  }

  private static DistanceRunRecord.Input input(String promptPath, ValidatedEmbeddings input, String quarantine) {
    return new DistanceRunRecord.Input(promptPath, input.format().name().toLowerCase(), input.records(), input.valid(), input.dim(),
        input.quarantined(), input.quarantinedByReason(), quarantine, input.blankLines());
  }

  /** Group {@code g}'s statistics ({@code stats.k()}: all prompts), labelled with {@code cluster}. */
  private static DistanceRunRecord.Statistics statistics(PromptStatistics stats, int g, Integer cluster) {
    return new DistanceRunRecord.Statistics(cluster, stats.summary().count(g), stats.summary().mean(g), stats.summary().stddev(g),
        stats.summary().min(g), stats.summary().max(g), quantile(stats, g, "p50"), quantile(stats, g, "p90"), quantile(stats, g, "p95"),
        quantile(stats, g, "p99"));
  }

  private static double quantile(PromptStatistics stats, int g, String name) {
    return stats.quantiles().quantile(g, DistanceQuantiles.index(name));
  }

  private DistanceRunRecord.Coverage coverage(PromptStatistics stats, double[] thresholds, long[][] outliers) {
    long total = stats.summary().count(stats.k());
    long outlierTotal = 0;
    List<DistanceRunRecord.ClusterCoverage> clusters = new ArrayList<>();
    for (int c = 0; c < stats.k(); c++) {
      outlierTotal += outliers[c][1];
      clusters.add(new DistanceRunRecord.ClusterCoverage(c, (double) stats.summary().count(c) / total,
          (double) baseline.clusterSizes()[c] / Arrays.stream(baseline.clusterSizes()).sum(), thresholds[c], outliers[c][1],
          outliers[c][0] == 0 ? 0.0 : (double) outliers[c][1] / outliers[c][0]));
    }
    return new DistanceRunRecord.Coverage(
        "distance above " + rule.margin() + " x the reference cluster's " + rule.quantile() + " (" + metric.name().toLowerCase() + ")",
        outlierTotal, (double) outlierTotal / total, clusters);
  }

  /** The earlier runs of the series, newest first, and how this run differs from the latest of them. */
  private static DistanceRunRecord.Trend trend(List<DistanceRunRecord> previous, String metric, DistanceRunRecord.Statistics overall,
      DistanceRunRecord.Coverage coverage, DistanceRunRecord.Novelty novelty) {
    List<DistanceRunRecord.PreviousRun> runs = previous.stream().map(p -> new DistanceRunRecord.PreviousRun(p.runId(), p.runTs(),
        p.metric(), p.distances().overall().mean(), p.distances().overall().p50(), p.coverage().outlierShare(),
        p.novelty() == null ? null : p.novelty().novelShare())).toList();
    DistanceRunRecord.Change change = null;
    if (!runs.isEmpty() && runs.get(0).metric().equals(metric)) {
      DistanceRunRecord.PreviousRun latest = runs.get(0);
      change = new DistanceRunRecord.Change(overall.mean() - latest.mean(), overall.p50() - latest.p50(),
          coverage.outlierShare() - latest.outlierShare(),
          latest.novelShare() == null || novelty == null ? null : novelty.novelShare() - latest.novelShare());
    }
    return new DistanceRunRecord.Trend(runs, change);
  }

  static void printReadable(DistanceRunRecord s) {
    DistanceRunRecord.Input input = s.input();
    DistanceRunRecord.Statistics overall = s.distances().overall();
    DistanceRunRecord.Coverage coverage = s.coverage();
    DistanceRunRecord.Reference reference = s.reference();
    System.out.printf("distance run of series '%s' (run %s) against BASELINE %s of '%s' (k=%s)%n", s.series(), s.runId(),
        reference.baselineRunId(), reference.series(), reference.k());
    System.out.printf("  input        %s prompts of dimension %s valid, %s quarantined %s%n",
        input.valid(), input.dim(), input.quarantined(), input.quarantinedByReason());
    System.out.printf("  %-12s mean %.4g, stddev %.4g, p50 %.4g, p90 %.4g, p99 %.4g, max %.4g%n", s.metric(),
        overall.mean(), overall.stddev(), overall.p50(), overall.p90(), overall.p99(), overall.max());
    StringBuilder shares = new StringBuilder();
    for (DistanceRunRecord.ClusterCoverage c : coverage.byCluster()) {
      shares.append(shares.length() == 0 ? "" : " ").append(String.format("%.1f%%", 100 * c.promptShare()));
    }
    System.out.printf("  clusters     %s of the prompts%n", shares);
    System.out.printf("  outliers     %s (%.2f%%): %s%n", coverage.outliers(), 100 * coverage.outlierShare(), coverage.outlierRule());
    DistanceRunRecord.Novelty novelty = s.novelty();
    if (novelty != null) {
      System.out.printf("  novel        %s (%.2f%%): %s%n", novelty.novel(), 100 * novelty.novelShare(), novelty.rule());
    }
    DistanceRunRecord.Change change = s.trend().changeSincePrevious();
    if (change != null) {
      System.out.printf("  trend        since the previous run: mean %+.4g, outlier share %+.2f points%n",
          change.mean(), 100 * change.outlierShare());
    }
  }
}
