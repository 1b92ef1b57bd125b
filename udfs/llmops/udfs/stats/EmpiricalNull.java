package llmops.udfs.stats;

import java.util.Arrays;

/**
 * The distribution a statistic takes when nothing changed, known only through a sample of its
 * values (resamples of a baseline against itself, or permutations of labels). It gives the
 * empirical p-value of an observed value and the null's quantiles to show beside it.
 */
public final class EmpiricalNull {
  private final double[] sorted;

  private EmpiricalNull(double[] sorted) {
    this.sorted = sorted;
  }

  /** Undefined values (NaN: a resample where the statistic could not be computed) are left out. */
  public static EmpiricalNull of(double[] values) {
    double[] defined = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
    return new EmpiricalNull(defined);
  }

  /** How many null values it holds. */
  public int size() {
    return sorted.length;
  }

  /**
   * The chance, with nothing changed, of a value at least as large as {@code observed}:
   * {@code (1 + #{null >= observed}) / (1 + n)}. Counting the observed value as one of the draws
   * keeps the p-value valid (never below 1 / (n + 1), never 0 for a finite sample: Phipson and
   * Smyth 2010). NaN when the observed value is undefined or there is no null.
   */
  public double pValue(double observed) {
    if (Double.isNaN(observed) || sorted.length == 0) {
      return Double.NaN;
    }
    int firstAtLeast = lowerBound(observed);
    return (1.0 + (sorted.length - firstAtLeast)) / (1.0 + sorted.length);
  }

  /** The smallest p-value this many null values can give: what a threshold below it can never reach. */
  public double smallestPValue() {
    return 1.0 / (1.0 + sorted.length);
  }

  /** The quantile at probability {@code p}, linearly interpolated between order statistics (numpy's default, rank (n - 1) p). */
  public double quantile(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("a quantile's probability is in [0, 1], got " + p);
    }
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double rank = (sorted.length - 1) * p;
    int below = (int) Math.floor(rank);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
  }

  private int lowerBound(double value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
