package llmops.udfs.drift;

import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * How the shares of points per cluster moved between two runs, both counted under the same
 * (baseline) centroids: the population stability index, the Jensen-Shannon distance and a
 * chi-square test of homogeneity.
 */
public final class ProportionShift {
  /** Empty clusters are given this share in the PSI, whose logarithm is undefined at zero. */
  public static final double PSI_FLOOR = 1e-4;

  private ProportionShift() {}

  public record ChiSquare(double statistic, int degreesOfFreedom, double pValue) {}

  public static double[] proportions(long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    double[] out = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      out[i] = total == 0 ? 0 : (double) counts[i] / total;
    }
    return out;
  }

  /** PSI = sum over clusters of (s - b) ln(s / b), shares floored at {@link #PSI_FLOOR}. */
  public static double psi(double[] baseline, double[] snapshot) {
    checkSameLength(baseline, snapshot);
    double psi = 0;
    for (int i = 0; i < baseline.length; i++) {
      double b = Math.max(PSI_FLOOR, baseline[i]);
      double s = Math.max(PSI_FLOOR, snapshot[i]);
      psi += (s - b) * Math.log(s / b);
    }
    return psi;
  }

  /**
   * The Jensen-Shannon distance in base 2, between 0 (same shares) and 1 (no cluster in common):
   * the square root of the divergence, as {@code scipy.spatial.distance.jensenshannon(p, q, base=2)}.
   */
  public static double jensenShannonDistance(double[] p, double[] q) {
    checkSameLength(p, q);
    double divergence = 0;
    for (int i = 0; i < p.length; i++) {
      double m = (p[i] + q[i]) / 2;
      divergence += halfTerm(p[i], m) + halfTerm(q[i], m);
    }
    return Math.sqrt(Math.max(0, divergence / 2));
  }

  private static double halfTerm(double x, double m) {
    return x > 0 ? x * Math.log(x / m) / Math.log(2) : 0;
  }

  /**
   * Chi-square test that both runs' counts come from the same shares (the 2 x k contingency table
   * of scipy's {@code chi2_contingency}, without continuity correction). Clusters empty in both
   * runs carry no information and are left out of the table and the degrees of freedom.
   */
  public static ChiSquare chiSquare(long[] baseline, long[] snapshot) {
    checkSameLength(baseline, snapshot);
    int used = 0;
    for (int i = 0; i < baseline.length; i++) {
      used += baseline[i] + snapshot[i] > 0 ? 1 : 0;
    }
    if (used < 2) {
      return new ChiSquare(0, 0, 1);
    }
    long[] b = new long[used];
    long[] s = new long[used];
    for (int i = 0, j = 0; i < baseline.length; i++) {
      if (baseline[i] + snapshot[i] > 0) {
        b[j] = baseline[i];
        s[j++] = snapshot[i];
      }
    }
    ChiSquareTest test = new ChiSquareTest();
    return new ChiSquare(test.chiSquareDataSetsComparison(b, s), used - 1, test.chiSquareTestDataSetsComparison(b, s));
  }

  private static void checkSameLength(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("shares of " + a.length + " and " + b.length + " clusters cannot be compared");
    }
  }

  private static void checkSameLength(long[] a, long[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("counts of " + a.length + " and " + b.length + " clusters cannot be compared");
    }
  }
}
