package llmops.drift;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import llmops.config.RunIdentity;
import llmops.io.Dynamo;
import llmops.io.EmbeddingFields;
import llmops.io.EmbeddingInput;
import llmops.io.EmbeddingInputOptions;
import llmops.io.Float32Vector;
import llmops.io.Locations;
import llmops.io.Quarantine;
import llmops.io.Summary;
import llmops.io.ValidatedEmbeddings;
import llmops.spark.BlockPartitions;
import llmops.job.JobRun;
import llmops.job.SparkJob;
import llmops.udfs.drift.Statistic;
import llmops.udfs.stats.HistoryBand;
import llmops.udfs.time.TimeWindow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code drift}: PCA, K-Means and silhouettes of an embedding archive, stored as a BASELINE or SNAPSHOT run. */
@Command(name = "drift", mixinStandardHelpOptions = true,
    description = "Analyse embeddings (PCA, K-Means, silhouette) and store the run as a BASELINE or SNAPSHOT.")
public final class DriftJob extends SparkJob {
  @Spec
  CommandSpec spec;
  @Option(names = "--job_type", required = true, description = "BASELINE or SNAPSHOT")
  DriftRun.JobType jobType;
  @Option(names = "--data_path", required = true, description = "Embeddings: a file or prefix (local, s3://, s3a://), read recursively")
  String dataPath;
  @Option(names = "--series", description = "Which data this is, e.g. reference or prompts (default: ${DEFAULT-VALUE})")
  String series = "default";
  @Option(names = "--out_table", description = "Run summaries table (default: ${DEFAULT-VALUE})")
  String outTable = "llmops-drift-runs";
  @Option(names = "--centroid_table", description = "Centroids table (default: ${DEFAULT-VALUE})")
  String centroidTable = "llmops-drift-centroids";
  @Option(names = "--k", description = "Number of clusters, or auto (default: ${DEFAULT-VALUE})")
  String k = "10";
  @Option(names = "--k_range", description = "k values --k auto tries (default: ${DEFAULT-VALUE})")
  String kRange = "2-12";
  @Option(names = "--variance", description = "Share of variance the counted components explain (default: ${DEFAULT-VALUE})")
  double variance = 0.95;
  @Mixin
  EmbeddingInputOptions inputOptions = new EmbeddingInputOptions();
  @Option(names = "--dim", description = "Expected dimension; default: the most common one in the data")
  Integer dim;
  @Option(names = "--assignments_path", description = "Write each record's cluster and distance here as Parquet")
  String assignmentsPath;
  @Option(names = "--quarantine_path", description = "Where bad records go (default: _llmops_quarantine/<series>/<job>-<run> beside the data)")
  String quarantinePath;
  @Option(names = "--run_id", description = "Names the run's items; a rerun with the same id rewrites them (default: epoch seconds now)")
  String runId;
  @Option(names = "--schema", description = "native, or seed for exactly the AWS sample's items")
  String schema = "native";
  @Option(names = "--engine",
      description = "native (scikit-learn's numbers, faster) or mllib (Spark MLlib's PCA, KMeans and ClusteringEvaluator: the AWS sample's numbers) (default: ${DEFAULT-VALUE})")
  String engine = "native";
  @Option(names = "--seed", description = "Random seed of K-Means and the samples (default: ${DEFAULT-VALUE})")
  long seed = 42;
  @Option(names = "--silhouette_sample", description = "Points in the Euclidean silhouette's sample (default: ${DEFAULT-VALUE})")
  int silhouetteSample = 10000;
  @Option(names = "--kmeans_init_sample", description = "Points k-means++ chooses initial centres from (default: ${DEFAULT-VALUE})")
  int initSample = 20000;
  @Option(names = "--max_iterations", description = "Lloyd iterations at most (default: ${DEFAULT-VALUE})")
  int maxIterations = 300;
  @Option(names = "--baseline_run", description = "SNAPSHOT: the BASELINE run id to compare with (default: the series' latest)")
  String baselineRun;
  @Option(names = "--baseline_data_path", description = "SNAPSHOT: where the baseline's vectors are now, if not where its run read them")
  String baselineDataPath;
  @Option(names = "--verdict_config", description = "SNAPSHOT: the verdict's rules (default: conf/drift-verdict.yaml, built in)")
  String verdictConfig;
  @Option(names = "--compare_previous", arity = "0..1",
      description = "SNAPSHOT: also compare with the series' previous SNAPSHOT (consecutive drift), stored as consecutive")
  boolean comparePrevious;
  @Option(names = "--window", description = "SNAPSHOT: one SNAPSHOT per UTC-aligned window of --time_field (1h, 6h, 1d, 7d, ...), each compared with the same BASELINE")
  String window;
  @Option(names = "--time_field", description = "With --window: JSON Lines / Parquet field of each record's time (ISO-8601, epoch seconds or milliseconds)")
  String timeField;
  @Option(names = "--min_window_size", description = "With --window: windows with fewer valid vectors are reported, not judged (default: ${DEFAULT-VALUE})")
  long minWindowSize = 200;
  @Option(names = "--segment_field", description = "SNAPSHOT: JSON Lines / Parquet field naming each record's segment (tenant, adapter, ...): every segment judged as well as the whole")
  String segmentField;
  @Option(names = "--min_segment_size", description = "With --segment_field: segments with fewer valid vectors are reported, not judged (default: ${DEFAULT-VALUE})")
  long minSegmentSize = 200;
  // arity 0..1: Glue passes every argument as --key value, so --fail_on_drift true must work as well as the bare flag.
  @Option(names = "--fail_on_drift", arity = "0..1", description = "SNAPSHOT: exit with code " + DRIFT_EXIT_CODE + " when the verdict is drift")
  boolean failOnDrift;

