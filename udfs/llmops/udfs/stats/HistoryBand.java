package llmops.udfs.stats;

/**
 * What is normal for one series: the band mean ± k standard deviations of a statistic over the
 * series' last accepted runs (NannyML's and WhyLabs' rule). A value outside it is unusual for this
 * series even when a fixed threshold or the calibrated null would let it pass.
 *
 * @param runs how many past values the band was computed from
 * @param sd the sample standard deviation (n - 1)
 */
public record HistoryBand(int runs, double mean, double sd, double k, double lower, double upper) {

  /** The band of {@code values} (undefined ones left out), or null when fewer than {@code minRuns} are defined. */
  public static HistoryBand of(double[] values, double k, int minRuns) {
    if (!(k > 0) || minRuns < 2) {
      throw new IllegalArgumentException("a history band needs k > 0 and at least 2 runs, got k=" + k + ", min_runs=" + minRuns);
    }
    int n = 0;
    double sum = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        n++;
        sum += v;
      }
    }
    if (n < minRuns) {
      return null;
    }
    double mean = sum / n;
    double squares = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        squares += (v - mean) * (v - mean);
      }
    }
    double sd = Math.sqrt(squares / (n - 1));
    return new HistoryBand(n, mean, sd, k, mean - k * sd, mean + k * sd);
  }

  /** Strictly outside the band; an undefined value never is. */
  public boolean beyond(double value) {
    return !Double.isNaN(value) && (value > upper || value < lower);
  }
}
