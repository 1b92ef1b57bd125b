package llmops.distance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import llmops.Main;
import llmops.config.RunIdentity;
import llmops.drift.DriftRun;
import llmops.drift.NativeDriftStore;
import llmops.drift.StoredBaseline;
import llmops.io.Dynamo;
import llmops.io.EmbeddingFields;
import llmops.io.EmbeddingInput;
import llmops.io.EmbeddingInputOptions;
import llmops.io.Locations;
import llmops.io.Quarantine;
import llmops.io.Summary;
import llmops.io.Timings;
import llmops.io.ValidatedEmbeddings;
import llmops.spark.Sparks;
import llmops.udfs.clustering.Centroids;
import llmops.udfs.distance.CentroidDistances;
import llmops.udfs.distance.OutlierRule;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code distance}: how far users' prompts are from the reference data's clusters, and which prompts it does not cover. */
@Command(name = "distance", mixinStandardHelpOptions = true,
    description = "Measure prompts against the reference series' BASELINE centroids: distances, coverage and outliers.")
public final class DistanceJob implements Callable<Integer> {
  @Option(names = "--prompt_path", required = true, description = "Prompt embeddings: a file or prefix (local, s3://, s3a://)")
  String promptPath;
  @Option(names = "--distance_path", required = true, description = "Where per-prompt distances and the outliers go (Parquet)")
  String distancePath;
  @Option(names = "--data_path", description = "Reference embeddings: only read by --fit_baseline (the AWS sample's flag)")
  String dataPath;
  @Option(names = "--series", defaultValue = "prompts", description = "Which prompts these are: runs of one series form its trend (default: ${DEFAULT-VALUE})")
  String series;
  @Option(names = "--reference_series", defaultValue = "reference", description = "The drift series whose BASELINE centroids are used (default: ${DEFAULT-VALUE})")
  String referenceSeries;
  @Option(names = "--baseline_run", defaultValue = "latest", description = "The reference BASELINE run id, or latest (default: ${DEFAULT-VALUE})")
  String baselineRun;
  // arity 0..1: Glue passes every argument as --key value, so --fit_baseline true must work as well as the bare flag.
  @Option(names = "--fit_baseline", arity = "0..1", description = "With no BASELINE of the reference series, fit one from --data_path first")
  boolean fitBaseline;
  @Option(names = "--out_table", defaultValue = "llmops-distance-runs", description = "Distance run summaries (default: ${DEFAULT-VALUE})")
  String outTable;
  @Option(names = "--drift_table", defaultValue = "llmops-drift-runs", description = "The drift runs table holding the BASELINE (default: ${DEFAULT-VALUE})")
  String driftTable;
  @Option(names = "--centroid_table", defaultValue = "llmops-drift-centroids", description = "The drift centroids table (default: ${DEFAULT-VALUE})")
  String centroidTable;
  @Option(names = "--metric", defaultValue = "euclidean", description = "euclidean or cosine: the distance the statistics and outliers use (default: ${DEFAULT-VALUE})")
  String metric;
  @Option(names = "--outlier_config", description = "YAML laid over conf/distance-outliers.yaml (quantile, margin)")
  String outlierConfig;
  @Option(names = "--schema", defaultValue = "native", description = "native, or seed for exactly the AWS sample's DISTANCE item")
  String schema;
  @Option(names = "--run_id", description = "Names the run's item; a rerun with the same id rewrites it (default: epoch seconds now)")
  String runId;
  @Mixin
  EmbeddingInputOptions inputOptions;
  @Option(names = "--text_field", defaultValue = "text", description = "JSON Lines / Parquet prompt text, copied to the outliers (default: ${DEFAULT-VALUE})")
  String textField;
  @Option(names = "--quarantine_path", description = "Where bad records go (default: _llmops_quarantine/<series>/DISTANCE-<run> beside the prompts)")
  String quarantinePath;

  /** Earlier runs of the series shown in the trend. */
  private static final int TREND_RUNS = 5;

