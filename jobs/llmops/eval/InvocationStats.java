package llmops.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import llmops.eval.runners.ModelEndpoint;
import llmops.udfs.eval.ModelCost;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/**
 * Per called model: what it was asked and how it answered. {@code prompts} distinct prompts,
 * {@code answered} of them, {@code from_store} answered by an earlier run or attempt, {@code requests}
 * the calls this run made (retries included), latency percentiles of the answers (exact, with linear
 * interpolation as numpy's default), tokens in and out (counted by the service, or estimated at four
 * characters a token where it does not count them: {@code tokens_estimated}), errors by kind, and
 * the estimated cost from the config's price table.
 */
final class InvocationStats {
  private InvocationStats() {}

  /** Every model's statistics over the calls; none when nothing was called. */
  static Map<String, EvalRunRecord.Invocation> of(ModelAnswers.Calls calls, Map<String, ModelEndpoint> endpoints) {
    if (calls == null) {
      return Map.of();
    }
    Dataset<Row> outcomes = calls.outcomes();
    List<Row> rows = outcomes.groupBy("model").agg(
        count(lit(1)).as("prompts"),
        sum(when(col("answer").isNotNull(), 1).otherwise(0)).as("answered"),
        sum(when(col("from_store"), 1).otherwise(0)).as("from_store"),
        sum(when(col("from_store"), 0).otherwise(col("attempts"))).as("requests"),
        expr("percentile(latency_ms, array(0.5, 0.95, 0.99))").as("latency"),
        sum("input_tokens").as("input_tokens"),
        sum("output_tokens").as("output_tokens"),
        max("tokens_estimated").as("tokens_estimated")).collectAsList();
    Map<String, Map<String, Long>> errors = new TreeMap<>();
    for (Row r : outcomes.where(col("invocation_error").isNotNull()).groupBy("model", "invocation_error").count().collectAsList()) {
      errors.computeIfAbsent(r.getString(0), m -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
    }
    Map<String, EvalRunRecord.Invocation> stats = new TreeMap<>();
    for (Row r : rows) {
      String model = r.getString(0);
      ModelEndpoint endpoint = endpoints.get(model);
      EvalRunRecord.Latency latency = null;
      if (!r.isNullAt(5)) {
        List<Double> p = r.getList(5);
        latency = new EvalRunRecord.Latency(p.get(0), p.get(1), p.get(2));
      }
      long in = r.isNullAt(6) ? 0 : r.getLong(6);
      long out = r.isNullAt(7) ? 0 : r.getLong(7);
      ModelEndpoint.Price price = endpoint.price();
      Double cost = ModelCost.usd(in, out, r.getLong(2), calls.seconds() / 3600, price.inputPer1kTokens(), price.outputPer1kTokens(),
          price.perRequest(), price.perHour());
      stats.put(model, new EvalRunRecord.Invocation(endpoint.provider().name().toLowerCase(), endpoint.describe(), r.getLong(1),
          r.getLong(2), r.getLong(3), r.getLong(4), latency, in, out, !r.isNullAt(8) && r.getBoolean(8), cost,
          errors.getOrDefault(model, Map.of())));
    }
    return stats;
  }

  /**
   * Per evaluated model, per algorithm: the calls made for it and what they cost, the judge's and the
   * toxicity detector's included. {@code answers} are the model's answers to the original prompts
   * (which every algorithm scores); a robustness algorithm has the calls for its perturbed prompts;
   * {@code toxicity} and {@code llm_judge} the detector's and the judge's calls about the model's
   * answers. A call that two uses share (the same request for two models, or a perturbed prompt equal
   * to the original) counts for each. An instance-billed endpoint's hours are shared among its uses in
   * proportion to their requests.
   */
  static Map<String, Map<String, EvalRunRecord.AlgorithmCalls>> byAlgorithm(ModelAnswers.Calls modelCalls,
      Map<String, ModelEndpoint> endpoints, Map<String, ModelAnswers.Calls> scoringCalls, Map<String, ModelEndpoint> callers) {
    Map<String, Map<String, EvalRunRecord.AlgorithmCalls>> out = new TreeMap<>();
    if (modelCalls != null) {
      addUses(modelCalls, endpoints, out);
    }
    scoringCalls.forEach((name, calls) -> addUses(calls, Map.of(name, callers.get(name)), out));
    return out;
  }

  private static void addUses(ModelAnswers.Calls calls, Map<String, ModelEndpoint> endpoints,
      Map<String, Map<String, EvalRunRecord.AlgorithmCalls>> out) {
    Dataset<Row> outcomes = calls.outcomes();
    Map<String, Long> requestsByCaller = new TreeMap<>();
    for (Row r : outcomes.groupBy("model").agg(sum(when(col("from_store"), 0).otherwise(col("attempts")))).collectAsList()) {
      requestsByCaller.put(r.getString(0), r.isNullAt(1) ? 0 : r.getLong(1));
    }
    // Calls for no single model (a pairwise judge's, about two models' answers) are in scoring_calls only.
    List<Row> rows = calls.uses().where(col("evaluated_model").isNotNull())
        .join(outcomes, JavaConverters.asScalaBuffer(List.of("model", "prompt")).toSeq())
        .groupBy("evaluated_model", "algorithm", "model").agg(
            count(lit(1)).as("prompts"),
            sum(when(col("from_store"), 0).otherwise(col("attempts"))).as("requests"),
            sum(when(col("from_store"), 1).otherwise(0)).as("from_store"),
            sum("input_tokens").as("input_tokens"),
            sum("output_tokens").as("output_tokens"),
            max("tokens_estimated").as("tokens_estimated")).collectAsList();
    for (Row r : rows) {
      String caller = r.getString(2);
      ModelEndpoint.Price price = endpoints.get(caller).price();
      long requests = r.isNullAt(4) ? 0 : r.getLong(4);
      long callerRequests = requestsByCaller.getOrDefault(caller, 0L);
      double hours = callerRequests == 0 ? 0 : calls.seconds() / 3600 * requests / callerRequests;
      long in = r.isNullAt(6) ? 0 : r.getLong(6);
      long outTokens = r.isNullAt(7) ? 0 : r.getLong(7);
      Double cost = ModelCost.usd(in, outTokens, requests, hours, price.inputPer1kTokens(), price.outputPer1kTokens(), price.perRequest(),
          price.perHour());
      out.computeIfAbsent(r.getString(0), m -> new TreeMap<>()).put(r.getString(1), new EvalRunRecord.AlgorithmCalls(caller,
          r.getLong(3), requests, r.getLong(5), in, outTokens, !r.isNullAt(8) && r.getBoolean(8), cost));
    }
  }

  /** The statistics of several callers' calls (the toxicity detector's, the judge's), by caller. */
  static Map<String, EvalRunRecord.Invocation> ofAll(Map<String, ModelAnswers.Calls> calls, Map<String, ModelEndpoint> callers) {
    Map<String, EvalRunRecord.Invocation> all = new TreeMap<>();
    calls.forEach((name, c) -> all.putAll(of(c, Map.of(name, callers.get(name)))));
    return all;
  }
}
