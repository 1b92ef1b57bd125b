package llmops.eval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import llmops.config.RunIdentity;
import llmops.eval.runners.ModelEndpoint;
import llmops.io.Locations;
import llmops.io.Summary;
import llmops.job.JobRun;
import llmops.job.SparkJob;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eval}: fmeval's algorithms over a dataset that holds the models' answers, per record and per dataset. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Score model outputs in an evaluation dataset with fmeval's algorithms: per-record Parquet and JSON Lines, summaries in DynamoDB.")
public final class EvalJob extends SparkJob {
  @Option(names = "--config", required = true, description = "The evaluation config YAML (local, s3://, s3a://), as conf/evaluation_config.yaml")
  String configPath;
  @Option(names = "--data_path", description = "The dataset: a file or prefix of JSON Lines or Parquet (default: the config's dataset.input_data_location)")
  String dataPath;
  @Option(names = "--output_path", required = true, description = "Where per-record scores go: records/ (Parquet) and fmeval/ (JSON Lines)")
  String outputPath;
  @Option(names = "--out_table", defaultValue = "llmops-eval-runs", description = "Evaluation summaries (default: ${DEFAULT-VALUE})")
  String outTable;
  @Option(names = "--model", description = "Score only this model of the config (or name the one model of a config without models)")
  String model;
  @Option(names = "--run_id", description = "Names the run's items; a rerun with the same id rewrites them (default: epoch seconds now)")
  String runId;
  @Option(names = "--responses_table", defaultValue = "llmops-model-responses",
      description = "Where the answers of called models are kept, so a rerun calls only for what is missing (default: ${DEFAULT-VALUE})")
  String responsesTable;

  /** The run's name and time, from --run_id, checked by {@link #checkFlags} before anything starts. */
  private RunIdentity requested;

  @Override
  protected String name() {
    return "eval";
  }

  @Override
  protected void checkFlags() {
    requested = RunIdentity.of(runId, Instant.now());
  }

  @Override
  protected Locations locations() {
    return new Locations()
        .input("--config", configPath).input("--data_path", dataPath).output("--output_path", outputPath)
        .table("--out_table", outTable).table("--responses_table", responsesTable);
  }

  @Override
  protected int run(JobRun job) throws Exception {
    Plan plan = plan(job);
    uncompressedCache(job);
    EvaluationStore store = new EvaluationStore(job.dynamo(), outTable);
    RunIdentity run = prepare(job, store, plan);
    EvaluationInput.Read input = job.time("read", () -> EvaluationInput.read(job.spark(), plan.data(), plan.config(), plan.models()));
    ModelAnswers.Answered answered = job.releaseAtEnd(job.time("invoke", () -> ModelAnswers.answer(job.spark(), input.rows(),
        plan.endpoints(), plan.config().robustness(), responsesTable)), ModelAnswers.Answered::unpersist);
    Dataset<Row> records = spreadAndKeep(job, answered.records(), input.parts(), plan);
    List<String> validLabels = job.time("labels", () -> EvaluationScores.validLabels(records, plan.config()));
    ModelJudgements.Judged judged = job.releaseAtEnd(job.time("judge", () -> ModelJudgements.add(job.spark(),
        EvaluationScores.score(job.spark(), records, plan.config(), validLabels), plan.config(), responsesTable)), ModelJudgements.Judged::unpersist);
    Dataset<Row> scored = job.persist(judged.records());
    Map<String, String> written = job.time("score_and_write", () -> EvaluationOutputs.write(scored, plan.config(), run, outputPath));
    List<EvaluationResults> results = job.time("aggregate", () -> EvaluationResults.of(scored, plan.config()));
    Map<String, EvalRunRecord.Invocation> invocations = InvocationStats.of(answered.calls(), plan.endpoints());
    Map<String, Map<String, EvalRunRecord.AlgorithmCalls>> callsByAlgorithm = InvocationStats.byAlgorithm(answered.calls(),
        plan.endpoints(), judged.calls(), judged.callers());
    List<EvalRunRecord> perModel = store(job, store, run, plan, results, invocations, ModelJudgements.failures(scored), written, validLabels,
        callsByAlgorithm);
    SelectionRecord selection = select(job, store, plan, run, perModel, scored);
    PairwiseRecord pairwise = plan.config().pairwise() == null ? null : job.time("pairwise", () -> {
      PairwiseRecord record = PairwiseJudging.judge(scored, plan.config(), judged.judge(), outputPath, run);
      store.writePairwise(plan.config().dataset().name(), run, record);
      return record;
    });
    if (pairwise != null) {
      written.put("pairwise", outputPath.replaceAll("/+$", "") + "/pairwise");
    }
    EvaluationReport.printReadable(results, plan.config(), invocations, callsByAlgorithm, selection);
    EvaluationReport.printPairwise(pairwise);
    Summary.printLine(EvaluationReport.summaryLine(run, plan.config(), plan.data(), input, perModel, written, store.table(), selection,
        InvocationStats.ofAll(judged.calls(), judged.callers()), job.timings().asMap(), pairwise));
    return 0;
  }

