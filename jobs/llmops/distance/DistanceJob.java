package llmops.distance;

import java.time.Instant;
import java.util.Optional;
import llmops.config.RunIdentity;
import llmops.drift.DriftJob;
import llmops.drift.DriftRun;
import llmops.drift.NativeDriftStore;
import llmops.drift.StoredBaseline;
import llmops.io.Dynamo;
import llmops.io.EmbeddingInput;
import llmops.io.EmbeddingInputOptions;
import llmops.io.Locations;
import llmops.io.Quarantine;
import llmops.io.Summary;
import llmops.io.ValidatedEmbeddings;
import llmops.job.JobRun;
import llmops.job.SparkJob;
import llmops.spark.SparkKnn;
import llmops.udfs.clustering.Centroids;
import llmops.udfs.distance.CentroidDistances;
import llmops.udfs.distance.NoveltyRule;
import llmops.udfs.distance.OutlierRule;
import llmops.udfs.knn.Neighbours;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import scala.Tuple2;

/** {@code distance}: how far users' prompts are from the reference data's clusters, and which prompts it does not cover. */
@Command(name = "distance", mixinStandardHelpOptions = true,
    description = "Measure prompts against the reference series' BASELINE centroids: distances, coverage and outliers.")
public final class DistanceJob extends SparkJob {
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
  @Option(names = "--novelty_config", description = "YAML laid over conf/distance-novelty.yaml (quantile, margin)")
  String noveltyConfig;
  @Option(names = "--baseline_data_path", description = "Where the BASELINE's vectors are now, if not where its run read them (the kNN search reads them)")
  String baselineDataPath;
  @Option(names = "--knn_broadcast_mb", description = "Largest reference (float32 rows, MB) indexed once and broadcast; a larger one is searched partition by partition (default: ${DEFAULT-VALUE})")
  long knnBroadcastMb = 1024;
  @Option(names = "--knn_k", description = "The k of the kNN distance: each prompt's to its k-th nearest reference vector, each sampled reference point's to its k-th nearest other (default: ${DEFAULT-VALUE})")
  int knnK = 10;
  @Option(names = "--knn_sample", description = "Reference points whose leave-one-out kNN distances make the novelty yardstick (default: ${DEFAULT-VALUE})")
  // 10,000 points put the yardstick's p95 within about ±0.4 percentile points of the whole reference's (a 95 % interval
  // of ±43 ranks); the search costs sample x reference comparisons, so a larger sample buys little and costs linearly.
  int knnSample = 10000;

  /** Earlier runs of the series shown in the trend. */
  private static final int TREND_RUNS = 5;
  /** Novel prompts the run record lists with their text, and the characters of text each keeps (a DynamoDB item holds 400 KB). */
  private static final int MOST_NOVEL = 10;
  private static final int NOVEL_TEXT_CHARS = 300;

  @Override
  protected String name() {
    return "distance";
  }

  /** The run's name and time, from --run_id, checked by {@link #checkFlags} before anything starts. */
  private RunIdentity requested;

  @Override
  protected void checkFlags() {
    requested = RunIdentity.of(runId, Instant.now());
    DriftRun.checkSeries(series);
    CentroidDistances.Metric.parse(metric);
    if (knnK < 1 || knnSample < 1) {
      throw new IllegalArgumentException("--knn_k and --knn_sample must be positive (got " + knnK + " and " + knnSample + ")");
    }
  }

  @Override
  protected Locations locations() {
    return new Locations()
        .input("--prompt_path", promptPath).input("--data_path", dataPath).input("--outlier_config", outlierConfig)
        .input("--novelty_config", noveltyConfig).input("--baseline_data_path", baselineDataPath)
        .output("--distance_path", distancePath).output("--quarantine_path", quarantinePath)
        .table("--out_table", outTable).table("--drift_table", driftTable).table("--centroid_table", centroidTable);
  }

  @Override
  protected int run(JobRun job) throws Exception {
    DistanceStore store = store(job.dynamo());
    store.prepare(requested);
    RunIdentity run = store.stored(series, requested);
    StoredBaseline baseline = baseline(job);
    OutlierRule rule = OutlierSettings.load(outlierConfig, job.hadoop());
    NoveltyRule noveltyRule = OutlierSettings.novelty(noveltyConfig, job.hadoop());
    Read input = read(job, run, baseline.dim());
    CentroidDistances.Metric distanceMetric = CentroidDistances.Metric.parse(metric);
    Centroids centroids = baseline.centroids();
    Measured measured = measure(job, input, baseline, distanceMetric);
    JavaRDD<PromptDistances> distances = measured.distances();
    double[] thresholds = rule.thresholds(baseline.referenceDistances().of(distanceMetric));
    double noveltyThreshold = noveltyRule.threshold(measured.yardstick().quantiles().inOrder());
    PromptStatistics statistics = job.time("statistics", () -> PromptStatistics.of(distances, centroids.k(), distanceMetric));
    PromptStatistics knnStatistics = job.time("knn", () -> PromptStatistics.ofKnn(distances));
    boolean withText = job.time("write_prompts", () -> PromptOutputs.write(job.spark(), distances, distanceMetric, thresholds, noveltyThreshold,
        series, run.runId(), promptPath, input.vectors().format(), inputOptions.fields(textField), distancePath));
    long[][] flagged = job.time("outliers", () -> PromptStatistics.flaggedByCluster(job.spark(), distancePath, centroids.k()));
    DistanceReport report = new DistanceReport(series, run, distanceMetric, rule, baseline, referenceSeries);
    DistanceRunRecord.Novelty novelty = report.novelty(noveltyRule, noveltyThreshold, knnStatistics, flagged,
        PromptOutputs.mostNovel(job.spark(), distancePath, MOST_NOVEL, NOVEL_TEXT_CHARS), measured.yardstick(), measured.broadcast());
    DistanceRunRecord record = report.record(promptPath, input.vectors(), input.quarantine(), statistics, thresholds, flagged,
        store.previousRuns(series, run, TREND_RUNS), distancePath, withText, store.table(), novelty);
    job.time("dynamodb", () -> { store.write(record); return null; });
    DistanceReport.printReadable(record);
    Summary.printLine(DistanceSummaryLine.json(record, job.timings().asMap()));
    return 0;
  }