  /** The exit code of a SNAPSHOT that drifted under --fail_on_drift: distinct from failure (1) and bad arguments (2). */
  public static final int DRIFT_EXIT_CODE = 3;

  /** The analysis flags and the run, checked by {@link #checkFlags} before anything starts. */
  private DriftSettings settings;
  /** The run the flags name: the whole input's (windows and segments derive their own runs from it). */
  private DriftRun run;
  /** Under --window, its windows; else null. */
  private TimeWindow timeWindow;
  /** The BASELINE as every comparison of this job (the whole input's, each window's, each segment's) needs it, read once. */
  private HeldBaseline heldBaseline;

  /** A BASELINE of this series on this data, with every other flag at its default: what the distance job fits when asked. */
  public static DriftJob baseline(String series, String dataPath, String outTable, String centroidTable) {
    DriftJob job = new DriftJob();
    job.jobType = DriftRun.JobType.BASELINE;
    job.series = series;
    job.dataPath = dataPath;
    job.outTable = outTable;
    job.centroidTable = centroidTable;
    return job;
  }

  @Override
  protected String name() {
    return "drift";
  }

  @Override
  protected void checkFlags() {
    run = new DriftRun(jobType, series, RunIdentity.of(runId, Instant.now()));
    settings = settings();
    mllibEngine();
    timeWindow = timeWindow();
    checkSegmentFlags();
  }

  @Override
  protected Locations locations() {
    return new Locations()
        .input("--data_path", dataPath).input("--baseline_data_path", baselineDataPath).input("--verdict_config", verdictConfig)
        .output("--assignments_path", assignmentsPath).output("--quarantine_path", quarantinePath)
        .table("--out_table", outTable).table("--centroid_table", centroidTable);
  }

