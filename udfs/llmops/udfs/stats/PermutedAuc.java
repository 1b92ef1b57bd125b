package llmops.udfs.stats;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The ROC AUC of fixed scores, and its null by permuting the labels. With the classifier trained on
 * other vectors than those it scores, "baseline and snapshot are alike" makes the test labels
 * exchangeable given the scores, so the AUCs of the same scores under shuffled labels are draws of
 * the AUC's no-drift distribution: an exact permutation test, with no refit per draw.
 */
public final class PermutedAuc {
  private final double[] ranks;
  private final boolean[] positive;
  private final long positives;

  /** {@code positive[i]}: whether score i belongs to the positive class (the snapshot). */
  public PermutedAuc(double[] scores, boolean[] positive) {
    if (scores.length != positive.length) {
      throw new IllegalArgumentException(scores.length + " scores but " + positive.length + " labels");
    }
    this.ranks = midranks(scores);
    this.positive = positive.clone();
    long p = 0;
    for (boolean b : positive) {
      p += b ? 1 : 0;
    }
    if (p == 0 || p == positive.length) {
      throw new IllegalArgumentException("an AUC needs scores of both classes, got " + p + " positive of " + positive.length);
    }
    this.positives = p;
  }

  /** The AUC of the scores under their own labels: Mann-Whitney's U over positives x negatives, ties counting one half. */
  public double auc() {
    return auc(positive);
  }

  /** The AUCs of the same scores under {@code permutations} seeded shuffles of the labels. */
  public EmpiricalNull permutationNull(int permutations, long seed) {
    Random random = new Random(seed);
    boolean[] shuffled = positive.clone();
    double[] values = new double[permutations];
    for (int p = 0; p < permutations; p++) {
      for (int i = shuffled.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        boolean t = shuffled[i];
        shuffled[i] = shuffled[j];
        shuffled[j] = t;
      }
      values[p] = auc(shuffled);
    }
    return EmpiricalNull.of(values);
  }

  private double auc(boolean[] labels) {
    double rankSum = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i]) {
        rankSum += ranks[i];
      }
    }
    long negatives = labels.length - positives;
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /** 1-based ranks, tied scores sharing the mean of their ranks. */
  private static double[] midranks(double[] scores) {
    Integer[] order = IntStream.range(0, scores.length).boxed().sorted(Comparator.comparingDouble(i -> scores[i])).toArray(Integer[]::new);
    double[] ranks = new double[scores.length];
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double mid = (i + j) / 2.0 + 1;
      for (int t = i; t <= j; t++) {
        ranks[order[t]] = mid;
      }
      i = j + 1;
    }
    return ranks;
  }
}
