package llmops.udfs.eval.pairwise;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * One model's wins, ties and losses against another as rates with Wilson score intervals at a
 * confidence level (e.g. 0.95): the interval stays inside 0..1 and keeps its coverage for rates near 0
 * or 1 and small counts, where the normal approximation's does not.
 */
public record WinRates(long wins, long ties, long losses, double level, Rate win, Rate tie, Rate loss) {
  /** A rate and its interval; NaN when there were no comparisons. */
  public record Rate(double rate, double low, double high) {}

  public static WinRates of(long wins, long ties, long losses, double level) {
    if (wins < 0 || ties < 0 || losses < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("the confidence level must be between 0 and 1 (got " + level + ")");
    }
    long n = wins + ties + losses;
    return new WinRates(wins, ties, losses, level, wilson(wins, n, level), wilson(ties, n, level), wilson(losses, n, level));
  }

  /** The Wilson score interval of {@code k} successes in {@code n} trials. */
  public static Rate wilson(long k, long n, double level) {
    if (n == 0) {
      return new Rate(Double.NaN, Double.NaN, Double.NaN);
    }
    double z = new NormalDistribution().inverseCumulativeProbability(1 - (1 - level) / 2);
    double p = (double) k / n;
    double z2n = z * z / n;
    double centre = (p + z2n / 2) / (1 + z2n);
    double half = z / (1 + z2n) * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
    return new Rate(p, Math.max(0, centre - half), Math.min(1, centre + half));
  }
}