  @Override
  protected int run(JobRun job) throws Exception {
    DriftStore store = store(job.dynamo());
    store.prepare(run);
    heldBaseline = new HeldBaseline();
    Optional<StoredBaseline> baseline = baseline(store);
    Optional<StoredBaseline> previous = timeWindow == null ? previousSnapshot(store, run) : Optional.empty();
    VerdictSettings verdictSettings = VerdictSettings.load(verdictConfig, job.hadoop());
    ValidatedEmbeddings vectors = read(job);
    String quarantine = job.quarantine(vectors.quarantined(), vectors.badRecords(), this::quarantinePath);
    requireUsable(vectors, quarantine);
    if (timeWindow != null) {
      return runWindows(job, store, baseline, verdictSettings, vectors, quarantine);
    }
    List<DriftRunRecord.SegmentOutcome> segments = segmentField == null ? null : judgeSegments(job, store, baseline, verdictSettings, vectors);
    Stored stored = analyseAndStore(job, store, run, baseline, previous, verdictSettings, new Read(vectors, quarantine, spread(job, vectors)),
        null, segments);
    DriftConsole.printReadable(stored.record());
    Summary.printLine(DriftSummaryLine.json(stored.record(), new DriftSummaryLine.Outputs(store.tables(), stored.items(), assignmentsPath),
        job.timings().asMap(), stored.layout()));
    return failOnDrift && stored.compared().drifted() ? DRIFT_EXIT_CODE : 0;
  }

  /** A run's record as stored, how many items it wrote, its comparison and how its vectors were spread. */
  private record Stored(DriftRunRecord record, int items, Compared compared, BlockPartitions.Layout layout) {}

  /** Analyses a run's vectors (the whole input's, a window's or a segment's), compares a SNAPSHOT with its BASELINE and writes the run's items. */
  private Stored analyseAndStore(JobRun job, DriftStore store, DriftRun run, Optional<StoredBaseline> baseline, Optional<StoredBaseline> previous,
      VerdictSettings verdictSettings, Read input, DriftRunRecord.Window window, List<DriftRunRecord.SegmentOutcome> segments) throws Exception {
    DriftRunRecord.DataQualityReport quality = job.time("data_quality", () -> DataQuality.check(input.vectors()));
    Analysed analysed = analyse(job, input.vectors());
    writeAssignments(job, run, input.vectors(), analysed.result());
    Compared compared = run.jobType() == DriftRun.JobType.SNAPSHOT
        ? compare(job, verdictSettings, baseline, previous,
            DriftHistory.bands(store.history(run.series()), run.identity().runId(), verdictSettings.history()), input.vectors(), analysed.result())
        : Compared.NOTHING;
    DriftRunRecord record = record(run, input, quality, analysed, compared, window, segments);
    int items = job.time("dynamodb", () -> store.write(run, record, analysed.result()));
    return new Stored(record, items, compared, input.layout());
  }

  /**
   * Under --window: each window of the input judged as a SNAPSHOT of its own, named by its start
   * (so a rerun, or a late window's, rewrites the same items), against the same BASELINE; windows
   * too small to judge are only reported. One summary line lists every window.
   */
  private int runWindows(JobRun job, DriftStore store, Optional<StoredBaseline> baseline, VerdictSettings verdictSettings,
      ValidatedEmbeddings vectors, String quarantine) throws Exception {
    Map<Long, Long> counts = job.time("windows", () -> vectors.countsByWindow(timeWindow));
    List<WindowedSummaryLine.Entry> entries = new ArrayList<>();
    int items = 0;
    boolean drifted = false;
    for (Map.Entry<Long, Long> count : counts.entrySet()) {
      long start = count.getKey();
      DriftRunRecord.Window window = new DriftRunRecord.Window(timeField, timeWindow.spec(), TimeWindow.label(start), start / 1000);
      // A window's run id and time come from its start alone: the same window always names the same items.
      DriftRun windowRun = new DriftRun(DriftRun.JobType.SNAPSHOT, run.series(),
          new RunIdentity((runId != null ? runId : "w") + "-" + window.start(), window.startTs()));
      if (count.getValue() < minWindowSize) {
        entries.add(WindowedSummaryLine.Entry.notJudged(window, windowRun.identity().runId(), count.getValue(),
            count.getValue() + " valid vectors, fewer than --min_window_size " + minWindowSize));
        continue;
      }
      ValidatedEmbeddings windowVectors = vectors.within(start, start + timeWindow.widthMillis());
      try {
        Stored stored = analyseAndStore(job, store, windowRun, baseline, previousSnapshot(store, windowRun), verdictSettings,
            new Read(windowVectors, null, spread(job, windowVectors)), window, null);
        DriftConsole.printReadable(stored.record());
        entries.add(WindowedSummaryLine.Entry.judged(stored.record()));
        items += stored.items();
        drifted |= stored.compared().drifted();
      } finally {
        windowVectors.release();
      }
    }
    Summary.printLine(WindowedSummaryLine.json(run, DriftReport.input(dataPath, fields(), vectors, quarantine), timeWindow, timeField,
        minWindowSize, entries, new DriftSummaryLine.Outputs(store.tables(), items, null), job.timings().asMap()));
    return failOnDrift && drifted ? DRIFT_EXIT_CODE : 0;
  }

