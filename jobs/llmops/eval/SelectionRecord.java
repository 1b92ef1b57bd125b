package llmops.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.List;

/**
 * The selection of a run of several models, as its {@code SELECTION#} items store it: the ranking by
 * weighted quality, latency and cost, and the chosen model.
 *
 * @param criteriaUsed absent in a model runner's selection (issue 7), which does not store it
 * @param notRanked absent when every model had a quality score
 */
public record SelectionRecord(String runId, long runTs, String chosenModel, String qualityScore, Weights weights,
    @JsonInclude(Include.NON_NULL) List<String> criteriaUsed, @JsonInclude(Include.NON_NULL) List<String> criteriaDropped,
    List<Ranked> ranking, @JsonInclude(Include.NON_NULL) List<String> notRanked) {

  public record Weights(double quality, double latency, double cost) {}

  /** @param latencyP95Ms absent when not measured; @param costUsd absent when not priced */
  public record Ranked(String model, int rank, double score, double quality, @JsonInclude(Include.NON_NULL) Double latencyP95Ms,
      @JsonInclude(Include.NON_NULL) Double costUsd) {}
}
