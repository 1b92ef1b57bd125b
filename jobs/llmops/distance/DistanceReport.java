package llmops.distance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmops.config.RunIdentity;
import llmops.drift.StoredBaseline;
import llmops.io.ValidatedEmbeddings;
import llmops.udfs.distance.CentroidDistances;
import llmops.udfs.distance.DistanceQuantiles;
import llmops.udfs.distance.OutlierRule;

/** A distance run's summary as nested maps (its JSON line and its DynamoDB item), and the lines a person reads. */
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

  Map<String, Object> summary(String promptPath, ValidatedEmbeddings input, String quarantine, PromptStatistics stats, double[] thresholds,
      long[][] outliers, List<Map<String, Object>> previous, String distancePath, boolean withText, String table) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job", "distance");
    m.put("status", "ok");
    m.put("series", series);
    m.put("run_id", run.runId());
    m.put("run_ts", run.epochSeconds());
    m.put("metric", metric.name().toLowerCase());
    m.put("reference", Map.of("series", referenceSeries, "baseline_run_id", baseline.runId(), "k", baseline.centroids().k(), "dim", baseline.dim()));
    m.put("input", input(promptPath, input, quarantine));
    Map<String, Object> distances = new LinkedHashMap<>();
    distances.put("overall", group(stats, stats.k()));
    List<Map<String, Object>> clusters = new ArrayList<>();
    for (int c = 0; c < stats.k(); c++) {
      Map<String, Object> cluster = new LinkedHashMap<>();
      cluster.put("cluster", c);
      cluster.putAll(group(stats, c));
      clusters.add(cluster);
    }
    distances.put("by_cluster", clusters);
    m.put("distances", distances);
    m.put("coverage", coverage(stats, thresholds, outliers));
    m.put("trend", trend(previous, m));
    m.put("outputs", Map.of("prompts", distancePath + "/prompts", "outliers", distancePath + "/outliers", "outliers_have_text", withText,
        "table", table));
    return m;
  }

  private static Map<String, Object> input(String promptPath, ValidatedEmbeddings input, String quarantine) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("prompt_path", promptPath);
    m.put("format", input.format().name().toLowerCase());
    m.put("records", input.records());
    m.put("valid", input.valid());
    m.put("dim", input.dim());
    m.put("quarantined", input.quarantined());
    m.put("quarantined_by_reason", input.quarantinedByReason());
    m.put("quarantine_path", quarantine);
    m.put("blank_lines_skipped", input.blankLines());
    return m;
  }

  private static Map<String, Object> group(PromptStatistics stats, int g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", stats.summary().count(g));
    m.put("mean", stats.summary().mean(g));
    m.put("stddev", stats.summary().stddev(g));
    m.put("min", stats.summary().min(g));
    m.put("max", stats.summary().max(g));
    for (int q = 0; q < DistanceQuantiles.NAMES.size(); q++) {
      m.put(DistanceQuantiles.NAMES.get(q), stats.quantiles().quantile(g, q));
    }
    return m;
  }

  private Map<String, Object> coverage(PromptStatistics stats, double[] thresholds, long[][] outliers) {
    long total = stats.summary().count(stats.k());
    long outlierTotal = 0;
    List<Map<String, Object>> clusters = new ArrayList<>();
    for (int c = 0; c < stats.k(); c++) {
      outlierTotal += outliers[c][1];
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("cluster", c);
      row.put("prompt_share", (double) stats.summary().count(c) / total);
      row.put("reference_share", (double) baseline.clusterSizes()[c] / java.util.Arrays.stream(baseline.clusterSizes()).sum());
      row.put("outlier_threshold", thresholds[c]);
      row.put("outliers", outliers[c][1]);
      row.put("outlier_share", outliers[c][0] == 0 ? 0.0 : (double) outliers[c][1] / outliers[c][0]);
      clusters.add(row);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("outlier_rule", "distance above " + rule.margin() + " x the reference cluster's " + rule.quantile() + " (" + metric.name().toLowerCase() + ")");
    m.put("outliers", outlierTotal);
    m.put("outlier_share", (double) outlierTotal / total);
    m.put("by_cluster", clusters);
    return m;
  }

  /** The earlier runs of the series, newest first, and how this run differs from the latest of them. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> trend(List<Map<String, Object>> previous, Map<String, Object> current) {
    List<Map<String, Object>> runs = new ArrayList<>();
    for (Map<String, Object> p : previous) {
      Map<String, Object> overall = (Map<String, Object>) ((Map<String, Object>) p.get("distances")).get("overall");
      Map<String, Object> coverage = (Map<String, Object>) p.get("coverage");
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("run_id", p.get("run_id"));
      row.put("run_ts", p.get("run_ts"));
      row.put("metric", p.get("metric"));
      row.put("mean", overall.get("mean"));
      row.put("p50", overall.get("p50"));
      row.put("outlier_share", coverage.get("outlier_share"));
      runs.add(row);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("previous_runs", runs);
    if (!runs.isEmpty() && String.valueOf(runs.get(0).get("metric")).equals(current.get("metric"))) {
      Map<String, Object> overall = (Map<String, Object>) ((Map<String, Object>) current.get("distances")).get("overall");
      Map<String, Object> coverage = (Map<String, Object>) current.get("coverage");
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("mean", (Double) overall.get("mean") - number(runs.get(0).get("mean")));
      change.put("p50", (Double) overall.get("p50") - number(runs.get(0).get("p50")));
      change.put("outlier_share", (Double) coverage.get("outlier_share") - number(runs.get(0).get("outlier_share")));
      m.put("change_since_previous", change);
    }
    return m;
  }

  private static double number(Object value) {
    return value instanceof BigDecimal n ? n.doubleValue() : Double.NaN;
  }

  @SuppressWarnings("unchecked")
  static void printReadable(Map<String, Object> s) {
    Map<String, Object> input = (Map<String, Object>) s.get("input");
    Map<String, Object> overall = (Map<String, Object>) ((Map<String, Object>) s.get("distances")).get("overall");
    Map<String, Object> coverage = (Map<String, Object>) s.get("coverage");
    Map<String, Object> reference = (Map<String, Object>) s.get("reference");
    System.out.printf("distance run of series '%s' (run %s) against BASELINE %s of '%s' (k=%s)%n", s.get("series"), s.get("run_id"),
        reference.get("baseline_run_id"), reference.get("series"), reference.get("k"));
    System.out.printf("  input        %s prompts of dimension %s valid, %s quarantined %s%n",
        input.get("valid"), input.get("dim"), input.get("quarantined"), input.get("quarantined_by_reason"));
    System.out.printf("  %-12s mean %.4g, stddev %.4g, p50 %.4g, p90 %.4g, p99 %.4g, max %.4g%n", s.get("metric"),
        overall.get("mean"), overall.get("stddev"), overall.get("p50"), overall.get("p90"), overall.get("p99"), overall.get("max"));
    StringBuilder shares = new StringBuilder();
    for (Map<String, Object> c : (List<Map<String, Object>>) coverage.get("by_cluster")) {
      shares.append(shares.length() == 0 ? "" : " ").append(String.format("%.1f%%", 100 * (Double) c.get("prompt_share")));
    }
    System.out.printf("  clusters     %s of the prompts%n", shares);
    System.out.printf("  outliers     %s (%.2f%%): %s%n", coverage.get("outliers"), 100 * (Double) coverage.get("outlier_share"), coverage.get("outlier_rule"));
    Map<String, Object> change = (Map<String, Object>) ((Map<String, Object>) s.get("trend")).get("change_since_previous");
    if (change != null) {
      System.out.printf("  trend        since the previous run: mean %+.4g, outlier share %+.2f points%n",
          change.get("mean"), 100 * (Double) change.get("outlier_share"));
    }
  }
}