  /** Segments before anything else is judged more severe: drift, then warning, then ok, then not judged. */
  private static final List<String> SEVERITY = List.of("drift", "warning", "ok");

  /**
   * Under --segment_field: each segment's vectors judged as a SNAPSHOT of the series
   * {@code <series>#<segment>} (same run id, same BASELINE as the whole), so a segment's history is
   * one partition; segments too small to judge are only counted. Most severe first.
   */
  private List<DriftRunRecord.SegmentOutcome> judgeSegments(JobRun job, DriftStore store, Optional<StoredBaseline> baseline,
      VerdictSettings verdictSettings, ValidatedEmbeddings vectors) throws Exception {
    Map<String, Long> counts = job.time("segments", vectors::countsBySegment);
    List<DriftRunRecord.SegmentOutcome> outcomes = new ArrayList<>();
    for (Map.Entry<String, Long> count : counts.entrySet()) {
      DriftRun segmentRun = run.segment(count.getKey());
      if (count.getValue() < minSegmentSize) {
        outcomes.add(new DriftRunRecord.SegmentOutcome(count.getKey(), segmentRun.series(), count.getValue(), false, null, null, null,
            count.getValue() + " valid vectors, fewer than --min_segment_size " + minSegmentSize));
        continue;
      }
      ValidatedEmbeddings segmentVectors = vectors.inSegment(count.getKey());
      try {
        Stored stored = analyseAndStore(job, store, segmentRun, baseline, previousSnapshot(store, segmentRun), verdictSettings,
            new Read(segmentVectors, null, spread(job, segmentVectors)), null, null);
        DriftConsole.printReadable(stored.record());
        DriftRunRecord.VerdictRecord verdict = stored.record().verdict();
        outcomes.add(new DriftRunRecord.SegmentOutcome(count.getKey(), segmentRun.series(), count.getValue(), true, verdict.level(),
            verdict.drift(), verdict.triggeredBy(), verdict.reason()));
      } finally {
        segmentVectors.release();
      }
    }
    outcomes.sort(Comparator.comparingInt(DriftJob::severityRank)
        .thenComparing(Comparator.comparingLong(DriftRunRecord.SegmentOutcome::vectors).reversed())
        .thenComparing(DriftRunRecord.SegmentOutcome::segment));
    return outcomes;
  }

  private static int severityRank(DriftRunRecord.SegmentOutcome outcome) {
    if (!outcome.judged() || outcome.drift() == null) {
      return SEVERITY.size();
    }
    String level = outcome.level() != null ? outcome.level() : outcome.drift() ? "drift" : "ok";
    return SEVERITY.indexOf(level);
  }

  /** A run's valid vectors, where their bad records went (null when there were none) and how they are spread. */
  private record Read(ValidatedEmbeddings vectors, String quarantine, BlockPartitions.Layout layout) {}

