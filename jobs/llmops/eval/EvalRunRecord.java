package llmops.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.List;
import java.util.Map;

/**
 * One model's evaluation run on a dataset, as its {@code RUN#} and {@code LATEST#} items store it.
 * Component names are the item's attribute names in snake case ({@link llmops.io.Records}).
 *
 * <p>Maps that stay maps, their keys open-ended: {@code errors_by_reason} (a count per reason a
 * record was not scored), {@code scores} and {@code category_scores} (by the configured
 * algorithms' score names, and by the dataset's categories: {@link EvalScores}),
 * {@code score_failures} (per score, a count per reason), and {@code output} (one path per
 * configured algorithm, plus the records').
 *
 * @param categoryScores absent when the dataset has no category field
 * @param invocation absent when the answers were in the dataset (no model was called)
 * @param scoreFailures absent when no score needed a model call that failed
 * @param callsByAlgorithm per algorithm (and {@code answers}: the model's own answers), the calls made for
 *     this model's evaluation, the judge's and the toxicity detector's included; absent when none was made
 * @param statistics how the intervals in {@code scores} and {@code category_scores} were made; absent
 *     when the run made none ({@code statistics.bootstrap_replicates: 0})
 */
public record EvalRunRecord(String model, String runId, long runTs, String job, String pipeline, String dataPath, long records,
    long scored, long errors, Map<String, Long> errorsByReason, EvalScores scores,
    @JsonInclude(Include.NON_NULL) Map<String, EvalScores> categoryScores, List<AlgorithmSpec> algorithms,
    @JsonInclude(Include.NON_NULL) Invocation invocation,
    @JsonInclude(Include.NON_NULL) Map<String, Map<String, Long>> scoreFailures, Map<String, String> output,
    @JsonInclude(Include.NON_NULL) Statistics statistics,
    @JsonInclude(Include.NON_NULL) Map<String, AlgorithmCalls> callsByAlgorithm) {

  static final String JOB = "eval";

  /**
   * The intervals' method and settings: a Poisson bootstrap ({@code method}
   * {@value #BOOTSTRAP_METHOD}) of {@code bootstrap_replicates} replicates seeded with {@code seed},
   * percentile intervals at {@code confidence}.
   */
  public record Statistics(String method, int bootstrapReplicates, double confidence, long seed) {}

  static final String BOOTSTRAP_METHOD = "poisson_bootstrap_percentile";

  /** An algorithm as configured: its options only where it has them. */
  /**
   * @param embeddingModel the sentence model of semantic_similarity, rag_similarity and answer_relevancy
   * @param generatedQuestions answer_relevancy's number of questions generated from each answer
   */
  public record AlgorithmSpec(String name, @JsonInclude(Include.NON_NULL) String targetOutputDelimiter,
      @JsonInclude(Include.NON_NULL) String logicalOperator, @JsonInclude(Include.NON_NULL) List<String> validLabels,
      @JsonInclude(Include.NON_NULL) String embeddingModel, @JsonInclude(Include.NON_NULL) Integer generatedQuestions) {}

  /**
   * How a called model was asked and answered ({@link InvocationStats}). Every part but the runner
   * may be absent: a model runner (issue 7) stores only what it measures.
   */
  public record Invocation(String runner, @JsonInclude(Include.NON_NULL) String target, @JsonInclude(Include.NON_NULL) Long prompts,
      @JsonInclude(Include.NON_NULL) Long answered, @JsonInclude(Include.NON_NULL) Long fromStore,
      @JsonInclude(Include.NON_NULL) Long requests, @JsonInclude(Include.NON_NULL) Latency latencyMs,
      @JsonInclude(Include.NON_NULL) Long inputTokens, @JsonInclude(Include.NON_NULL) Long outputTokens,
      @JsonInclude(Include.NON_NULL) Boolean tokensEstimated, @JsonInclude(Include.NON_NULL) Double costUsd,
      @JsonInclude(Include.NON_NULL) Map<String, Long> errorsByKind) {}

  public record Latency(double p50, double p95, double p99) {}

  /**
   * The calls one algorithm needed for one evaluated model ({@link InvocationStats#byAlgorithm}).
   *
   * @param caller the called model: the evaluated one, or {@code toxicity_detector} / {@code llm_judge}
   * @param costUsd absent when the caller has no price
   */
  public record AlgorithmCalls(String caller, long prompts, long requests, long fromStore, long inputTokens, long outputTokens,
      boolean tokensEstimated, @JsonInclude(Include.NON_NULL) Double costUsd) {}
}
