package llmops.eval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import llmops.config.RunIdentity;
import llmops.eval.runners.ModelEndpoint;
import llmops.io.Dynamo;
import llmops.io.Locations;
import llmops.io.Summary;
import llmops.io.Timings;
import llmops.spark.Sparks;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eval}: fmeval's algorithms over a dataset that holds the models' answers, per record and per dataset. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Score model outputs in an evaluation dataset with fmeval's algorithms: per-record Parquet and JSON Lines, summaries in DynamoDB.")
public final class EvalJob implements Callable<Integer> {
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

  @Override
  public Integer call() throws Exception {
    RunIdentity requested = RunIdentity.of(runId, Instant.now());
    Locations locations = new Locations()
        .input("--config", configPath).input("--data_path", dataPath).output("--output_path", outputPath)
        .table("--out_table", outTable).table("--responses_table", responsesTable)
        .check();
    Timings timings = new Timings();
    SparkSession spark = Sparks.session("llmops-eval");
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    locations.checkFileSystems(hadoop);
    EvaluationConfig config = EvaluationConfig.load(configPath, hadoop);
    List<EvaluationConfig.Model> models = config.selectModels(model);
    models.stream().filter(m -> !m.isCalled()).forEach(config::modelOutputOf);
    config.checkRobustnessModels(models);
    Map<String, ModelEndpoint> endpoints = ModelAnswers.endpoints(models);
    String data = dataPath != null ? dataPath : config.dataset().location();
    if (data == null) {
      throw new IllegalArgumentException("no dataset: pass --data_path or set dataset.input_data_location in " + configPath);
    }
    if (dataPath == null) {
      locations.input("the config's dataset.input_data_location", data).check().checkFileSystems(hadoop);
    }
    String dataset = config.dataset().name();
    try (Dynamo dynamo = Dynamo.connect()) {
      EvaluationStore store = new EvaluationStore(dynamo, outTable);
      store.prepare();
      if (!endpoints.isEmpty() || config.callsOtherModels()) {
        ModelAnswers.prepare(dynamo, responsesTable);
      }
      RunIdentity run = store.stored(dataset, models.get(0).name(), requested);

      EvaluationInput.Read input = timings.time("read", () -> EvaluationInput.read(spark, data, config, models));
      ModelAnswers.Answered answered = timings.time("invoke", () -> ModelAnswers.answer(spark, input.rows(), endpoints, config.robustness(), responsesTable));
      Dataset<Row> records = answered.records().repartition(spark.sparkContext().defaultParallelism() * 2).persist(StorageLevel.MEMORY_AND_DISK());
      List<String> validLabels = timings.time("labels", () -> EvaluationScores.validLabels(records, config));
      ModelJudgements.Judged judged = timings.time("judge", () ->
          ModelJudgements.add(spark, EvaluationScores.score(spark, records, config, validLabels), config, responsesTable));
      Dataset<Row> scored = judged.records().persist(StorageLevel.MEMORY_AND_DISK());
      Map<String, String> written = timings.time("score_and_write", () -> EvaluationOutputs.write(scored, config, run, outputPath));
      List<EvaluationResults> results = timings.time("aggregate", () -> EvaluationResults.of(scored, config));

      Map<String, EvalRunRecord.Invocation> invocations = InvocationStats.of(answered.calls(), endpoints);
      Map<String, Map<String, Map<String, Long>>> scoreFailures = ModelJudgements.failures(scored);
      List<EvalRunRecord> perModel = new ArrayList<>();
      for (EvaluationResults result : results) {
        EvalRunRecord record = EvaluationReport.record(result, config, run, data, written, validLabels, invocations.get(result.model()),
            scoreFailures.get(result.model()));
        timings.time("dynamodb", () -> { store.write(dataset, run, record); return null; });
        perModel.add(record);
      }
      List<ModelComparisons.Pair> pairs = perModel.size() < 2 || !config.statistics().enabled() ? null : timings.time("compare", () ->
          ModelComparisons.compare(scored, perModel.stream().map(EvalRunRecord::model).toList(), config.selection().qualityScore(),
              config.statistics()));
      SelectionRecord selection = perModel.size() < 2 ? null : ModelSelection.select(perModel, config.selection(), run, pairs,
          config.statistics());
      if (selection != null) {
        store.writeSelection(dataset, run, selection);
      }
      Map<String, EvalRunRecord.Invocation> scoringCalls = InvocationStats.ofAll(judged.calls(), judged.callers());
      EvaluationReport.printReadable(results, config, invocations, selection);
      Summary.printLine(EvaluationReport.summaryLine(run, config, data, input, perModel, written, store.table(), selection, scoringCalls,
          timings.asMap()));
      answered.unpersist();
      judged.calls().values().forEach(c -> c.outcomes().unpersist(false));
      scored.unpersist(false);
      records.unpersist(false);
      return 0;
    }
  }
}