  /** Reads and validates the input, released when the job ends. */
  private ValidatedEmbeddings read(JobRun job) throws Exception {
    EmbeddingInput.LinePartitioning partitioning = mllibEngine() ? new SparkTextPartitioning(job.spark(), dataPath) : EmbeddingInput.SPLIT_PER_PARTITION;
    return job.releaseAtEnd(job.time("read", () -> ValidatedEmbeddings.of(EmbeddingInput.read(
        job.spark(), dataPath, inputOptions.format(), fields(), partitioning), dim)), ValidatedEmbeddings::release);
  }

  /** The input's field names, with the time field under --window and the segment field under --segment_field. */
  private EmbeddingFields fields() {
    return inputOptions.fields("text").withTime(timeField).withSegment(segmentField);
  }

  /** Fewer than two valid vectors is no input. */
  private void requireUsable(ValidatedEmbeddings input, String quarantine) {
    if (input.valid() < 2) {
      throw new IllegalArgumentException("no usable input: " + input.valid() + " valid vectors of " + input.records()
          + " records under " + dataPath + "; " + Quarantine.explained(input.quarantinedByReason(), quarantine));
    }
  }

  /** Spreads the vectors over the cores for the passes to come. */
  private BlockPartitions.Layout spread(JobRun job, ValidatedEmbeddings input) throws Exception {
    // MLlib's numbers depend on the partitions, which its engine plans as Spark's text source would: they stay as read.
    int cores = job.spark().sparkContext().defaultParallelism();
    return mllibEngine() ? input.layoutAsRead(cores) : job.time("partitioning", () -> input.spreadOver(cores));
  }

  /** The analysis's result, and what MLlib's engine reports when it ran the analysis. */
  private record Analysed(DriftResult result, DriftRunRecord.MllibRun mllib) {}

  private Analysed analyse(JobRun job, ValidatedEmbeddings input) throws Exception {
    if (!mllibEngine()) {
      return new Analysed(new DriftAnalysis(input.blocks(), input.valid(), input.dim(), settings, job.timings(), null).run(), null);
    }
    // The sample computes PCA(k=100); its items are only comparable under that cap, so --schema seed keeps it.
    MllibEngine engine = new MllibEngine(job.spark(), input.blocks(), input.dim(),
        schema.equals("seed") ? MllibEngine.SAMPLE_PCA_COMPONENTS : null, seed);
    try {
      DriftResult result = new DriftAnalysis(input.blocks(), input.valid(), input.dim(), settings, job.timings(), engine).run();
      return new Analysed(result, engine.describe());
    } finally {
      engine.release();
    }
  }

  private void writeAssignments(JobRun job, DriftRun run, ValidatedEmbeddings input, DriftResult result) throws Exception {
    if (assignmentsPath != null) {
      job.time("assignments", () -> { Assignments.write(job.spark(), input.blocks(), result.centroids(), run, assignmentsPath); return null; });
    }
  }

  private DriftRunRecord record(DriftRun run, Read input, DriftRunRecord.DataQualityReport quality, Analysed analysed, Compared compared,
      DriftRunRecord.Window window, List<DriftRunRecord.SegmentOutcome> segments) {
    DriftResult result = analysed.result();
    return new DriftRunRecord(DriftRunRecord.JOB, DriftRunRecord.OK, run.jobType().name(), run.series(),
        run.identity().runId(), run.identity().epochSeconds(), schema, engine,
        DriftReport.input(dataPath, fields(), input.vectors(), input.quarantine()),
        DriftReport.pca(result, settings), DriftReport.kmeans(result, settings), DriftReport.silhouette(result), quality, analysed.mllib(),
        compared.comparison(), compared.verdict(), compared.consecutive(), window, segments, Float32Vector.of(result.clusters().mean()));
  }

