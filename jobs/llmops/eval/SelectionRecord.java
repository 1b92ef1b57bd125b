package llmops.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.List;

/**
 * The selection of a run of several models, as its {@code SELECTION#} items store it: the ranking by
 * weighted quality, latency and cost, and the chosen model; with statistics, also whether the best
 * quality's lead is significant, what decided the choice, and every pair's paired comparison.
 *
 * @param criteriaUsed absent in a model runner's selection (issue 7), which does not store it
 * @param notRanked absent when every model had a quality score
 * @param qualityLeader the model with the best mean quality
 * @param leadSignificant whether the leader is significantly better than every other ranked model
 *     (Holm-adjusted p below {@code alpha}); absent without statistics
 * @param withinNoiseOfLeader the models a paired test could not tell from the leader (scored with
 *     the leader's quality); absent without statistics
 * @param decidedBy what put the chosen model first ({@link llmops.udfs.eval.ModelRanking.Result#decidedBy})
 * @param verdict the same in a sentence, for people
 * @param alpha the significance level, 1 - {@code statistics.confidence}; absent without statistics
 * @param comparisons each pair of ranked models on the quality score; absent without statistics
 */
public record SelectionRecord(String runId, long runTs, String chosenModel, String qualityScore, Weights weights,
    @JsonInclude(Include.NON_NULL) List<String> criteriaUsed, @JsonInclude(Include.NON_NULL) List<String> criteriaDropped,
    List<Ranked> ranking, @JsonInclude(Include.NON_NULL) List<String> notRanked,
    @JsonInclude(Include.NON_NULL) String qualityLeader, @JsonInclude(Include.NON_NULL) Boolean leadSignificant,
    @JsonInclude(Include.NON_NULL) List<String> withinNoiseOfLeader, @JsonInclude(Include.NON_NULL) String decidedBy,
    @JsonInclude(Include.NON_NULL) String verdict, @JsonInclude(Include.NON_NULL) Double alpha,
    @JsonInclude(Include.NON_NULL) List<Comparison> comparisons) {

  public record Weights(double quality, double latency, double cost) {}

  /** @param latencyP95Ms absent when not measured; @param costUsd absent when not priced */
  public record Ranked(String model, int rank, double score, double quality, @JsonInclude(Include.NON_NULL) Double latencyP95Ms,
      @JsonInclude(Include.NON_NULL) Double costUsd) {}

  /**
   * Two models on the records both scored: {@code mean_difference} is A's mean quality score minus
   * B's (as scored, before any "lower is better" turn), with its paired bootstrap interval; the test
   * ({@code mcnemar_exact} for 0/1 scores, else {@code permutation_exact} or {@code
   * permutation_sampled}), its p-value and the Holm-adjusted one across all pairs.
   *
   * @param onlyA, onlyB McNemar's discordant records (A alone right, B alone right); absent for other tests
   */
  public record Comparison(String modelA, String modelB, long pairs, double meanDifference, double low, double high, String test,
      double pValue, double pAdjusted, boolean significant, @JsonInclude(Include.NON_NULL) Long onlyA,
      @JsonInclude(Include.NON_NULL) Long onlyB) {}
}
