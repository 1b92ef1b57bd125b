package llmops.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import llmops.distance.DistanceRunRecord;
import llmops.drift.StoredBaseline;
import llmops.report.Charts.Axis;
import llmops.report.Charts.Series;
import llmops.udfs.distance.DistanceQuantiles;

/**
 * One distance series: the latest run's prompt distances per reference cluster against the
 * reference's own (the quantiles its BASELINE stored with each centroid), the trend over runs, the
 * share of outliers, coverage per cluster, the kNN-distance distribution and novel prompts (coverage by
 * nearest reference points), and the most distant prompts with their text.
 */
final class DistanceSection {
  private static final Axis RUNS = new Axis("run, oldest to newest", "run id");
  private static final Axis CLUSTERS = new Axis("reference cluster", "cluster number");

  private DistanceSection() {}

  /** A prompt from the run's outliers, with its text when the input had one. */
  record DistantPrompt(String id, int cluster, double distance, double threshold, String text) {}

  /**
   * {@code runs}: the series' runs in time order; {@code baseline}: the reference BASELINE the
   * latest run measured against, if it is still stored; {@code distant}: its most distant prompts,
   * or empty with {@code distantNote} saying why.
   */
  static ReportPart render(String series, List<DistanceRunRecord> runs, Optional<StoredBaseline> baseline,
      List<DistantPrompt> distant, String distantNote) {
    ReportPart part = new ReportPart("distance", series, "Prompt distances, series '" + series + "'");
    DistanceRunRecord latest = runs.get(runs.size() - 1);
    String metric = latest.metric();
    Axis distanceAxis = new Axis("distance to the nearest reference centroid", metric + " distance");
    part.add(callout(latest));
    againstReference(part, latest, baseline, distanceAxis);
    trend(part, series, runs, distanceAxis);
    coverage(part, latest);
    novelty(part, series, runs, latest);
    part.add("<h4>Most distant prompts of run " + Html.escape(latest.runId()) + "</h4>\n");
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
    part.fact("outlier_share", defined(latest.coverage().outlierShare()));
    return part;
  }

  private static String callout(DistanceRunRecord latest) {
    DistanceRunRecord.Statistics overall = latest.distances().overall();
    DistanceRunRecord.Coverage coverage = latest.coverage();
    return "<div class=\"callout\">Latest run <b>" + Html.escape(latest.runId()) + "</b> ("
        + Html.time((double) latest.runTs()) + "): " + Html.integer((double) overall.count())
        + " prompts against BASELINE " + Html.escape(latest.reference().baselineRunId()) + " of series '"
        + Html.escape(latest.reference().series()) + "' (k = " + Html.integer((double) latest.reference().k())
        + "); " + Html.escape(latest.metric()) + " distance mean "
        + Html.number(overall.mean(), 4) + ", median " + Html.number(overall.p50(), 4) + ", p99 " + Html.number(overall.p99(), 4)
        + "; <b>outliers " + Html.integer((double) coverage.outliers()) + " (" + Html.percent(coverage.outlierShare())
        + ")</b>: " + Html.escape(coverage.outlierRule()) + ".</div>\n";
  }

  private static void againstReference(ReportPart part, DistanceRunRecord latest, Optional<StoredBaseline> baseline, Axis distanceAxis) {
    List<String> names = new ArrayList<>();
    Map<String, List<Double>> values = new LinkedHashMap<>();
    int p50 = DistanceQuantiles.index("p50");
    int p99 = DistanceQuantiles.index("p99");
    double[][] reference = baseline.map(b -> "cosine".equals(latest.metric())
        ? b.referenceDistances().cosine() : b.referenceDistances().euclidean()).orElse(null);
    if (reference != null) {
      values.put("reference p50", new ArrayList<>());
      values.put("reference p99", new ArrayList<>());
    }
    values.put("prompts p50", new ArrayList<>());
    values.put("prompts p99", new ArrayList<>());
    for (DistanceRunRecord.Statistics cluster : latest.distances().byCluster()) {
      int c = cluster.cluster();
      names.add(Integer.toString(c));
      if (reference != null) {
        values.get("reference p50").add(c < reference.length ? reference[c][p50] : null);
        values.get("reference p99").add(c < reference.length ? reference[c][p99] : null);
      }
      // A cluster no prompt came near has no quantiles (NaN, stored as null).
      values.get("prompts p50").add(defined(cluster.p50()));
      values.get("prompts p99").add(defined(cluster.p99()));
    }
    part.add(Charts.bars("Prompt distances against the reference's own, per reference cluster", CLUSTERS, distanceAxis,
        new Series(names, values), null));
    if (reference == null) {
      part.add(Html.note("The reference BASELINE " + latest.reference().baselineRunId()
          + " is no longer stored: its own distances cannot be shown beside the prompts'."));
    }
  }

