package llmops.eval;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmops.eval.runners.Invoker;
import llmops.eval.runners.ModelEndpoint;
import llmops.eval.runners.ResponseStore;
import llmops.io.Dynamo;
import llmops.udfs.eval.robustness.SemanticPerturbation;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The answers of the models this job calls. Every distinct prompt of each called model (the record's
 * input in the model's prompt template) and, for the semantic robustness algorithms, of each of its
 * perturbed inputs, is answered once through the {@link Invoker}, on the executors; the answers are
 * joined back to the records as their model_output and, per robustness algorithm, the list of
 * perturbed outputs ({@code perturbed_outputs_<algorithm>}). A prompt that could not be answered makes
 * its record an error, {@code invocation_<kind>}, as fmeval fails a record whose model call failed.
 */
final class ModelAnswers {
  static final StructType OUTCOME = DataTypes.createStructType(List.of(
      DataTypes.createStructField("model", DataTypes.StringType, false),
      DataTypes.createStructField("prompt", DataTypes.StringType, false),
      DataTypes.createStructField("request_hash", DataTypes.StringType, false),
      DataTypes.createStructField("answer", DataTypes.StringType, true),
      DataTypes.createStructField("latency_ms", DataTypes.LongType, true),
      DataTypes.createStructField("input_tokens", DataTypes.LongType, true),
      DataTypes.createStructField("output_tokens", DataTypes.LongType, true),
      DataTypes.createStructField("tokens_estimated", DataTypes.BooleanType, true),
      DataTypes.createStructField("attempts", DataTypes.IntegerType, false),
      DataTypes.createStructField("from_store", DataTypes.BooleanType, false),
      DataTypes.createStructField("invocation_error", DataTypes.StringType, true),
      DataTypes.createStructField("invocation_error_detail", DataTypes.StringType, true)));

  /** The purpose of the evaluated model's calls for its original prompts: its answers, which every algorithm scores. */
  static final String ANSWERS = "answers";

  /**
   * Each prompt's outcome (cached: the statistics read it), how long answering took, and who asked:
   * {@code uses} has a row per (called model, prompt, evaluated model, algorithm) that needed the
   * prompt, so tokens and cost can be told per evaluated model and algorithm.
   */
  record Calls(Dataset<Row> outcomes, double seconds, Dataset<Row> uses) {
    void unpersist() {
      outcomes.unpersist(false);
      uses.unpersist(false);
    }
  }

  /** The records with the called models' answers, and the calls that gave them (null when no model is called). */
  record Answered(Dataset<Row> records, Calls calls) {
    void unpersist() {
      if (calls != null) {
        calls.unpersist();
      }
    }
  }

  private ModelAnswers() {}

  static Map<String, ModelEndpoint> endpoints(List<EvaluationConfig.Model> models) {
    Map<String, ModelEndpoint> endpoints = new LinkedHashMap<>();
    models.stream().filter(EvaluationConfig.Model::isCalled).forEach(m -> endpoints.put(m.name(), m.endpoint()));
    return endpoints;
  }

  static void prepare(Dynamo dynamo, String table) {
    dynamo.ensureTable(ResponseStore.spec(table));
  }

  static Answered answer(SparkSession spark, Dataset<Row> records, Map<String, ModelEndpoint> endpoints, List<EvaluationConfig.Algorithm> robustness,
      String table) {
    if (endpoints.isEmpty()) {
      return new Answered(records, null);
    }
    UDF2<String, String, String> promptOf = (model, input) -> {
      ModelEndpoint endpoint = endpoints.get(model);
      return endpoint == null || input == null ? null : endpoint.prompt(input);
    };
    Dataset<Row> withPrompts = records.withColumn("prompt", functions.udf(promptOf, DataTypes.StringType).apply(col("model"), col("model_input")))
        .withColumn("_row", monotonically_increasing_id());
    for (EvaluationConfig.Algorithm a : robustness) {
      SemanticPerturbation perturbation = a.perturbation();
      UDF2<String, String, List<String>> perturbedPrompts = (model, input) -> {
        ModelEndpoint endpoint = endpoints.get(model);
        return endpoint == null || input == null ? null : perturbation.perturb(input).stream().map(endpoint::prompt).toList();
      };
      withPrompts = withPrompts.withColumn("perturbed_prompts_" + a.name(),
          functions.udf(perturbedPrompts, DataTypes.createArrayType(DataTypes.StringType)).apply(col("model"), col("model_input")));
    }
    withPrompts = withPrompts.persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> answerable = withPrompts.where(col("prompt").isNotNull().and(col("error_reason").isNull()));
    Dataset<Row> uses = answerable.select(col("model"), col("prompt"), col("model").as("evaluated_model"), lit(ANSWERS).as("algorithm"));
    for (EvaluationConfig.Algorithm a : robustness) {
      uses = uses.union(answerable.select(col("model"), functions.explode(col("perturbed_prompts_" + a.name())).as("prompt"),
          col("model").as("evaluated_model"), lit(a.name()).as("algorithm")));
    }
    Calls calls = call(spark, uses, endpoints, table);
    Dataset<Row> outcomes = calls.outcomes();
    Dataset<Row> joined = withPrompts.join(outcomes, withPrompts.col("model").equalTo(outcomes.col("model"))
            .and(withPrompts.col("prompt").equalTo(outcomes.col("prompt"))), "left")
        .drop(outcomes.col("model")).drop(outcomes.col("prompt"))
        .withColumn("model_output", coalesce(col("model_output"), col("answer")))
        .drop("answer");
    for (EvaluationConfig.Algorithm a : robustness) {
      joined = withPerturbedOutputs(joined, outcomes, a.name());
    }
    joined = joined
        .withColumn("error_detail", when(col("error_reason").isNull().and(col("invocation_error").isNotNull()), col("invocation_error_detail"))
            .otherwise(col("error_detail")))
        .withColumn("error_reason", when(col("error_reason").isNull().and(col("invocation_error").isNotNull()),
            concat(lit("invocation_"), col("invocation_error"))).otherwise(col("error_reason")))
        .drop("invocation_error", "invocation_error_detail", "_row");
    return new Answered(joined, calls);
  }

  /**
   * The answers to a record's perturbed prompts, in the perturbations' order; the first failed one, if
   * any, becomes the record's invocation error (only where the original prompt was answered).
   */
  private static Dataset<Row> withPerturbedOutputs(Dataset<Row> records, Dataset<Row> outcomes, String algorithm) {
    String prompts = "perturbed_prompts_" + algorithm;
    Dataset<Row> exploded = records.select(col("_row"), col("model"), posexplode(col(prompts)).as(new String[] {"pos", "perturbed_prompt"}));
    Dataset<Row> answers = exploded.join(outcomes, exploded.col("model").equalTo(outcomes.col("model"))
            .and(exploded.col("perturbed_prompt").equalTo(outcomes.col("prompt"))), "left")
        .groupBy(col("_row"))
        .agg(array_sort(collect_list(struct(col("pos"), col("answer"), col("invocation_error"), col("invocation_error_detail")))).as("_perturbed"));
    Column anyFailed = functions.filter(col("_perturbed"), p -> p.getField("answer").isNull());
    Column firstFailure = functions.element_at(anyFailed, 1);
    return records.join(answers, "_row", "left")
        .withColumn("invocation_error", when(col("invocation_error").isNull().and(functions.size(anyFailed).gt(0)),
            coalesce(firstFailure.getField("invocation_error"), lit("missing"))).otherwise(col("invocation_error")))
        .withColumn("invocation_error_detail", when(col("invocation_error_detail").isNull().and(functions.size(anyFailed).gt(0)),
            firstFailure.getField("invocation_error_detail")).otherwise(col("invocation_error_detail")))
        .withColumn("perturbed_outputs_" + algorithm, functions.transform(col("_perturbed"), p -> p.getField("answer")))
        .drop("_perturbed", prompts);
  }

  /**
   * Answers each distinct (model, prompt) of {@code uses} (columns model, prompt, evaluated_model,
   * algorithm) once, on the executors; {@code endpoints} names the model of each.
   */
  static Calls call(SparkSession spark, Dataset<Row> uses, Map<String, ModelEndpoint> endpoints, String table) {
    long start = System.nanoTime();
    int partitions = Math.max(1, spark.sparkContext().defaultParallelism() * 2);
    Dataset<Row> kept = uses.distinct().persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> outcomes = kept.select("model", "prompt").distinct().repartition(partitions)
        .mapPartitions(invoke(endpoints, table), Encoders.row(OUTCOME))
        .persist(StorageLevel.MEMORY_AND_DISK());
    outcomes.count();
    return new Calls(outcomes, (System.nanoTime() - start) / 1e9, kept);
  }

  private static MapPartitionsFunction<Row, Row> invoke(Map<String, ModelEndpoint> endpoints, String table) {
    return rows -> {
      List<Invoker.Prompt> prompts = new ArrayList<>();
      rows.forEachRemaining(r -> prompts.add(new Invoker.Prompt(r.getString(0), r.getString(1))));
      List<Row> out = new ArrayList<>(prompts.size());
      if (prompts.isEmpty()) {
        return out.iterator();
      }
      try (Dynamo dynamo = Dynamo.connect()) {
        for (Invoker.Outcome o : Invoker.answer(prompts, endpoints, dynamo, table)) {
          out.add(RowFactory.create(o.model(), o.prompt(), o.requestHash(), o.answer(), o.latencyMs(), o.inputTokens(), o.outputTokens(),
              o.tokensEstimated(), o.attempts(), o.fromStore(), o.errorKind(), o.errorDetail()));
        }
      }
      return out.iterator();
    };
  }
}
