package llmops.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import llmops.drift.DriftRunRecord;
import llmops.io.QuantileSet;
import llmops.report.Charts.Axis;
import llmops.report.Charts.Series;
import llmops.udfs.drift.Statistic;

/**
 * One drift series: its structure over time (components for the variance target, inertia per
 * point, silhouettes), the latest SNAPSHOT's cluster shares against its BASELINE's, its matched
 * centroid shifts, every SNAPSHOT's verdict with the tests that fired, and, for calibrated runs,
 * each statistic beside its no-drift quantiles and its history band over time. All from the runs' records.
 */
final class DriftSection {
  private static final Axis RUNS = new Axis("run, oldest to newest", "run id and type");

  private DriftSection() {}

  /** {@code runs}: the series' runs in time order. */
  static ReportPart render(String series, List<DriftRunRecord> runs) {
    ReportPart part = new ReportPart("drift", series, "Drift series '" + series + "'");
    DriftRunRecord latest = latestSnapshot(runs);
    part.add(verdictCallout(latest));
    if (latest != null && latest.segments() != null) {
      part.add("<h4>Segments of the latest SNAPSHOT, most severe first</h4>\n" + segments(latest.segments()).render());
    }
    structure(part, series, runs);
    if (latest != null && latest.comparison() != null) {
      shares(part, series, latest);
      shifts(part, series, latest);
      part.add("<h4>Tests of the latest SNAPSHOT (" + Html.escape(latest.runId()) + ")</h4>\n" + checks(latest).render());
      if (latest.verdict().calibrated() != null) {
        part.add("<h4>Calibrated verdict of the latest SNAPSHOT: each statistic against its no-drift distribution for this BASELINE</h4>\n"
            + calibrated(latest.verdict()).render());
      }
      bands(part, series, runs);
    } else {
      part.add(Html.note("No SNAPSHOT compared with a BASELINE yet: cluster shares, centroid shifts and tests appear after one."));
    }
    part.add("<h4>Runs and verdicts</h4>\n" + runsTable(runs).render());
    part.fact("verdict", latest == null || latest.verdict() == null ? null : latest.verdict().drift());
    return part;
  }

  private static DriftRunRecord latestSnapshot(List<DriftRunRecord> runs) {
    DriftRunRecord latest = null;
    for (DriftRunRecord run : runs) {
      if (run.isSnapshot()) {
        latest = run;
      }
    }
    return latest;
  }

  private static String verdictCallout(DriftRunRecord snapshot) {
    if (snapshot == null) {
      return "<div class=\"callout\">" + Html.badge("unknown", "no SNAPSHOT yet") + " only BASELINE runs so far.</div>\n";
    }
    String baseline = snapshot.comparison() == null ? null : snapshot.comparison().baseline().runId();
    return "<div class=\"callout\">Latest SNAPSHOT <b>" + Html.escape(snapshot.runId()) + "</b> ("
        + Html.time((double) snapshot.runTs()) + "), against BASELINE " + Html.escape(String.valueOf(baseline)) + ": " + verdict(snapshot)
        + "</div>\n";
  }

  /** The verdict as a badge, with the rules that decided it or why there is none. */
  private static String verdict(DriftRunRecord snapshot) {
    return verdict(snapshot.verdict());
  }

  private static String verdict(DriftRunRecord.VerdictRecord verdict) {
    Boolean drift = verdict == null ? null : verdict.drift();
    String level = verdict == null || verdict.level() == null ? "" : "; calibrated level " + level(verdict.level());
    if (Boolean.TRUE.equals(drift)) {
      return Html.badge("drift", "DRIFT") + " triggered by " + Html.escape(String.join(", ", verdict.triggeredBy())) + level;
    }
    if (Boolean.FALSE.equals(drift)) {
      return Html.badge("nodrift", "no drift") + level;
    }
    return Html.badge("unknown", "no verdict") + " " + Html.escape(verdict == null ? null : verdict.reason());
  }

