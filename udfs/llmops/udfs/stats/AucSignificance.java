package llmops.udfs.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * How surprising a ROC AUC is if the two classes cannot be told apart: the AUC is the Mann-Whitney
 * U statistic divided by {@code negatives * positives}, which under that hypothesis has mean 0.5 and
 * variance {@code (n + 1) / (12 * negatives * positives)} with {@code n = negatives + positives}
 * (no ties). One-sided: only an AUC above 0.5 means the classes differ the way a classifier found.
 */
public final class AucSignificance {
  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution();

  private AucSignificance() {}

  /** P(AUC >= auc) under "indistinguishable", by the normal approximation of Mann-Whitney's U. */
  public static double oneSidedPValue(double auc, long negatives, long positives) {
    if (negatives < 1 || positives < 1) {
      throw new IllegalArgumentException("an AUC needs examples of both classes, got " + negatives + " and " + positives);
    }
    double sd = Math.sqrt((negatives + positives + 1.0) / (12.0 * negatives * positives));
    return 1 - STANDARD_NORMAL.cumulativeProbability((auc - 0.5) / sd);
  }
}
