package llmops.eval;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmops.eval.runners.Invoker;
import llmops.eval.runners.ModelEndpoint;
import llmops.eval.runners.ResponseStore;
import llmops.io.Dynamo;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The answers of the models this job calls: every distinct prompt of each called model (the record's
 * input in the model's prompt template) is answered once through the {@link Invoker}, on the
 * executors, and the answers are joined back to the records as their model_output. A prompt that
 * could not be answered makes its records errors, {@code invocation_<kind>}.
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

  /** The records with the called models' answers, and each prompt's outcome (cached: the statistics read it). */
  record Answered(Dataset<Row> records, Dataset<Row> outcomes, double seconds) {}

  private ModelAnswers() {}

  static Map<String, ModelEndpoint> endpoints(List<EvaluationConfig.Model> models) {
    Map<String, ModelEndpoint> endpoints = new LinkedHashMap<>();
    models.stream().filter(EvaluationConfig.Model::isCalled).forEach(m -> endpoints.put(m.name(), m.endpoint()));
    return endpoints;
  }

  static void prepare(Dynamo dynamo, String table) {
    dynamo.ensureTable(ResponseStore.spec(table));
  }

  static Answered answer(SparkSession spark, Dataset<Row> records, Map<String, ModelEndpoint> endpoints, String table) {
    UDF2<String, String, String> promptOf = (model, input) -> {
      ModelEndpoint endpoint = endpoints.get(model);
      return endpoint == null || input == null ? null : endpoint.prompt(input);
    };
    Dataset<Row> withPrompts = records.withColumn("prompt", functions.udf(promptOf, DataTypes.StringType).apply(col("model"), col("model_input")));
    long start = System.nanoTime();
    int partitions = Math.max(1, spark.sparkContext().defaultParallelism() * 2);
    Dataset<Row> outcomes = withPrompts.where(col("prompt").isNotNull().and(col("error_reason").isNull()))
        .select("model", "prompt").distinct().repartition(partitions)
        .mapPartitions(invoke(endpoints, table), Encoders.row(OUTCOME))
        .persist(StorageLevel.MEMORY_AND_DISK());
    outcomes.count();
    double seconds = (System.nanoTime() - start) / 1e9;
    Dataset<Row> joined = withPrompts.join(outcomes, withPrompts.col("model").equalTo(outcomes.col("model"))
            .and(withPrompts.col("prompt").equalTo(outcomes.col("prompt"))), "left")
        .drop(outcomes.col("model")).drop(outcomes.col("prompt"))
        .withColumn("model_output", coalesce(col("model_output"), col("answer")))
        .withColumn("error_detail", when(col("error_reason").isNull().and(col("invocation_error").isNotNull()), col("invocation_error_detail"))
            .otherwise(col("error_detail")))
        .withColumn("error_reason", when(col("error_reason").isNull().and(col("invocation_error").isNotNull()),
            concat(lit("invocation_"), col("invocation_error"))).otherwise(col("error_reason")))
        .drop("answer", "invocation_error", "invocation_error_detail");
    return new Answered(joined, outcomes, seconds);
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
