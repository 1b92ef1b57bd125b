package llmops.report;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import llmops.distance.DistanceRunRecord;
import llmops.drift.DriftRun;
import llmops.eval.EvalRunRecord;
import llmops.io.Locations;
import llmops.io.Summary;
import llmops.job.JobRun;
import llmops.job.SparkJob;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code report}: one self-contained HTML page with charts of drift, prompt distances and model evaluations, from the jobs' items. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write a self-contained HTML report (charts as embedded PNGs) of the drift, distance and eval runs to OUTPUT/index.html.")
public final class ReportJob extends SparkJob {
  @Option(names = "--output_path", required = true, description = "Folder the report's index.html goes to (local, s3://, s3a://)")
  String outputPath;
  @Option(names = "--series", split = ",", description = "Drift series to show, comma-separated (default: every series in the drift table)")
  List<String> series;
  @Option(names = "--distance_series", split = ",", description = "Distance series to show (default: every series in the distance table)")
  List<String> distanceSeries;
  @Option(names = "--datasets", split = ",", description = "Evaluation datasets to show (default: every dataset in the eval table)")
  List<String> datasets;
  @Option(names = "--tables", split = ",", description = "Table names other than the jobs' defaults, e.g. "
      + "drift=T1,centroids=T2,distance=T3,eval=T4 (defaults: llmops-drift-runs, llmops-drift-centroids, llmops-distance-runs, llmops-eval-runs)")
  Map<String, String> tables;

  @Override
  protected String name() {
    return "report";
  }

  @Override
  protected Locations locations() {
    Locations locations = new Locations().output("--output_path", outputPath);
    names().asMap().forEach((key, table) -> locations.table("--tables " + key, table));
    return locations;
  }

  @Override
  protected int run(JobRun job) throws Exception {
    // The charts are drawn with Java2D; a cluster's driver has no display, and needs none.
    System.setProperty("java.awt.headless", "true");
    ReportTables names = names();
    ReportSources sources = new ReportSources(job.dynamo(), names);
    List<ReportPage.Section> sections = List.of(
        job.time("drift", () -> drift(sources, names)),
        job.time("distance", () -> distance(sources, names, job.spark())),
        job.time("evaluation", () -> evaluation(sources, names)));
    byte[] page = ReportPage.render(sections, names, Instant.now()).getBytes(StandardCharsets.UTF_8);
    String written = job.time("write", () -> write(page, job.hadoop()));
    Map<String, Object> summary = ReportPage.summary(written, page.length, sections, names);
    summary.put("timings_s", job.timings().asMap());
    System.out.println("report: " + written);
    Summary.print(summary);
    return 0;
  }

  private ReportTables names() {
    return ReportTables.of(tables == null ? Map.of() : tables);
  }

  private ReportPage.Section drift(ReportSources sources, ReportTables names) {
    String id = "drift";
    String title = "Embedding drift";
    if (!sources.exists(names.drift())) {
      return new ReportPage.Section(id, title, List.of(), "No drift runs: table " + names.drift() + " does not exist.");
    }
    List<ReportPart> parts = new ArrayList<>();
    List<String> stored = sources.partitions(names.drift(), "series");
    // A segment's runs are in its whole's segment table; hundreds of tenants would bury the page as parts of their own.
    List<String> shown = series != null ? series : stored.stream().filter(s -> !DriftRun.isSegmentSeries(s)).toList();
    for (String s : chosen(shown, stored, "drift series", names.drift())) {
      parts.add(DriftSection.render(s, sources.driftRuns(s)));
    }
    return new ReportPage.Section(id, title, parts, "No drift runs in " + names.drift() + ".");
  }

  private ReportPage.Section distance(ReportSources sources, ReportTables names, SparkSession spark) throws Exception {
    String id = "distance";
    String title = "Prompt distances and coverage";
    if (!sources.exists(names.distance())) {
      return new ReportPage.Section(id, title, List.of(), "No distance runs: table " + names.distance() + " does not exist.");
    }
    List<ReportPart> parts = new ArrayList<>();
    for (String s : chosen(distanceSeries, sources.partitions(names.distance(), "series"), "distance series", names.distance())) {
      List<DistanceRunRecord> runs = sources.distanceRuns(s);
      DistanceRunRecord latest = runs.get(runs.size() - 1);
      DistantPrompts.Found distant = DistantPrompts.of(spark, latest);
      parts.add(DistanceSection.render(s, runs, sources.baseline(latest.reference().series(), latest.reference().baselineRunId()),
          distant.prompts(), distant.note()));
    }
    return new ReportPage.Section(id, title, parts, "No distance runs in " + names.distance() + ".");
  }

  private ReportPage.Section evaluation(ReportSources sources, ReportTables names) {
    String id = "evaluation";
    String title = "Model evaluation";
    if (!sources.exists(names.eval())) {
      return new ReportPage.Section(id, title, List.of(), "No evaluation runs: table " + names.eval() + " does not exist.");
    }
    List<ReportPart> parts = new ArrayList<>();
    for (String d : chosen(datasets, sources.partitions(names.eval(), "dataset"), "dataset", names.eval())) {
      List<EvalRunRecord> latest = sources.latestEvaluations(d);
      if (!latest.isEmpty()) {
        parts.add(EvaluationSection.render(d, latest, sources.selection(d)));
      }
      sources.pairwise(d).ifPresent(p -> parts.add(PairwiseSection.render(d, p)));
    }
    return new ReportPage.Section(id, title, parts, "No evaluation runs in " + names.eval() + ".");
  }

  /** The requested names, each of which must be there, or everything found. */
  private static List<String> chosen(List<String> requested, List<String> found, String what, String table) {
    if (requested == null) {
      return found;
    }
    for (String name : requested) {
      if (!found.contains(name)) {
        throw new IllegalArgumentException("no " + what + " '" + name + "' in " + table + " (found: " + String.join(", ", found) + ")");
      }
    }
    return requested;
  }

  /** Writes OUTPUT/index.html through Hadoop's file systems (local, S3A, EMRFS) and returns its path. */
  private String write(byte[] page, Configuration hadoop) throws Exception {
    Path file = new Path(outputPath, "index.html");
    try (OutputStream out = file.getFileSystem(hadoop).create(file, true)) {
      out.write(page);
    }
    return file.toString();
  }
}