  private static void trend(ReportPart part, String series, List<DistanceRunRecord> runs, Axis distanceAxis) {
    List<String> labels = runs.stream().map(DistanceRunRecord::runId).toList();
    Map<String, ToDoubleFunction<DistanceRunRecord.Statistics>> statistics = new LinkedHashMap<>();
    statistics.put("mean", DistanceRunRecord.Statistics::mean);
    statistics.put("p50", DistanceRunRecord.Statistics::p50);
    statistics.put("p90", DistanceRunRecord.Statistics::p90);
    statistics.put("p99", DistanceRunRecord.Statistics::p99);
    Map<String, List<Double>> values = new LinkedHashMap<>();
    statistics.forEach((name, statistic) ->
        values.put(name, runs.stream().map(r -> defined(statistic.applyAsDouble(r.distances().overall()))).toList()));
    part.add(Charts.lines("Prompt distances over runs, series '" + series + "'", RUNS, distanceAxis, new Series(labels, values)));
    List<Double> outliers = runs.stream().map(r -> defined(100 * r.coverage().outlierShare())).toList();
    part.add(Charts.lines("Share of outlier prompts over runs, series '" + series + "'", RUNS, new Axis("outlier prompts", "% of the run's prompts"),
        new Series(labels, Map.of("outliers", outliers))));
  }

  private static void coverage(ReportPart part, DistanceRunRecord latest) {
    List<String> names = new ArrayList<>();
    Map<String, List<Double>> values = new LinkedHashMap<>();
    values.put("share of the prompts", new ArrayList<>());
    values.put("share of the reference", new ArrayList<>());
    values.put("outliers among the cluster's prompts", new ArrayList<>());
    for (DistanceRunRecord.ClusterCoverage cluster : latest.coverage().byCluster()) {
      names.add(Integer.toString(cluster.cluster()));
      values.get("share of the prompts").add(100 * cluster.promptShare());
      values.get("share of the reference").add(100 * cluster.referenceShare());
      values.get("outliers among the cluster's prompts").add(100 * cluster.outlierShare());
    }
    part.add(Charts.bars("Coverage per reference cluster, run " + latest.runId(), CLUSTERS, new Axis("share", "%"),
        new Series(names, values), null));
  }

  /**
   * Coverage by nearest reference points: the prompts' kNN distances against the reference's own
   * leave-one-out ones with the novelty threshold, the novel share per reference cluster and over
   * runs, and the most novel prompts with their text. Absent for runs before novelty was measured.
   */
  private static void novelty(ReportPart part, String series, List<DistanceRunRecord> runs, DistanceRunRecord latest) {
    DistanceRunRecord.Novelty novelty = latest.novelty();
    if (novelty == null) {
      return;
    }
    part.add("<div class=\"callout\">Novel prompts (kNN, k = " + Html.integer((double) novelty.k()) + "): <b>"
        + Html.integer((double) novelty.novel()) + " (" + Html.percent(novelty.novelShare()) + ")</b>: " + Html.escape(novelty.rule())
        + ".</div>\n");
    List<String> quantiles = DistanceQuantiles.NAMES;
    double[] reference = novelty.referenceKnnDistances().inOrder();
    DistanceRunRecord.Statistics prompts = novelty.knnDistances();
    // Both in DistanceQuantiles.NAMES order: p50, p90, p95, p99.
    double[] ofPrompts = {prompts.p50(), prompts.p90(), prompts.p95(), prompts.p99()};
    Map<String, List<Double>> distributions = new LinkedHashMap<>();
    distributions.put("reference, leave-one-out", new ArrayList<>());
    distributions.put("prompts", new ArrayList<>());
    for (int q = 0; q < quantiles.size(); q++) {
      distributions.get("reference, leave-one-out").add(defined(reference[q]));
      distributions.get("prompts").add(defined(ofPrompts[q]));
    }
    part.add(Charts.bars("Distance to the " + novelty.k() + "-th nearest reference vector: prompts against the reference's own, run "
        + latest.runId(), new Axis("quantile", "of the distances"), new Axis("kNN distance", latest.metric() + " distance"),
        new Series(quantiles, distributions), new Charts.Threshold(novelty.threshold(), "novel beyond")));
    List<String> names = new ArrayList<>();
    List<Double> shares = new ArrayList<>();
    for (DistanceRunRecord.ClusterNovelty cluster : novelty.byCluster()) {
      names.add(Integer.toString(cluster.cluster()));
      shares.add(100 * cluster.novelShare());
    }
    part.add(Charts.bars("Novel prompts per nearest reference cluster, run " + latest.runId(), CLUSTERS,
        new Axis("novel prompts", "% of the cluster's prompts"), new Series(names, Map.of("novel", shares)), null));
    List<String> labels = runs.stream().map(DistanceRunRecord::runId).toList();
    List<Double> overRuns = runs.stream().map(r -> r.novelty() == null ? null : 100 * r.novelty().novelShare()).toList();
    part.add(Charts.lines("Share of novel prompts over runs, series '" + series + "'", RUNS, new Axis("novel prompts", "% of the run's prompts"),
        new Series(labels, Map.of("novel", overRuns))));
    part.add("<h4>Most novel prompts of run " + Html.escape(latest.runId()) + "</h4>\n");
    Html.Table table = new Html.Table("class=\"novel\"", "prompt id", "reference cluster", "kNN distance", "text");
    for (DistanceRunRecord.NovelPrompt p : novelty.mostNovel()) {
      table.row("data-prompt=\"" + Html.escape(p.id()) + "\"", Html.escape(p.id()), Integer.toString(p.cluster()),
          Html.number(p.knnDistance(), 4), "<span class=\"text\">" + Html.escape(p.text() == null ? "" : p.text()) + "</span>");
    }
    part.add(table.render());
    part.fact("novel_share", novelty.novelShare());
  }

  /** An undefined statistic (NaN) as a gap in a chart. */
  private static Double defined(double value) {
    return Double.isNaN(value) ? null : value;
  }
}