  @Override
  public Integer call() throws Exception {
    RunIdentity requested = RunIdentity.of(runId, Instant.now());
    DriftRun.checkSeries(series);
    CentroidDistances.Metric distanceMetric = CentroidDistances.Metric.parse(metric);
    EmbeddingFields fields = inputOptions.fields(textField);
    Locations locations = new Locations()
        .input("--prompt_path", promptPath).input("--data_path", dataPath).input("--outlier_config", outlierConfig)
        .output("--distance_path", distancePath).output("--quarantine_path", quarantinePath)
        .table("--out_table", outTable).table("--drift_table", driftTable).table("--centroid_table", centroidTable)
        .check();
    Timings timings = new Timings();
    SparkSession spark = Sparks.session("llmops-distance");
    locations.checkFileSystems(spark.sparkContext().hadoopConfiguration());
    try (Dynamo dynamo = Dynamo.connect()) {
      DistanceStore store = store(dynamo);
      store.prepare(requested);
      RunIdentity run = store.stored(series, requested);
      StoredBaseline baseline = baseline(dynamo);
      OutlierRule rule = OutlierSettings.load(outlierConfig, spark.sparkContext().hadoopConfiguration());

      ValidatedEmbeddings input = timings.time("read", () -> ValidatedEmbeddings.of(
          EmbeddingInput.read(spark, promptPath, inputOptions.format(), fields), baseline.dim()));
      String quarantine = Quarantine.writeIfAny(spark, input.quarantined(), input.badRecords(), () -> quarantinePath(run), timings);
      if (input.valid() == 0) {
        throw new IllegalArgumentException("no usable prompts: 0 valid vectors of dimension " + baseline.dim() + " (the reference centroids') among "
            + input.records() + " records under " + promptPath + "; " + Quarantine.explained(input.quarantinedByReason(), quarantine));
      }

      Centroids centroids = baseline.centroids();
      JavaRDD<CentroidDistances> distances = input.blocks().map(b -> CentroidDistances.of(b, centroids))
          .persist(StorageLevel.MEMORY_AND_DISK());
      double[] thresholds = rule.thresholds(distanceMetric == CentroidDistances.Metric.EUCLIDEAN
          ? baseline.referenceDistances().euclidean() : baseline.referenceDistances().cosine());
      PromptStatistics statistics = timings.time("statistics", () -> PromptStatistics.of(distances, baseline.centroids().k(), distanceMetric));
      boolean withText = timings.time("write_prompts", () -> PromptOutputs.write(spark, distances, distanceMetric, thresholds, series,
          run.runId(), promptPath, input.format(), fields, distancePath));
      long[][] outliers = timings.time("outliers", () -> PromptStatistics.outliersByCluster(spark, distancePath, baseline.centroids().k()));

      DistanceReport report = new DistanceReport(series, run, distanceMetric, rule, baseline, referenceSeries);
      DistanceRunRecord record = report.record(promptPath, input, quarantine, statistics, thresholds, outliers,
          store.previousRuns(series, run, TREND_RUNS), distancePath, withText, store.table());
      timings.time("dynamodb", () -> { store.write(record); return null; });
      DistanceReport.printReadable(record);
      Summary.printLine(DistanceSummaryLine.json(record, timings.asMap()));
      distances.unpersist(false);
      input.release();
      return 0;
    }
  }

  /** The reference BASELINE; fitted first with --fit_baseline when the series has none. */
  private StoredBaseline baseline(Dynamo dynamo) throws Exception {
    NativeDriftStore drift = new NativeDriftStore(dynamo, driftTable, centroidTable);
    drift.ensureTables();
    String wanted = baselineRun.equals("latest") ? null : baselineRun;
    Optional<StoredBaseline> found = drift.baseline(referenceSeries, wanted);
    if (found.isEmpty() && fitBaseline && wanted == null) {
      if (dataPath == null) {
        throw new IllegalArgumentException("--fit_baseline needs --data_path: the reference embeddings to fit the BASELINE on");
      }
      int code = Main.run(new String[] {"drift", "--job_type", "BASELINE", "--series", referenceSeries, "--data_path", dataPath,
          "--out_table", driftTable, "--centroid_table", centroidTable});
      if (code != 0) {
        throw new IllegalStateException("fitting the BASELINE of series '" + referenceSeries + "' on " + dataPath + " failed (exit " + code + ")");
      }
      found = drift.baseline(referenceSeries, null);
    }
    return found.orElseThrow(() -> new IllegalArgumentException(wanted != null
        ? "no BASELINE run '" + wanted + "' of series '" + referenceSeries + "' in " + driftTable
        : "series '" + referenceSeries + "' has no BASELINE run in " + driftTable + ": run `drift --job_type BASELINE --series "
            + referenceSeries + "` on the reference data first, or pass --fit_baseline with --data_path"));
  }

  private DistanceStore store(Dynamo dynamo) {
    return switch (schema) {
      case "native" -> new NativeDistanceStore(dynamo, outTable);
      case "seed" -> new SeedDistanceStore(dynamo, outTable);
      default -> throw new IllegalArgumentException("--schema must be native or seed (got '" + schema + "')");
    };
  }

  private String quarantinePath(RunIdentity run) {
    if (quarantinePath != null) {
      return quarantinePath;
    }
    return Quarantine.defaultPath(promptPath, series, "DISTANCE-" + run.runId());
  }
}
