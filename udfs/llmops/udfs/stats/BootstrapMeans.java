package llmops.udfs.stats;

import java.io.Serializable;
import java.util.function.ToDoubleFunction;

/**
 * A Poisson bootstrap of several means over one group of records, as a state that records are
 * added to in any order and partial states are merged into ({@link #merge}), so it runs in the same
 * pass as the means it gives intervals for. Each record has a Poisson(1) weight per replicate from
 * {@link RecordDraws#poissonWeights} (its key and the seed decide them, not its partition); a
 * replicate keeps, per mean, the sums of weight and of weight x value, and its estimate is their
 * ratio. A value that is NaN is absent (the record has no such score) and, like a null in SQL's
 * {@code avg}, counts towards neither sum.
 *
 * <p>Optionally the state also resamples summed integer statistics (sacrebleu's BLEU sufficient
 * statistics): per replicate the weighted sum of each record's vector, from which any corpus-level
 * statistic gets an interval ({@link #statisticInterval}).
 *
 * <p>Not thread-safe; one state per task and group, merged.
 */
public final class BootstrapMeans implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long seed;
  private final int replicates;
  private final int means;
  private final int statisticsSize;
  /** Per mean, per replicate (mean-major): the sum of the records' weights, and of weight x value. */
  private final double[] weightTotals;
  private final double[] weightedSums;
  /** Per replicate, per statistic (replicate-major): the weighted sums of the records' statistics; null without. */
  private final long[] weightedStatistics;
  private transient int[] weights;

  /**
   * @param statisticsSize the length of each record's statistics vector, 0 for none
   */
  public BootstrapMeans(int means, int statisticsSize, int replicates, long seed) {
    if (replicates < 1 || means < 0 || statisticsSize < 0) {
      throw new IllegalArgumentException("a bootstrap needs at least one replicate and no negative sizes");
    }
    this.seed = seed;
    this.replicates = replicates;
    this.means = means;
    this.statisticsSize = statisticsSize;
    this.weightTotals = new double[means * replicates];
    this.weightedSums = new double[means * replicates];
    this.weightedStatistics = statisticsSize == 0 ? null : new long[replicates * statisticsSize];
  }

  /**
   * Adds one record.
   *
   * @param values one per mean, NaN where the record has none
   * @param statistics the record's statistics vector, or null when it has none
   */
  public void add(String key, double[] values, long[] statistics) {
    if (values.length != means || (statistics != null && statistics.length != statisticsSize)) {
      throw new IllegalArgumentException("expected " + means + " values and " + statisticsSize + " statistics");
    }
    if (weights == null) {
      weights = new int[replicates];
    }
    RecordDraws.poissonWeights(seed, key, weights);
    for (int m = 0; m < means; m++) {
      double value = values[m];
      if (Double.isNaN(value)) {
        continue;
      }
      int offset = m * replicates;
      for (int b = 0; b < replicates; b++) {
        int w = weights[b];
        weightTotals[offset + b] += w;
        weightedSums[offset + b] += w * value;
      }
    }
    if (statistics != null) {
      for (int b = 0; b < replicates; b++) {
        int w = weights[b];
        if (w != 0) {
          int offset = b * statisticsSize;
          for (int s = 0; s < statisticsSize; s++) {
            weightedStatistics[offset + s] += w * statistics[s];
          }
        }
      }
    }
  }

  /** Adds another state's records to this one; both must have the same shape and seed. */
  public BootstrapMeans merge(BootstrapMeans other) {
    if (other.seed != seed || other.replicates != replicates || other.means != means || other.statisticsSize != statisticsSize) {
      throw new IllegalArgumentException("cannot merge bootstrap states of different shapes or seeds");
    }
    for (int i = 0; i < weightTotals.length; i++) {
      weightTotals[i] += other.weightTotals[i];
      weightedSums[i] += other.weightedSums[i];
    }
    if (weightedStatistics != null) {
      for (int i = 0; i < weightedStatistics.length; i++) {
        weightedStatistics[i] += other.weightedStatistics[i];
      }
    }
    return this;
  }

  /** Mean {@code m} in each replicate; NaN in a replicate that drew no record with a value. */
  public double[] replicateMeans(int m) {
    double[] estimates = new double[replicates];
    int offset = m * replicates;
    for (int b = 0; b < replicates; b++) {
      double total = weightTotals[offset + b];
      estimates[b] = total == 0 ? Double.NaN : weightedSums[offset + b] / total;
    }
    return estimates;
  }

  /** The percentile interval of mean {@code m}. */
  public PercentileInterval interval(int m, double confidence) {
    return PercentileInterval.of(replicateMeans(m), confidence);
  }

  /** The percentile interval of a statistic computed from the summed statistics vector, e.g. corpus BLEU. */
  public PercentileInterval statisticInterval(ToDoubleFunction<long[]> statistic, double confidence) {
    if (weightedStatistics == null) {
      throw new IllegalStateException("this bootstrap resamples no statistics");
    }
    double[] estimates = new double[replicates];
    for (int b = 0; b < replicates; b++) {
      long[] summed = new long[statisticsSize];
      System.arraycopy(weightedStatistics, b * statisticsSize, summed, 0, statisticsSize);
      estimates[b] = statistic.applyAsDouble(summed);
    }
    return PercentileInterval.of(estimates, confidence);
  }

  public int replicates() {
    return replicates;
  }
}
