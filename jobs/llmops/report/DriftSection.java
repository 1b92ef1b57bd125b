package llmops.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmops.report.Charts.Axis;
import llmops.report.Charts.Series;

/**
 * One drift series: its structure over time (components for the variance target, inertia per
 * point, silhouettes), the latest SNAPSHOT's cluster shares against its BASELINE's, its matched
 * centroid shifts, and every SNAPSHOT's verdict with the tests that fired. All from the runs' items.
 */
final class DriftSection {
  private static final Axis RUNS = new Axis("run, oldest to newest", "run id and type");

  private DriftSection() {}

  /** {@code runs}: the series' run items in time order. */
  static ReportPart render(String series, List<Map<String, Object>> runs) {
    ReportPart part = new ReportPart("drift", series, "Drift series '" + series + "'");
    Map<String, Object> latest = latestSnapshot(runs);
    part.add(verdictCallout(latest));
    structure(part, series, runs);
    if (latest != null && Values.at(latest, "comparison") != null) {
      shares(part, series, latest);
      shifts(part, series, latest);
      part.add("<h4>Tests of the latest SNAPSHOT (" + Html.escape(Values.text(latest, "run_id")) + ")</h4>\n" + checks(latest).render());
    } else {
      part.add(Html.note("No SNAPSHOT compared with a BASELINE yet: cluster shares, centroid shifts and tests appear after one."));
    }
    part.add("<h4>Runs and verdicts</h4>\n" + runsTable(runs).render());
    part.fact("verdict", latest == null ? null : Values.at(latest, "verdict/drift"));
    return part;
  }

  private static Map<String, Object> latestSnapshot(List<Map<String, Object>> runs) {
    Map<String, Object> latest = null;
    for (Map<String, Object> run : runs) {
      if ("SNAPSHOT".equals(Values.text(run, "job_type"))) {
        latest = run;
      }
    }
    return latest;
  }

  private static String verdictCallout(Map<String, Object> snapshot) {
    if (snapshot == null) {
      return "<div class=\"callout\">" + Html.badge("unknown", "no SNAPSHOT yet") + " only BASELINE runs so far.</div>\n";
    }
    return "<div class=\"callout\">Latest SNAPSHOT <b>" + Html.escape(Values.text(snapshot, "run_id")) + "</b> ("
        + Html.time(Values.number(snapshot, "run_ts")) + "), against BASELINE "
        + Html.escape(String.valueOf(Values.text(snapshot, "comparison/baseline/run_id"))) + ": " + verdict(snapshot) + "</div>\n";
  }

  /** The verdict as a badge, with the rules that decided it or why there is none. */
  private static String verdict(Map<String, Object> snapshot) {
    Object drift = Values.at(snapshot, "verdict/drift");
    if (Boolean.TRUE.equals(drift)) {
      return Html.badge("drift", "DRIFT") + " triggered by " + Html.escape(String.join(", ", triggers(snapshot)));
    }
    if (Boolean.FALSE.equals(drift)) {
      return Html.badge("nodrift", "no drift");
    }
    return Html.badge("unknown", "no verdict") + " " + Html.escape(Values.text(snapshot, "verdict/reason"));
  }

  private static List<String> triggers(Map<String, Object> snapshot) {
    return Values.list(snapshot, "verdict/triggered_by").stream().map(String::valueOf).toList();
  }

  private static void structure(ReportPart part, String series, List<Map<String, Object>> runs) {
    List<String> labels = runs.stream().map(DriftSection::label).toList();
    String target = Html.percent(Values.number(runs.get(runs.size() - 1), "pca/variance_target")).replace(".0 ", " ");
    part.add(Charts.lines("Dimensions explaining " + target + " of the variance, series '" + series + "'", RUNS,
        new Axis("principal components", "count"), new Series(labels, Map.of("components", column(runs, "pca/components")))));
    part.add(Charts.lines("Inertia per point, series '" + series + "'", RUNS,
        new Axis("mean squared distance to the nearest centre", "squared Euclidean distance"),
        new Series(labels, Map.of("inertia per point", column(runs, "kmeans/inertia_per_point")))));
    Map<String, List<Double>> silhouettes = new LinkedHashMap<>();
    silhouettes.put("Euclidean (scikit-learn's default)", column(runs, "silhouette/euclidean"));
    silhouettes.put("squared Euclidean (Spark MLlib's, the AWS sample's score)", column(runs, "silhouette/squared_euclidean"));
    part.add(Charts.lines("Silhouette over time, series '" + series + "'", RUNS,
        new Axis("silhouette coefficient", "-1 to 1, unitless"), new Series(labels, silhouettes)));
  }

  private static void shares(ReportPart part, String series, Map<String, Object> snapshot) {
    List<Double> before = percentages(Values.numbers(snapshot, "comparison/proportions/baseline"));
    List<Double> after = percentages(Values.numbers(snapshot, "comparison/proportions/snapshot"));
    List<String> clusters = new ArrayList<>();
    for (int c = 0; c < before.size(); c++) {
      clusters.add("cluster " + c);
    }
    Map<String, List<Double>> values = new LinkedHashMap<>();
    values.put("BASELINE " + Values.text(snapshot, "comparison/baseline/run_id"), before);
    values.put("SNAPSHOT " + Values.text(snapshot, "run_id"), after);
    part.add(Charts.bars("Cluster shares: BASELINE against the latest SNAPSHOT, series '" + series + "'",
        new Axis("BASELINE cluster (SNAPSHOT points counted at their nearest BASELINE centre)", "cluster number"),
        new Axis("share of points", "%"), new Series(clusters, values), null));
    part.add("<p>PSI " + Html.number(Values.number(snapshot, "comparison/proportions/psi"), 3) + ", Jensen-Shannon distance "
        + Html.number(Values.number(snapshot, "comparison/proportions/js_distance"), 3) + ".</p>\n");
  }