  /**
   * A SNAPSHOT's comparison with its BASELINE (null without one), its verdict (null for a BASELINE)
   * and its comparison with the previous SNAPSHOT (null unless asked for and there is one).
   */
  private record Compared(DriftRunRecord.Comparison comparison, DriftRunRecord.VerdictRecord verdict,
      DriftRunRecord.Consecutive consecutive) {
    static final Compared NOTHING = new Compared(null, null, null);

    boolean drifted() {
      return verdict != null && Boolean.TRUE.equals(verdict.drift());
    }
  }

  /** The BASELINE a SNAPSHOT is compared with, looked up before any Spark work so a wrong --baseline_run fails fast. */
  private Optional<StoredBaseline> baseline(DriftStore store) {
    if (run.jobType() != DriftRun.JobType.SNAPSHOT) {
      return Optional.empty();
    }
    Optional<StoredBaseline> found = store.baseline(run.series(), baselineRun);
    if (found.isEmpty() && baselineRun != null) {
      throw new IllegalArgumentException("no BASELINE run '" + baselineRun + "' of series '" + run.series() + "' in " + outTable);
    }
    if (found.isPresent() && baselineDataPath == null) {
      // The comparison reads the BASELINE's data where that run read it: no output of this run may go there.
      locations().input("the BASELINE's --data_path", found.get().dataPath()).check();
    }
    return found;
  }

  /** Under --compare_previous, the previous SNAPSHOT of this run's series (a window's or a segment's too), looked up before its Spark work. */
  private Optional<StoredBaseline> previousSnapshot(DriftStore store, DriftRun run) {
    if (!comparePrevious || run.jobType() != DriftRun.JobType.SNAPSHOT) {
      return Optional.empty();
    }
    Optional<StoredBaseline> found = store.previousSnapshot(run);
    if (found.isPresent()) {
      // Its data is read again, as the BASELINE's is: no output of this run may go there.
      locations().input("the previous SNAPSHOT's --data_path", found.get().dataPath()).check();
    }
    return found;
  }

  /**
   * The comparison with the BASELINE and the verdict (calibrated, with the series' history bands),
   * and with the previous SNAPSHOT when there is one to compare with (judged as against a BASELINE,
   * without history); without a BASELINE, only why there is no verdict.
   */
  private Compared compare(JobRun job, VerdictSettings verdictSettings, Optional<StoredBaseline> baseline, Optional<StoredBaseline> previous,
      Map<Statistic, HistoryBand> history, ValidatedEmbeddings input, DriftResult result) throws Exception {
    if (baseline.isEmpty()) {
      String why = schema.equals("seed")
          ? "the seed schema keeps too little of a BASELINE to compare with (no centroid radii, mean or data path): use --schema native"
          : "series '" + series + "' has no BASELINE run in " + outTable + " yet";
      return new Compared(null, DriftReport.noVerdict(why), null);
    }
    DriftComparison comparison = new DriftComparison(job.spark(), verdictSettings, settings, job.timings());
    StoredBaseline b = baseline.get();
    DriftComparison.Outcome outcome = comparison.compare(b, baselineDataPath != null ? baselineDataPath : b.dataPath(), input.blocks(),
        result, history, heldBaseline);
    DriftRunRecord.Consecutive consecutive = null;
    if (previous.isPresent()) {
      // Each window's and segment's previous SNAPSHOT is a run of its own: nothing of it is worth holding past this comparison.
      DriftComparison.Outcome since = comparison.compare(previous.get(), previous.get().dataPath(), input.blocks(), result, Map.of(),
          new HeldBaseline());
      consecutive = new DriftRunRecord.Consecutive(previous.get().runId(), since.comparison(),
          DriftReport.verdict(since.verdict(), since.calibrated(), verdictSettings.calibration()));
    }
    return new Compared(outcome.comparison(), DriftReport.verdict(outcome.verdict(), outcome.calibrated(), verdictSettings.calibration()),
        consecutive);
  }

