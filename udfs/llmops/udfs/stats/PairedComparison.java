package llmops.udfs.stats;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Two models' scores on the records both answered, compared as pairs: the mean difference (A minus
 * B), its paired bootstrap interval, and a two-sided p-value for "the models are equally good". A
 * mergeable state like {@link BootstrapMeans}: records are added in any order, partial states merged.
 *
 * <ul>
 *   <li>Interval: the Poisson bootstrap of the differences, with the weights of {@link
 *       RecordDraws#poissonWeights} (the same draws the models' own intervals use).
 *   <li>p-value, 0/1 scores: McNemar's exact test on the discordant pairs ({@link McNemar}).
 *   <li>p-value, other scores: the paired permutation test (under "equally good" each difference's
 *       sign is a coin flip): exact over all 2^k sign patterns of the k non-zero differences when k is
 *       at most {@value #EXACT_LIMIT} (as scipy's {@code permutation_test(...,
 *       permutation_type="samples")} with every resample), else over seeded sign flips, one per
 *       replicate, p = (1 + replicates at least as extreme) / (1 + replicates) (Phipson and Smyth
 *       2010: never 0).
 * </ul>
 */
public final class PairedComparison implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Up to this many non-zero differences the permutation test enumerates every sign pattern (2^20, about 20 ms). */
  public static final int EXACT_LIMIT = 20;
  /** A permuted sum this close (relative) to the observed one counts as equal: both are the same sum in another order. */
  private static final double RELATIVE_TOLERANCE = 1e-9;

  public enum Test { MCNEMAR_EXACT, PERMUTATION_EXACT, PERMUTATION_SAMPLED }

  /**
   * @param pairs records both models scored
   * @param onlyA, onlyB for 0/1 scores the discordant pairs (A right and B wrong, the reverse); null otherwise
   */
  public record Result(long pairs, double meanDifference, PercentileInterval interval, Test test, double pValue, Long onlyA, Long onlyB)
      implements Serializable {}

  private final long seed;
  private final int replicates;
  private long pairs;
  private double differenceSum;
  private boolean binary = true;
  private long onlyA;
  private long onlyB;
  private final double[] weightTotals;
  private final double[] weightedDifferences;
  private final double[] flippedSums;
  /** The non-zero differences while there are at most EXACT_LIMIT of them; null once there are more. */
  private double[] nonZero = new double[0];
  private transient int[] weights;
  private transient double[] signs;

  public PairedComparison(int replicates, long seed) {
    if (replicates < 1) {
      throw new IllegalArgumentException("a comparison needs at least one replicate");
    }
    this.seed = seed;
    this.replicates = replicates;
    this.weightTotals = new double[replicates];
    this.weightedDifferences = new double[replicates];
    this.flippedSums = new double[replicates];
  }

  /** Adds a record both models scored. */
  public void add(String key, double scoreA, double scoreB) {
    if (Double.isNaN(scoreA) || Double.isNaN(scoreB)) {
      throw new IllegalArgumentException("record " + key + ": a pair needs both scores");
    }
    if (weights == null) {
      weights = new int[replicates];
      signs = new double[replicates];
    }
    double difference = scoreA - scoreB;
    pairs++;
    differenceSum += difference;
    binary &= isZeroOrOne(scoreA) && isZeroOrOne(scoreB);
    if (scoreA == 1 && scoreB == 0) {
      onlyA++;
    } else if (scoreA == 0 && scoreB == 1) {
      onlyB++;
    }
    RecordDraws.poissonWeights(seed, key, weights);
    RecordDraws.signs(seed, key, signs);
    for (int b = 0; b < replicates; b++) {
      weightTotals[b] += weights[b];
      weightedDifferences[b] += weights[b] * difference;
      flippedSums[b] += signs[b] * difference;
    }
    if (difference != 0) {
      keepNonZero(new double[] {difference});
    }
  }

  public PairedComparison merge(PairedComparison other) {
    if (other.seed != seed || other.replicates != replicates) {
      throw new IllegalArgumentException("cannot merge comparisons with different seeds or replicates");
    }
    pairs += other.pairs;
    differenceSum += other.differenceSum;
    binary &= other.binary;
    onlyA += other.onlyA;
    onlyB += other.onlyB;
    for (int b = 0; b < replicates; b++) {
      weightTotals[b] += other.weightTotals[b];
      weightedDifferences[b] += other.weightedDifferences[b];
      flippedSums[b] += other.flippedSums[b];
    }
    if (other.nonZero == null) {
      nonZero = null;
    } else {
      keepNonZero(other.nonZero);
    }
    return this;
  }

  private void keepNonZero(double[] more) {
    if (nonZero == null) {
      return;
    }
    if (nonZero.length + more.length > EXACT_LIMIT) {
      nonZero = null;
      return;
    }
    double[] joined = Arrays.copyOf(nonZero, nonZero.length + more.length);
    System.arraycopy(more, 0, joined, nonZero.length, more.length);
    nonZero = joined;
  }

  private static boolean isZeroOrOne(double v) {
    return v == 0 || v == 1;
  }

  /** The comparison so far; with no pairs, the mean difference and its interval are undefined and p is 1. */
  public Result result(double confidence) {
    double[] estimates = new double[replicates];
    for (int b = 0; b < replicates; b++) {
      estimates[b] = weightTotals[b] == 0 ? Double.NaN : weightedDifferences[b] / weightTotals[b];
    }
    PercentileInterval interval = PercentileInterval.of(estimates, confidence);
    double mean = pairs == 0 ? Double.NaN : differenceSum / pairs;
    if (binary) {
      return new Result(pairs, mean, interval, Test.MCNEMAR_EXACT, McNemar.exactPValue(onlyA, onlyB), onlyA, onlyB);
    }
    if (nonZero != null) {
      return new Result(pairs, mean, interval, Test.PERMUTATION_EXACT, exactPermutationPValue(nonZero), null, null);
    }
    double observed = Math.abs(differenceSum);
    double tolerance = RELATIVE_TOLERANCE * observed;
    long extreme = 0;
    for (double flipped : flippedSums) {
      extreme += Math.abs(flipped) >= observed - tolerance ? 1 : 0;
    }
    return new Result(pairs, mean, interval, Test.PERMUTATION_SAMPLED, (1.0 + extreme) / (1.0 + replicates), null, null);
  }

  /** The share of all 2^k sign patterns whose sum is at least as far from 0 as the observed one (which is one of them). */
  static double exactPermutationPValue(double[] differences) {
    int k = differences.length;
    double observed = Math.abs(Arrays.stream(differences).sum());
    double tolerance = RELATIVE_TOLERANCE * observed;
    long extreme = 0;
    for (long pattern = 0; pattern < (1L << k); pattern++) {
      double sum = 0;
      for (int i = 0; i < k; i++) {
        sum += ((pattern >>> i) & 1) == 0 ? differences[i] : -differences[i];
      }
      extreme += Math.abs(sum) >= observed - tolerance ? 1 : 0;
    }
    return (double) extreme / (1L << k);
  }
}
