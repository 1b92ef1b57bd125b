package llmops.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmops.eval.runners.ModelEndpoint;
import llmops.udfs.eval.TargetOutputs;
import llmops.udfs.eval.Toxicity;
import llmops.udfs.eval.judge.JudgePrompt;
import llmops.udfs.eval.judge.JudgeRubric;
import llmops.udfs.eval.judge.JudgeVerdict;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The scores another model gives each answer: toxicity from a classifier endpoint or a Bedrock
 * guardrail, and an LLM judge's verdict on the config's rubric. Their calls go through the same
 * runners as the evaluated models (kept answers, limits, retries), under the names
 * {@value #DETECTOR} and {@value #JUDGE}. An answer the other model could not score keeps its other
 * scores and gets the reason in {@code <score>_failure}.
 */
final class ModelJudgements {
  static final String DETECTOR = "toxicity_detector";
  static final String JUDGE = "llm_judge";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The records with the scores, and the calls that gave them, by caller name. */
  record Judged(Dataset<Row> records, Map<String, ModelAnswers.Calls> calls, Map<String, ModelEndpoint> callers) {
    void unpersist() {
      calls.values().forEach(c -> c.outcomes().unpersist(false));
    }
  }

  private ModelJudgements() {}

  static Judged add(SparkSession spark, Dataset<Row> scored, EvaluationConfig config, String table) {
    Map<String, ModelAnswers.Calls> calls = new LinkedHashMap<>();
    Map<String, ModelEndpoint> callers = new LinkedHashMap<>();
    Dataset<Row> out = scored;
    for (EvaluationConfig.Algorithm a : config.algorithms()) {
      if (a.name().equals("toxicity")) {
        String label = a.toxicLabel();
        boolean guardrail = a.caller().api().equals("apply_guardrail");
        StructType type = DataTypes.createStructType(List.of(DataTypes.createStructField("toxicity", DataTypes.DoubleType, true),
            DataTypes.createStructField("toxicity_failure", DataTypes.StringType, true)));
        out = judged(spark, out, DETECTOR, a.caller(), col("model_output"), type, table, calls, callers, (reply, error) -> {
          if (reply == null) {
            return RowFactory.create(null, "invocation_" + error);
          }
          JsonNode tree = parse(reply);
          if (guardrail) {
            Toxicity.GuardrailReading r = Toxicity.guardrail(tree);
            return RowFactory.create(r.flagged() == null ? null : r.flagged().doubleValue(), r.failure());
          }
          Toxicity.Reading r = Toxicity.classifierProbability(tree, label);
          return RowFactory.create(r.probability(), r.failure());
        });
      } else if (a.name().equals("llm_judge")) {
        JudgeRubric rubric = a.rubric();
        String delimiter = a.targetOutputDelimiter();
        UDF3<String, String, String, String> prompt = (question, answer, target) -> answer == null ? null
            : JudgePrompt.build(rubric, question == null ? "" : question, answer,
                target == null ? null : String.join(" OR ", TargetOutputs.split(target, delimiter)));
        StructType type = DataTypes.createStructType(List.of(DataTypes.createStructField("llm_judge_score", DataTypes.DoubleType, true),
            DataTypes.createStructField("llm_judge_verdict", DataTypes.StringType, true),
            DataTypes.createStructField("llm_judge_failure", DataTypes.StringType, true)));
        out = judged(spark, out, JUDGE, a.caller(),
            functions.udf(prompt, DataTypes.StringType).apply(col("model_input"), col("model_output"), col("target_output")), type, table,
            calls, callers, (reply, error) -> {
              if (reply == null) {
                return RowFactory.create(null, null, "invocation_" + error);
              }
              JudgeVerdict v = JudgeVerdict.parse(rubric, reply);
              String verdict = v.label() != null ? v.label() : v.score() == null ? null : String.valueOf(v.score());
              return RowFactory.create(v.normalised(), verdict, v.failure());
            });
      }
    }
    return new Judged(out, calls, callers);
  }

  /**
   * Asks {@code caller} about {@code request} (a column of the records: the answer, or the judge's prompt) for
   * every scorable record, once per distinct request, and spreads {@code reading(reply, error kind)} into columns.
   */
  private static Dataset<Row> judged(SparkSession spark, Dataset<Row> records, String name, ModelEndpoint caller,
      org.apache.spark.sql.Column request, StructType type, String table, Map<String, ModelAnswers.Calls> calls,
      Map<String, ModelEndpoint> callers, UDF2<String, String, Row> reading) {
    Map<String, ModelEndpoint> endpoints = Map.of(name, caller);
    Dataset<Row> withRequest = records.withColumn("_request", functions.when(col("error_reason").isNull(), request));
    ModelAnswers.Calls called = ModelAnswers.call(spark, withRequest.where(col("_request").isNotNull())
        .select(lit(name).as("model"), col("_request").as("prompt")), endpoints, table);
    calls.put(name, called);
    callers.put(name, caller);
    Dataset<Row> replies = called.outcomes().select(col("prompt").as("_request"), col("answer").as("_reply"), col("invocation_error").as("_error"));
    String udf = "judged_" + name;
    spark.udf().register(udf, (UDF2<String, String, Row>) (reply, error) -> reply == null && error == null ? null : reading.call(reply, error), type);
    Dataset<Row> joined = withRequest.join(replies, "_request", "left")
        .withColumn("_judged", functions.callUDF(udf, col("_reply"), col("_error")));
    for (String field : type.fieldNames()) {
      joined = joined.withColumn(field, col("_judged").getField(field));
    }
    return joined.drop("_request", "_reply", "_error", "_judged");
  }

  /** Per model, per algorithm scored by another model: how many answers it could not score, by reason. */
  static Map<String, Map<String, Map<String, Long>>> failures(Dataset<Row> scored) {
    Map<String, Map<String, Map<String, Long>>> out = new java.util.TreeMap<>();
    for (String algorithm : List.of("toxicity", "llm_judge")) {
      if (!List.of(scored.columns()).contains(algorithm + "_failure")) {
        continue;
      }
      for (Row r : scored.where(col(algorithm + "_failure").isNotNull()).groupBy(col("model"), col(algorithm + "_failure")).count().collectAsList()) {
        out.computeIfAbsent(r.getString(0), m -> new java.util.TreeMap<>()).computeIfAbsent(algorithm, a -> new java.util.TreeMap<>())
            .put(r.getString(1), r.getLong(2));
      }
    }
    return out;
  }

  private static JsonNode parse(String reply) {
    try {
      return JSON.readTree(reply);
    } catch (IOException e) {
      return null;
    }
  }
}
