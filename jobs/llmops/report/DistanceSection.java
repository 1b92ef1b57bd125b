package llmops.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import llmops.drift.StoredBaseline;
import llmops.report.Charts.Axis;
import llmops.report.Charts.Series;
import llmops.udfs.distance.DistanceQuantiles;

/**
 * One distance series: the latest run's prompt distances per reference cluster against the
 * reference's own (the quantiles its BASELINE stored with each centroid), the trend over runs, the
 * share of outliers, coverage per cluster, and the most distant prompts with their text.
 */
final class DistanceSection {
  private static final Axis RUNS = new Axis("run, oldest to newest", "run id");
  private static final Axis CLUSTERS = new Axis("reference cluster", "cluster number");

  private DistanceSection() {}

  /** A prompt from the run's outliers, with its text when the input had one. */
  record DistantPrompt(String id, int cluster, double distance, double threshold, String text) {}

  /**
   * {@code runs}: the series' run items in time order; {@code baseline}: the reference BASELINE the
   * latest run measured against, if it is still stored; {@code distant}: its most distant prompts,
   * or empty with {@code distantNote} saying why.
   */
  static ReportPart render(String series, List<Map<String, Object>> runs, Optional<StoredBaseline> baseline,
      List<DistantPrompt> distant, String distantNote) {
    ReportPart part = new ReportPart("distance", series, "Prompt distances, series '" + series + "'");
    Map<String, Object> latest = runs.get(runs.size() - 1);
    String metric = Values.text(latest, "metric");
    Axis distanceAxis = new Axis("distance to the nearest reference centroid", metric + " distance");
    part.add(callout(latest));
    againstReference(part, latest, baseline, distanceAxis);
    trend(part, series, runs, distanceAxis);
    coverage(part, latest);
    part.add("<h4>Most distant prompts of run " + Html.escape(Values.text(latest, "run_id")) + "</h4>\n");
    if (distant.isEmpty()) {
      part.add(Html.note(distantNote));
    } else {
      Html.Table table = new Html.Table("class=\"distant\"", "prompt id", "reference cluster", metric + " distance",
          "outlier threshold", "text");
      for (DistantPrompt p : distant) {
        table.row("data-prompt=\"" + Html.escape(p.id()) + "\"", Html.escape(p.id()), Integer.toString(p.cluster()),
            Html.number(p.distance(), 4), Html.number(p.threshold(), 4), "<span class=\"text\">" + Html.escape(p.text()) + "</span>");
      }
      part.add(Html.note(distantNote));
      part.add(table.render());
    }
    part.fact("outlier_share", Values.number(latest, "coverage/outlier_share"));
    return part;
  }

  private static String callout(Map<String, Object> latest) {
    return "<div class=\"callout\">Latest run <b>" + Html.escape(Values.text(latest, "run_id")) + "</b> ("
        + Html.time(Values.number(latest, "run_ts")) + "): " + Html.integer(Values.number(latest, "distances/overall/count"))
        + " prompts against BASELINE " + Html.escape(Values.text(latest, "reference/baseline_run_id")) + " of series '"
        + Html.escape(Values.text(latest, "reference/series")) + "' (k = " + Html.integer(Values.number(latest, "reference/k"))
        + "); " + Html.escape(Values.text(latest, "metric")) + " distance mean "
        + Html.number(Values.number(latest, "distances/overall/mean"), 4) + ", median "
        + Html.number(Values.number(latest, "distances/overall/p50"), 4) + ", p99 "
        + Html.number(Values.number(latest, "distances/overall/p99"), 4) + "; <b>outliers "
        + Html.integer(Values.number(latest, "coverage/outliers")) + " (" + Html.percent(Values.number(latest, "coverage/outlier_share"))
        + ")</b>: " + Html.escape(Values.text(latest, "coverage/outlier_rule")) + ".</div>\n";
  }