  private static void shifts(ReportPart part, String series, Map<String, Object> snapshot) {
    List<String> pairs = new ArrayList<>();
    List<Double> shifts = new ArrayList<>();
    Html.Table table = new Html.Table("class=\"centroids\"", "SNAPSHOT cluster", "matched BASELINE cluster", "shift (radii)",
        "SNAPSHOT share", "outside every BASELINE cluster", "new region");
    for (Object o : Values.list(snapshot, "comparison/centroids/pairs")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> pair = (Map<String, Object>) o;
      String name = Values.text(pair, "snapshot_cluster") + " → " + Values.text(pair, "baseline_cluster");
      pairs.add(name);
      shifts.add(Values.number(pair, "relative_shift"));
      table.row("", Html.escape(Values.text(pair, "snapshot_cluster")), Html.escape(Values.text(pair, "baseline_cluster")),
          Html.number(Values.number(pair, "relative_shift"), 3), Html.percent(Values.number(pair, "snapshot_share")),
          Html.percent(Values.number(pair, "outside_share")), Boolean.TRUE.equals(Values.at(pair, "new_region")) ? "yes" : "no");
    }
    Charts.Threshold threshold = null;
    for (Map<String, Object> check : checkList(snapshot)) {
      if ("max_relative_centroid_shift".equals(Values.text(check, "statistic")) && Values.number(check, "above") != null) {
        threshold = new Charts.Threshold(Values.number(check, "above"), "rule: above " + Html.number(Values.number(check, "above"), 3));
      }
    }
    part.add(Charts.bars("Matched centroid shifts, SNAPSHOT " + Values.text(snapshot, "run_id") + " against its BASELINE",
        new Axis("SNAPSHOT cluster → matched BASELINE cluster (Hungarian method)", "cluster numbers"),
        new Axis("centre shift", "BASELINE cluster radii"), new Series(pairs, Map.of("shift", shifts)), threshold));
    part.add(table.render());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> checkList(Map<String, Object> snapshot) {
    return Values.list(snapshot, "verdict/checks").stream().map(c -> (Map<String, Object>) c).toList();
  }

  private static Html.Table checks(Map<String, Object> snapshot) {
    Html.Table table = new Html.Table("class=\"checks\"", "test", "value", "rule", "p-value", "fired", "decides the verdict");
    for (Map<String, Object> check : checkList(snapshot)) {
      Double above = Values.number(check, "above");
      String rule = above != null ? "above " + Html.number(above, 3) : "below " + Html.number(Values.number(check, "below"), 3);
      if (Values.number(check, "significant_below") != null) {
        rule += " and p below " + Html.number(Values.number(check, "significant_below"), 3);
      }
      boolean fired = Boolean.TRUE.equals(Values.at(check, "crossed"));
      boolean decides = Boolean.TRUE.equals(Values.at(check, "decides"));
      String statistic = Values.text(check, "statistic");
      table.row("data-test=\"" + Html.escape(statistic) + "\" data-fired=\"" + fired + "\"", Html.escape(statistic),
          Html.number(Values.number(check, "value"), 4), Html.escape(rule), Html.number(Values.number(check, "p_value"), 3),
          fired ? Html.badge(decides ? "drift" : "unknown", "fired") : "no", decides ? "yes" : "reported only");
    }
    return table;
  }

  private static Html.Table runsTable(List<Map<String, Object>> runs) {
    Html.Table table = new Html.Table("class=\"runs\"", "run", "type", "time", "vectors", "components", "inertia per point",
        "silhouette (Euclidean)", "verdict");
    for (Map<String, Object> run : runs) {
      boolean snapshot = "SNAPSHOT".equals(Values.text(run, "job_type"));
      Object drift = Values.at(run, "verdict/drift");
      String verdict = !snapshot ? "" : Boolean.TRUE.equals(drift) ? "drift" : Boolean.FALSE.equals(drift) ? "no drift" : "none";
      table.row("data-run=\"" + Html.escape(Values.text(run, "run_id")) + "\"" + (snapshot ? " data-verdict=\"" + verdict + "\"" : ""),
          Html.escape(Values.text(run, "run_id")), Html.escape(Values.text(run, "job_type")), Html.time(Values.number(run, "run_ts")),
          Html.integer(Values.number(run, "input/valid")), Html.integer(Values.number(run, "pca/components")),
          Html.number(Values.number(run, "kmeans/inertia_per_point"), 4), Html.number(Values.number(run, "silhouette/euclidean"), 3),
          snapshot ? verdict(run) : "");
    }
    return table;
  }

  private static String label(Map<String, Object> run) {
    return Values.text(run, "run_id") + " (" + Values.text(run, "job_type") + ")";
  }

  private static List<Double> column(List<Map<String, Object>> runs, String path) {
    return runs.stream().map(r -> Values.number(r, path)).toList();
  }

  private static List<Double> percentages(List<Double> shares) {
    return shares.stream().map(s -> s == null ? null : 100 * s).toList();
  }
}
