package llmops.udfs.stats;

import java.util.Arrays;

/**
 * The distribution a statistic takes when nothing changed, known only through a sample of its
 * values (resamples of a baseline against itself, or permutations of labels). It gives the
 * empirical p-value of an observed value and the null's quantiles to show beside it.
 */
public final class EmpiricalNull {
  /** Below this many null values at least as large as the observed one, the tail is extrapolated. */
  static final int TAIL_COUNT = 10;
  /** The fewest null values a tail is fitted to at all (a quarter of them, 25, are its excesses). */
  static final int TAIL_MIN_SIZE = 100;
  private static final int MAX_EXCEEDANCES = 250;
  private static final int EXTRAPOLATION_DECADES = 2;

  private final double[] sorted;
  private final Tail tail;

  private EmpiricalNull(double[] sorted) {
    this.sorted = sorted;
    this.tail = fitTail(sorted);
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
   * The chance, with nothing changed, of a value at least as large as {@code observed}. Where at
   * least {@value #TAIL_COUNT} null values reach it, or the null has fewer than {@value #TAIL_MIN_SIZE}
   * values, the empirical p-value {@code (1 + #{null >= observed}) / (1 + n)}: counting the observed
   * value as one of the draws keeps it valid, never 0 (Phipson and Smyth 2010). Further out, where
   * that count is too small to say how small the p-value is (and would stop at {@code 1 / (1 + n)},
   * so that a few hundred resamples could never reach a strict level), the tail is extrapolated as
   * Knijnenburg et al. (2009) do: a generalized Pareto distribution fitted (maximum likelihood) to
   * the excesses of the largest quarter of the null (at most 250) over a threshold midway between
   * them and the value below (with ties at the cut, only the values above it), and
   * {@code p = (exceedances / n) S(observed - threshold)}; never below
   * {@link #smallestPValue()}. A tail with fewer than {@value #TAIL_COUNT} distinct excesses (a
   * statistic with a few discrete values) is not extrapolated. NaN when the observed value is
   * undefined or there is no null.
   */
  public double pValue(double observed) {
    if (Double.isNaN(observed) || sorted.length == 0) {
      return Double.NaN;
    }
    int atLeast = sorted.length - lowerBound(observed);
    double empirical = (1.0 + atLeast) / (1.0 + sorted.length);
    if (atLeast >= TAIL_COUNT || tail == null) {
      return empirical;
    }
    return Math.max(smallestPValue(), tail.share() * tail.excesses().survival(observed - tail.threshold()));
  }

  /**
   * The smallest p-value this null gives: with a tail fitted, {@value #EXTRAPOLATION_DECADES} decades
   * below the empirical floor {@code 1 / (1 + n)} (how far beyond its data a fit of a few dozen
   * values is trusted here); without one, that floor.
   */
  public double smallestPValue() {
    return (tail == null ? 1.0 : Math.pow(10, -EXTRAPOLATION_DECADES)) / (1.0 + sorted.length);
  }

  /** The fitted upper tail: its excesses' distribution over {@code threshold}, which a {@code share} of the null exceeds. */
  record Tail(double threshold, double share, GeneralizedPareto excesses) {}

  /** The tail fit {@link #pValue} extrapolates with, or null where the null is too small or too discrete for one. */
  Tail tail() {
    return tail;
  }

  private static Tail fitTail(double[] sorted) {
    int n = sorted.length;
    if (n < TAIL_MIN_SIZE) {
      return null;
    }
    int largest = Math.min(MAX_EXCEEDANCES, n / 4);
    double threshold = (sorted[n - largest - 1] + sorted[n - largest]) / 2;
    // A statistic with ties (a share of a few hundred points) can put equal values on both sides of the cut: only the
    // values above the threshold are its exceedances, and their share of the null is what it says.
    double[] excesses = Arrays.stream(sorted, n - largest, n).filter(v -> v > threshold).map(v -> v - threshold).toArray();
    long distinct = Arrays.stream(excesses).distinct().count();
    if (distinct < TAIL_COUNT) {
      return null;
    }
    return new Tail(threshold, (double) excesses.length / n, GeneralizedPareto.fit(excesses));
  }

  /** The quantile at probability {@code p}, linearly interpolated between order statistics (numpy's default, rank (n - 1) p). */
  public double quantile(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("a quantile's probability is in [0, 1], got " + p);
    }
    return sorted.length == 0 ? Double.NaN : PercentileInterval.quantile(sorted, p);
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