  @SuppressWarnings("unchecked")
  private static void againstReference(ReportPart part, Map<String, Object> latest, Optional<StoredBaseline> baseline, Axis distanceAxis) {
    List<Object> clusters = Values.list(latest, "distances/by_cluster");
    List<String> names = new ArrayList<>();
    Map<String, List<Double>> values = new LinkedHashMap<>();
    int p50 = DistanceQuantiles.NAMES.indexOf("p50");
    int p99 = DistanceQuantiles.NAMES.indexOf("p99");
    double[][] reference = baseline.map(b -> "cosine".equals(Values.text(latest, "metric"))
        ? b.referenceDistances().cosine() : b.referenceDistances().euclidean()).orElse(null);
    if (reference != null) {
      values.put("reference p50", new ArrayList<>());
      values.put("reference p99", new ArrayList<>());
    }
    values.put("prompts p50", new ArrayList<>());
    values.put("prompts p99", new ArrayList<>());
    for (Object o : clusters) {
      Map<String, Object> cluster = (Map<String, Object>) o;
      int c = Values.number(cluster, "cluster").intValue();
      names.add(Integer.toString(c));
      if (reference != null) {
        values.get("reference p50").add(c < reference.length ? reference[c][p50] : null);
        values.get("reference p99").add(c < reference.length ? reference[c][p99] : null);
      }
      // A cluster no prompt came near has no quantiles (stored as null).
      values.get("prompts p50").add(Values.number(cluster, "p50"));
      values.get("prompts p99").add(Values.number(cluster, "p99"));
    }
    part.add(Charts.bars("Prompt distances against the reference's own, per reference cluster", CLUSTERS, distanceAxis,
        new Series(names, values), null));
    if (reference == null) {
      part.add(Html.note("The reference BASELINE " + Values.text(latest, "reference/baseline_run_id")
          + " is no longer stored: its own distances cannot be shown beside the prompts'."));
    }
  }

  private static void trend(ReportPart part, String series, List<Map<String, Object>> runs, Axis distanceAxis) {
    List<String> labels = runs.stream().map(r -> Values.text(r, "run_id")).toList();
    Map<String, List<Double>> values = new LinkedHashMap<>();
    for (String statistic : List.of("mean", "p50", "p90", "p99")) {
      values.put(statistic, runs.stream().map(r -> Values.number(r, "distances/overall/" + statistic)).toList());
    }
    part.add(Charts.lines("Prompt distances over runs, series '" + series + "'", RUNS, distanceAxis, new Series(labels, values)));
    List<Double> outliers = runs.stream().map(r -> Values.number(r, "coverage/outlier_share")).map(s -> s == null ? null : 100 * s).toList();
    part.add(Charts.lines("Share of outlier prompts over runs, series '" + series + "'", RUNS, new Axis("outlier prompts", "% of the run's prompts"),
        new Series(labels, Map.of("outliers", outliers))));
  }

  @SuppressWarnings("unchecked")
  private static void coverage(ReportPart part, Map<String, Object> latest) {
    List<String> names = new ArrayList<>();
    Map<String, List<Double>> values = new LinkedHashMap<>();
    values.put("share of the prompts", new ArrayList<>());
    values.put("share of the reference", new ArrayList<>());
    values.put("outliers among the cluster's prompts", new ArrayList<>());
    for (Object o : Values.list(latest, "coverage/by_cluster")) {
      Map<String, Object> cluster = (Map<String, Object>) o;
      names.add(Values.text(cluster, "cluster"));
      values.get("share of the prompts").add(100 * Values.number(cluster, "prompt_share"));
      values.get("share of the reference").add(100 * Values.number(cluster, "reference_share"));
      values.get("outliers among the cluster's prompts").add(100 * Values.number(cluster, "outlier_share"));
    }
    part.add(Charts.bars("Coverage per reference cluster, run " + Values.text(latest, "run_id"), CLUSTERS, new Axis("share", "%"),
        new Series(names, values), null));
  }
}