  private static void structure(ReportPart part, String series, List<DriftRunRecord> runs) {
    List<String> labels = runs.stream().map(DriftSection::label).toList();
    String target = Html.percent(runs.get(runs.size() - 1).pca().varianceTarget()).replace(".0 ", " ");
    part.add(Charts.lines("Dimensions explaining " + target + " of the variance, series '" + series + "'", RUNS,
        new Axis("principal components", "count"), new Series(labels, Map.of("components", column(runs, r -> r.pca().components())))));
    part.add(Charts.lines("Inertia per point, series '" + series + "'", RUNS,
        new Axis("mean squared distance to the nearest centre", "squared Euclidean distance"),
        new Series(labels, Map.of("inertia per point", column(runs, r -> r.kmeans().inertiaPerPoint())))));
    Map<String, List<Double>> silhouettes = new LinkedHashMap<>();
    silhouettes.put("Euclidean (scikit-learn's default)", column(runs, r -> r.silhouette().euclidean()));
    silhouettes.put("squared Euclidean (Spark MLlib's, the AWS sample's score)", column(runs, r -> r.silhouette().squaredEuclidean()));
    part.add(Charts.lines("Silhouette over time, series '" + series + "'", RUNS,
        new Axis("silhouette coefficient", "-1 to 1, unitless"), new Series(labels, silhouettes)));
  }

  private static void shares(ReportPart part, String series, DriftRunRecord snapshot) {
    DriftRunRecord.Comparison comparison = snapshot.comparison();
    List<Double> before = percentages(comparison.proportions().baseline());
    List<Double> after = percentages(comparison.proportions().snapshot());
    List<String> clusters = new ArrayList<>();
    for (int c = 0; c < before.size(); c++) {
      clusters.add("cluster " + c);
    }
    Map<String, List<Double>> values = new LinkedHashMap<>();
    values.put("BASELINE " + comparison.baseline().runId(), before);
    values.put("SNAPSHOT " + snapshot.runId(), after);
    part.add(Charts.bars("Cluster shares: BASELINE against the latest SNAPSHOT, series '" + series + "'",
        new Axis("BASELINE cluster (SNAPSHOT points counted at their nearest BASELINE centre)", "cluster number"),
        new Axis("share of points", "%"), new Series(clusters, values), null));
    part.add("<p>PSI " + Html.number(comparison.proportions().psi(), 3) + ", Jensen-Shannon distance "
        + Html.number(comparison.proportions().jsDistance(), 3) + ".</p>\n");
  }

  private static void shifts(ReportPart part, String series, DriftRunRecord snapshot) {
    List<String> pairs = new ArrayList<>();
    List<Double> shifts = new ArrayList<>();
    Html.Table table = new Html.Table("class=\"centroids\"", "SNAPSHOT cluster", "matched BASELINE cluster", "shift (radii)",
        "SNAPSHOT share", "outside every BASELINE cluster", "new region");
    for (DriftRunRecord.CentroidPair pair : snapshot.comparison().centroids().pairs()) {
      pairs.add(pair.snapshotCluster() + " → " + pair.baselineCluster());
      shifts.add(defined(pair.relativeShift()));
      table.row("", Integer.toString(pair.snapshotCluster()), Integer.toString(pair.baselineCluster()),
          Html.number(pair.relativeShift(), 3), Html.percent(pair.snapshotShare()),
          Html.percent(pair.outsideShare()), pair.newRegion() ? "yes" : "no");
    }
    Charts.Threshold threshold = null;
    for (DriftRunRecord.Check check : checkList(snapshot)) {
      if (Statistic.MAX_RELATIVE_CENTROID_SHIFT.ruleName().equals(check.statistic()) && check.above() != null) {
        threshold = new Charts.Threshold(check.above(), "rule: above " + Html.number(check.above(), 3));
      }
    }
    part.add(Charts.bars("Matched centroid shifts, SNAPSHOT " + snapshot.runId() + " against its BASELINE",
        new Axis("SNAPSHOT cluster → matched BASELINE cluster (Hungarian method)", "cluster numbers"),
        new Axis("centre shift", "BASELINE cluster radii"), new Series(pairs, Map.of("shift", shifts)), threshold));
    part.add(table.render());
  }

