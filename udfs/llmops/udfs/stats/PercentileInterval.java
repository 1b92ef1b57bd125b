package llmops.udfs.stats;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A percentile interval from resampled estimates (Efron's percentile bootstrap interval): the
 * {@code (1 - confidence) / 2} and {@code (1 + confidence) / 2} quantiles of the estimates, each
 * interpolated between two order statistics as NumPy's default {@code np.percentile(...,
 * method="linear")} (rank {@code h = (n - 1) q}). Undefined estimates (NaN: a replicate that drew no
 * record of a small group) are left out; with none left the interval is undefined (NaN, NaN).
 */
public record PercentileInterval(double low, double high) implements Serializable {
  public static final PercentileInterval UNDEFINED = new PercentileInterval(Double.NaN, Double.NaN);

  public static PercentileInterval of(double[] estimates, double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be between 0 and 1 (exclusive), got " + confidence);
    }
    double[] defined = Arrays.stream(estimates).filter(v -> !Double.isNaN(v)).sorted().toArray();
    if (defined.length == 0) {
      return UNDEFINED;
    }
    return new PercentileInterval(quantile(defined, (1 - confidence) / 2), quantile(defined, (1 + confidence) / 2));
  }

  /** NumPy's linear interpolation of sorted values at quantile q. */
  public static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int below = (int) Math.floor(h);
    int above = Math.min(below + 1, sorted.length - 1);
    double fraction = h - below;
    return sorted[below] + fraction * (sorted[above] - sorted[below]);
  }

  public boolean contains(double value) {
    return value >= low && value <= high;
  }
}