  /** Each prompt's distances to the centroids and to its k nearest reference vectors, the reference's own kNN yardstick, and whether the reference was broadcast. */
  private record Measured(JavaRDD<PromptDistances> distances, ReferenceNeighbours.Yardstick yardstick, boolean broadcast) {}

  private Measured measure(JobRun job, Read input, StoredBaseline baseline, CentroidDistances.Metric distanceMetric) throws Exception {
    Centroids centroids = baseline.centroids();
    ValidatedEmbeddings reference = readReference(job, baseline);
    // Seeded with the BASELINE's own seed: the same BASELINE data gives the same yardstick in every run.
    ReferenceNeighbours.Yardstick yardstick = job.time("knn_yardstick", () -> ReferenceNeighbours.measure(reference.blocks(), reference.valid(),
        baseline.dim(), centroids, knnK, knnSample, baseline.seed(), distanceMetric));
    long broadcastBytes = knnBroadcastMb << 20;
    JavaPairRDD<Long, Neighbours> knn = SparkKnn.ofBlocks(input.vectors().blocks(), reference.blocks(), reference.valid(), baseline.dim(),
        centroids, knnK, distanceMetric, broadcastBytes);
    JavaRDD<PromptDistances> distances = job.persist(input.vectors().blocks().zipWithIndex().mapToPair(Tuple2::swap).join(knn).values()
        .map(t -> new PromptDistances(CentroidDistances.of(t._1(), centroids), t._2().kthDistances())));
    return new Measured(distances, yardstick, SparkKnn.broadcasts(reference.valid(), baseline.dim(), broadcastBytes));
  }

  /** The BASELINE's vectors, where its run read them (or --baseline_data_path), for the kNN search. */
  private ValidatedEmbeddings readReference(JobRun job, StoredBaseline baseline) throws Exception {
    String path = baselineDataPath != null ? baselineDataPath : baseline.dataPath();
    ValidatedEmbeddings reference = job.releaseAtEnd(job.time("read_reference", () -> ValidatedEmbeddings.of(
        EmbeddingInput.read(job.spark(), path, baseline.format(), baseline.fields()), baseline.dim())), ValidatedEmbeddings::release);
    // The yardstick's leave-one-out search needs k others for each sampled point: k + 1 vectors at least.
    if (reference.valid() <= knnK) {
      throw new IllegalArgumentException("the BASELINE's data at " + path + " has " + reference.valid() + " valid vectors of dimension "
          + baseline.dim() + " now, not more than --knn_k = " + knnK + "; pass --baseline_data_path if it moved");
    }
    return reference;
  }

  /** The valid prompt vectors, and where their bad records went (null when there were none). */
  private record Read(ValidatedEmbeddings vectors, String quarantine) {}

  /** Reads the prompts, keeps those of the reference's dimension and quarantines the rest; none left is no input. */
  private Read read(JobRun job, RunIdentity run, int dim) throws Exception {
    ValidatedEmbeddings input = job.releaseAtEnd(job.time("read", () -> ValidatedEmbeddings.of(
        EmbeddingInput.read(job.spark(), promptPath, inputOptions.format(), inputOptions.fields(textField)), dim)), ValidatedEmbeddings::release);
    String quarantine = job.quarantine(input.quarantined(), input.badRecords(), () -> quarantinePath(run));
    if (input.valid() == 0) {
      throw new IllegalArgumentException("no usable prompts: 0 valid vectors of dimension " + dim + " (the reference centroids') among "
          + input.records() + " records under " + promptPath + "; " + Quarantine.explained(input.quarantinedByReason(), quarantine));
    }
    return new Read(input, quarantine);
  }

  /** The reference BASELINE; fitted first, in this run, with --fit_baseline when the series has none. */
  private StoredBaseline baseline(JobRun job) throws Exception {
    NativeDriftStore drift = new NativeDriftStore(job.dynamo(), driftTable, centroidTable);
    drift.ensureTables();
    String wanted = baselineRun.equals("latest") ? null : baselineRun;
    Optional<StoredBaseline> found = drift.baseline(referenceSeries, wanted);
    if (found.isEmpty() && fitBaseline && wanted == null) {
      if (dataPath == null) {
        throw new IllegalArgumentException("--fit_baseline needs --data_path: the reference embeddings to fit the BASELINE on");
      }
      DriftJob.baseline(referenceSeries, dataPath, driftTable, centroidTable).callWithin(job);
      found = drift.baseline(referenceSeries, null);
    }
    StoredBaseline baseline = found.orElseThrow(() -> new IllegalArgumentException(wanted != null
        ? "no BASELINE run '" + wanted + "' of series '" + referenceSeries + "' in " + driftTable
        : "series '" + referenceSeries + "' has no BASELINE run in " + driftTable + ": run `drift --job_type BASELINE --series "
            + referenceSeries + "` on the reference data first, or pass --fit_baseline with --data_path"));
    return baseline;
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