  private static List<DriftRunRecord.Check> checkList(DriftRunRecord snapshot) {
    return snapshot.verdict() == null || snapshot.verdict().checks() == null ? List.of() : snapshot.verdict().checks();
  }

  private static Html.Table checks(DriftRunRecord snapshot) {
    Html.Table table = new Html.Table("class=\"checks\"", "test", "value", "rule", "p-value", "fired", "decides the verdict");
    for (DriftRunRecord.Check check : checkList(snapshot)) {
      String rule = check.above() != null ? "above " + Html.number(check.above(), 3) : "below " + Html.number(check.below(), 3);
      if (check.significantBelow() != null) {
        rule += " and p below " + Html.number(check.significantBelow(), 3);
      }
      boolean fired = check.crossed();
      boolean decides = check.decides();
      table.row("data-test=\"" + Html.escape(check.statistic()) + "\" data-fired=\"" + fired + "\"", Html.escape(check.statistic()),
          Html.number(check.value(), 4), Html.escape(rule), Html.number(check.pValue(), 3),
          fired ? Html.badge(decides ? "drift" : "unknown", "fired") : "no", decides ? "yes" : "reported only");
    }
    return table;
  }

  /** Each segment's verdict as stored, in the stored order (most severe first), with the series that holds its history. */
  private static Html.Table segments(List<DriftRunRecord.SegmentOutcome> segments) {
    Html.Table table = new Html.Table("class=\"segments\"", "segment", "vectors", "verdict", "triggered by, or why not judged",
        "history (series)");
    for (DriftRunRecord.SegmentOutcome s : segments) {
      String verdict = !s.judged() ? Html.badge("unknown", "not judged")
          : s.level() != null ? level(s.level())
          : s.drift() == null ? Html.badge("unknown", "no verdict") : s.drift() ? Html.badge("drift", "DRIFT") : Html.badge("nodrift", "no drift");
      String why = s.reason() != null ? s.reason() : s.triggeredBy() == null ? "" : String.join(", ", s.triggeredBy());
      table.row("data-segment=\"" + Html.escape(s.segment()) + "\"", Html.escape(s.segment()), Long.toString(s.vectors()), verdict,
          Html.escape(why), Html.escape(s.series()));
    }
    return table;
  }

  private static String level(String level) {
    return Html.badge(switch (level) {
      case "drift" -> "drift";
      case "warning" -> "warning";
      default -> "nodrift";
    }, level);
  }

  /** Each judged statistic: its value beside its null's quantiles, its p-values, its history band and its level. */
  private static Html.Table calibrated(DriftRunRecord.VerdictRecord verdict) {
    DriftRunRecord.Calibrated c = verdict.calibrated();
    Html.Table table = new Html.Table("class=\"calibrated\"", "statistic", "value", "no-drift p50", "p95", "p99",
        "p-value (" + c.resamples() + " resamples)", "adjusted (Benjamini-Hochberg)", "history band (mean ± k sd)", "level");
    for (DriftRunRecord.CalibratedStatistic s : c.statistics()) {
      QuantileSet q = s.nullQuantiles();
      DriftRunRecord.Band b = s.history();
      String band = b == null ? "–" : Html.number(b.lower(), 3) + " to " + Html.number(b.upper(), 3) + " (" + b.runs() + " runs)"
          + (b.beyond() ? " <b>beyond</b>" : "");
      table.row("data-statistic=\"" + Html.escape(s.statistic()) + "\" data-level=\"" + Html.escape(s.level()) + "\"",
          Html.escape(s.statistic()), Html.number(s.value(), 4), Html.number(q == null ? null : q.p50(), 3),
          Html.number(q == null ? null : q.p95(), 3), Html.number(q == null ? null : q.p99(), 3), Html.number(s.pValue(), 3),
          Html.number(s.pValueAdjusted(), 3), band, level(s.level()));
    }
    return table;
  }