  /**
   * The records, spread over the cores only when the input came in fewer parts than there are cores
   * (one gzip file, say: a shuffle), and kept in memory only when more than the one scoring pass
   * reads them (the labels taken from the data, the joins of called models' answers). Otherwise the
   * input is read once, by the pass that scores, writes and caches the scored records.
   */
  private static Dataset<Row> spreadAndKeep(JobRun job, Dataset<Row> records, int parts, Plan plan) {
    int cores = job.spark().sparkContext().defaultParallelism();
    Dataset<Row> spread = parts < cores ? records.repartition(cores * 2) : records;
    boolean readAgain = EvaluationScores.labelsFromData(plan.config()) || !plan.endpoints().isEmpty() || plan.config().callsOtherModels();
    return readAgain ? job.persist(spread) : spread;
  }

  /**
   * The scored records are cached for this run's two writes and its aggregation, each reading them
   * once: compressing the cache (per column statistics of boxed values, for every row) costs more
   * than it saves. Spark reads the setting when a frame is persisted (into the session copy it
   * caches with), so it is set before any; the run's end puts it back.
   */
  private static void uncompressedCache(JobRun job) {
    String key = "spark.sql.inMemoryColumnarStorage.compressed";
    String before = job.spark().conf().get(key);
    job.spark().conf().set(key, "false");
    job.releaseAtEnd(before, value -> job.spark().conf().set(key, value));
  }

  /** What the config asks for: the models scored, the endpoints called, and the dataset read. */
  private record Plan(EvaluationConfig config, List<EvaluationConfig.Model> models, Map<String, ModelEndpoint> endpoints, String data) {}

  /** Loads and checks the config before any record is read: a wrong model, key or dataset fails here. */
  private Plan plan(JobRun job) throws Exception {
    EvaluationConfig config = EvaluationConfig.load(configPath, job.hadoop());
    List<EvaluationConfig.Model> models = config.selectModels(model);
    models.stream().filter(m -> !m.isCalled()).forEach(config::modelOutputOf);
    config.checkRobustnessModels(models);
    if (config.pairwise() != null && models.size() < 2) {
      throw new IllegalArgumentException("pairwise judging compares two models or more, but this run scores " + models.stream().map(
          EvaluationConfig.Model::name).toList() + ": list more models, or leave out --model");
    }
    String data = dataPath != null ? dataPath : config.dataset().location();
    if (data == null) {
      throw new IllegalArgumentException("no dataset: pass --data_path or set dataset.input_data_location in " + configPath);
    }
    if (dataPath == null) {
      locations().input("the config's dataset.input_data_location", data).check().checkFileSystems(job.hadoop());
    }
    return new Plan(config, models, ModelAnswers.endpoints(models), data);
  }

  /** Makes sure the tables exist and names the run (a rerun of a stored id keeps it). */
  private RunIdentity prepare(JobRun job, EvaluationStore store, Plan plan) {
    store.prepare();
    if (!plan.endpoints().isEmpty() || plan.config().callsOtherModels()) {
      ModelAnswers.prepare(job.dynamo(), responsesTable);
    }
    return store.stored(plan.config().dataset().name(), plan.models().get(0).name(), requested);
  }

  /** One run item per model, written as it is made. */
  private List<EvalRunRecord> store(JobRun job, EvaluationStore store, RunIdentity run, Plan plan, List<EvaluationResults> results,
      Map<String, EvalRunRecord.Invocation> invocations, Map<String, Map<String, Map<String, Long>>> scoreFailures,
      Map<String, String> written, List<String> validLabels, Map<String, Map<String, EvalRunRecord.AlgorithmCalls>> callsByAlgorithm)
      throws Exception {
    List<EvalRunRecord> perModel = new ArrayList<>();
    for (EvaluationResults result : results) {
      EvalRunRecord record = EvaluationReport.record(result, plan.config(), run, plan.data(), written, validLabels,
          invocations.get(result.model()), scoreFailures.get(result.model()), callsByAlgorithm.get(result.model()));
      job.time("dynamodb", () -> { store.write(plan.config().dataset().name(), run, record); return null; });
      perModel.add(record);
    }
    return perModel;
  }

  /**
   * With two models or more, the one the selection rule picks, with every pair compared on the
   * records both scored (unless statistics are off), stored beside the runs; null with one model.
   */
  private static SelectionRecord select(JobRun job, EvaluationStore store, Plan plan, RunIdentity run, List<EvalRunRecord> perModel,
      Dataset<Row> scored) throws Exception {
    if (perModel.size() < 2) {
      return null;
    }
    EvaluationConfig config = plan.config();
    List<ModelComparisons.Pair> pairs = !config.statistics().enabled() ? null : job.time("compare", () -> ModelComparisons.compare(scored,
        perModel.stream().map(EvalRunRecord::model).toList(), config.selection().qualityScore(), config.statistics()));
    SelectionRecord selection = ModelSelection.select(perModel, config.selection(), run, pairs, config.statistics());
    store.writeSelection(plan.config().dataset().name(), run, selection);
    return selection;
  }
}
