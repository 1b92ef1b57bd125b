package llmops.udfs.eval;

/**
 * What answering a dataset cost, in USD, from a price table: tokens in and out per thousand, a price
 * per answered request, and instance time per hour (SageMaker real-time endpoints bill the hours the
 * instances run, so the invocation phase's wall time is charged). Null prices are not charged; null
 * when nothing is priced.
 */
public final class ModelCost {
  private ModelCost() {}

  public static Double usd(long inputTokens, long outputTokens, long answered, double hours,
      Double inputPer1k, Double outputPer1k, Double perRequest, Double perHour) {
    if (inputPer1k == null && outputPer1k == null && perRequest == null && perHour == null) {
      return null;
    }
    double cost = 0;
    cost += inputPer1k == null ? 0 : inputTokens / 1000.0 * inputPer1k;
    cost += outputPer1k == null ? 0 : outputTokens / 1000.0 * outputPer1k;
    cost += perRequest == null ? 0 : answered * perRequest;
    cost += perHour == null ? 0 : hours * perHour;
    return cost;
  }
}