  /**
   * Per calibrated statistic, its value in each SNAPSHOT against the history band it was judged by
   * (mean ± k sd of the accepted SNAPSHOTs before it): what is normal for this series, over time.
   */
  private static void bands(ReportPart part, String series, List<DriftRunRecord> runs) {
    List<DriftRunRecord> judged = runs.stream().filter(r -> r.isSnapshot() && r.verdict() != null && r.verdict().calibrated() != null).toList();
    if (judged.isEmpty()) {
      return;
    }
    List<String> labels = judged.stream().map(DriftRunRecord::runId).toList();
    for (DriftRunRecord.CalibratedStatistic first : judged.get(judged.size() - 1).verdict().calibrated().statistics()) {
      String name = first.statistic();
      List<DriftRunRecord.CalibratedStatistic> column = judged.stream().map(r -> r.verdict().calibrated().statistics().stream()
          .filter(s -> s.statistic().equals(name)).findFirst().orElse(null)).toList();
      if (column.stream().allMatch(s -> s == null || s.history() == null)) {
        continue;
      }
      Map<String, List<Double>> lines = new LinkedHashMap<>();
      lines.put(name, column.stream().map(s -> s == null ? null : defined(s.value())).toList());
      lines.put("band, upper", column.stream().map(s -> s == null || s.history() == null ? null : s.history().upper()).toList());
      lines.put("band, lower", column.stream().map(s -> s == null || s.history() == null ? null : s.history().lower()).toList());
      part.add(Charts.lines(name + " against its history band, series '" + series + "'", new Axis("SNAPSHOT, oldest to newest", "run id"),
          new Axis(name, "the statistic's own unit"), new Series(labels, lines)));
    }
  }

  private static Html.Table runsTable(List<DriftRunRecord> runs) {
    Html.Table table = new Html.Table("class=\"runs\"", "run", "type", "time", "vectors", "components", "inertia per point",
        "silhouette (Euclidean)", "verdict", "since the previous SNAPSHOT");
    for (DriftRunRecord run : runs) {
      boolean snapshot = run.isSnapshot();
      Boolean drift = run.verdict() == null ? null : run.verdict().drift();
      String verdict = !snapshot ? "" : Boolean.TRUE.equals(drift) ? "drift" : Boolean.FALSE.equals(drift) ? "no drift" : "none";
      table.row("data-run=\"" + Html.escape(run.runId()) + "\"" + (snapshot ? " data-verdict=\"" + verdict + "\"" : ""),
          Html.escape(run.runId()), Html.escape(run.jobType()), Html.time((double) run.runTs()),
          Html.integer((double) run.input().valid()), Html.integer((double) run.pca().components()),
          Html.number(run.kmeans().inertiaPerPoint(), 4), Html.number(run.silhouette().euclidean(), 3),
          snapshot ? verdict(run) : "",
          run.consecutive() == null ? "" : Html.escape(run.consecutive().previousRun()) + ": " + verdict(run.consecutive().verdict()));
    }
    return table;
  }

  private static String label(DriftRunRecord run) {
    return run.runId() + " (" + run.jobType() + ")";
  }

  /** A statistic of each run, undefined ones (NaN) as gaps in the chart. */
  private static List<Double> column(List<DriftRunRecord> runs, ToDoubleFunction<DriftRunRecord> statistic) {
    return runs.stream().map(r -> defined(statistic.applyAsDouble(r))).toList();
  }

  private static Double defined(double value) {
    return Double.isNaN(value) ? null : value;
  }

  private static List<Double> percentages(List<Double> shares) {
    return shares.stream().map(s -> s == null || s.isNaN() ? null : 100 * s).toList();
  }
}
