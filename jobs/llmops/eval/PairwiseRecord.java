package llmops.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.List;
import java.util.Map;

/**
 * Pairwise judging of a run of several models, as its {@code PAIRWISE#} items store it: per pair of models,
 * how the judge compared their answers to the same inputs (each comparison made in both orders; a verdict
 * that flips with the order is a tie), the win, tie and loss rates with Wilson intervals, and with more than
 * two models their Bradley–Terry ranking.
 *
 * @param bradleyTerry absent for two models
 * @param bradleyTerryConverged absent for two models; false when some model never won or never lost, so no
 *     finite strengths fit (the ranking is then only an order)
 */
public record PairwiseRecord(String runId, long runTs, String judge, String criteria, double level, List<Pair> pairs,
    @JsonInclude(Include.NON_NULL) List<Strength> bradleyTerry, @JsonInclude(Include.NON_NULL) Boolean bradleyTerryConverged) {

  /**
   * One pair, {@code modelA} before {@code modelB} in name order. {@code comparisons} counts the inputs both answered
   * and the judge read in both orders; {@code flipped} those whose verdict followed the position.
   *
   * @param failuresByReason absent when every comparison was read; the failed ones are in no rate
   * @param winRateA absent (with the others) when no comparison could be read
   */
  public record Pair(String modelA, String modelB, long comparisons, long winsA, long ties, long winsB, long flipped,
      @JsonInclude(Include.NON_NULL) Map<String, Long> failuresByReason, @JsonInclude(Include.NON_NULL) Rate winRateA,
      @JsonInclude(Include.NON_NULL) Rate tieRate, @JsonInclude(Include.NON_NULL) Rate winRateB) {}

  /** A rate with its Wilson interval at the record's level. */
  public record Rate(double rate, double low, double high) {}

  /** A model's Bradley–Terry strength (the strengths sum to 1) and rank. */
  public record Strength(String model, double strength, int rank) {}
}