  /**
   * The analysis flags as settings. A value that is not of its flag's form is a bad argument, as
   * picocli's own type errors are: exit code 2 with the message and the usage.
   */
  private DriftSettings settings() {
    try {
      boolean auto = k.equalsIgnoreCase("auto");
      String[] range = kRange.split("-");
      if (range.length != 2) {
        throw new IllegalArgumentException("--k_range must look like 2-12 (got '" + kRange + "')");
      }
      int fixed = auto ? 0 : whole(k, "--k must be a whole number or auto (got '" + k + "')");
      String rangeError = "--k_range must be FROM-TO in whole numbers, like 2-12 (got '" + kRange + "')";
      return new DriftSettings(fixed, whole(range[0], rangeError), whole(range[1], rangeError), variance, seed,
          silhouetteSample, initSample, maxIterations);
    } catch (IllegalArgumentException e) {
      // Built in code (the distance job's BASELINE) there is no command line to blame.
      throw spec == null ? e : new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /**
   * --window and --time_field, which go together: a SNAPSHOT split by time. Each window writes a run
   * of its own, so one assignments path and the seed schema's one item per day cannot hold them.
   */
  private TimeWindow timeWindow() {
    if (window == null && timeField == null) {
      return null;
    }
    try {
      if (window == null || timeField == null) {
        throw new IllegalArgumentException("--window and --time_field go together: the windows are of the time field");
      }
      if (jobType != DriftRun.JobType.SNAPSHOT) {
        throw new IllegalArgumentException("--window splits a SNAPSHOT into windows; a BASELINE is one run");
      }
      if (assignmentsPath != null || !schema.equals("native")) {
        throw new IllegalArgumentException("--window writes one run per window: it needs --schema native and no --assignments_path");
      }
      if (minWindowSize < 2) {
        throw new IllegalArgumentException("--min_window_size must be at least 2 (got " + minWindowSize + ")");
      }
      return TimeWindow.parse(window);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /**
   * --segment_field: a SNAPSHOT's segments, each a run of its own series {@code <series>#<segment>}
   * (so --series itself may not hold a #), not combined with --window.
   */
  private void checkSegmentFlags() {
    try {
      if (series.contains("#")) {
        throw new IllegalArgumentException("--series may not contain #: it separates a series from its segment in keys");
      }
      if (segmentField == null) {
        return;
      }
      if (jobType != DriftRun.JobType.SNAPSHOT) {
        throw new IllegalArgumentException("--segment_field judges a SNAPSHOT's segments; a BASELINE is one run");
      }
      if (timeWindow != null) {
        throw new IllegalArgumentException("--segment_field and --window cannot be combined: run one job per segment or per window");
      }
      if (assignmentsPath != null || !schema.equals("native")) {
        throw new IllegalArgumentException("--segment_field writes one run per segment: it needs --schema native and no --assignments_path");
      }
      if (minSegmentSize < 2) {
        throw new IllegalArgumentException("--min_segment_size must be at least 2 (got " + minSegmentSize + ")");
      }
    } catch (IllegalArgumentException e) {
      throw spec == null ? e : new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private static int whole(String value, String error) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(error);
    }
  }

  private boolean mllibEngine() {
    return switch (engine) {
      case "native" -> false;
      case "mllib" -> true;
      default -> throw new IllegalArgumentException("--engine must be native or mllib (got '" + engine + "')");
    };
  }

  private DriftStore store(Dynamo dynamo) {
    return switch (schema) {
      case "native" -> new NativeDriftStore(dynamo, outTable, centroidTable);
      case "seed" -> new SeedDriftStore(dynamo, outTable, centroidTable);
      default -> throw new IllegalArgumentException("--schema must be native or seed (got '" + schema + "')");
    };
  }

  private String quarantinePath() {
    if (quarantinePath != null) {
      return quarantinePath;
    }
    return Quarantine.defaultPath(dataPath, run.series(), run.jobType() + "-" + run.identity().runId());
  }
}
