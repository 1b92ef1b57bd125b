package llmops.udfs.text;

import java.io.Serializable;
import java.util.Arrays;

/**
 * BLEU's sufficient statistics for one segment or, summed, for a corpus, in sacrebleu's layout
 * {@code [hyp_len, ref_len, correct_1..4, total_1..4]}. Corpus BLEU is computed from the sum of
 * every segment's statistics ({@link SacreBleu#corpusBleu}), never from sentence scores, so these
 * are what a distributed job adds up (element-wise, e.g. as an array column).
 */
public final class BleuStatistics implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final int MAX_ORDER = 4;
  /** How many numbers one segment contributes: hypothesis and reference length, then matches and totals per order. */
  public static final int SIZE = 2 + 2 * MAX_ORDER;
  public static final BleuStatistics ZERO = new BleuStatistics(new long[SIZE]);

  private final long[] values;

  private BleuStatistics(long[] values) {
    this.values = values;
  }

  static BleuStatistics of(long hypothesisLength, long referenceLength, long[] matches, long[] totals) {
    long[] values = new long[SIZE];
    values[0] = hypothesisLength;
    values[1] = referenceLength;
    System.arraycopy(matches, 0, values, 2, MAX_ORDER);
    System.arraycopy(totals, 0, values, 2 + MAX_ORDER, MAX_ORDER);
    return new BleuStatistics(values);
  }

  /** From sacrebleu's layout, e.g. a summed array column. */
  public static BleuStatistics fromArray(long[] sacrebleuLayout) {
    if (sacrebleuLayout.length != SIZE) {
      throw new IllegalArgumentException("BLEU statistics have " + SIZE + " values, not " + sacrebleuLayout.length);
    }
    return new BleuStatistics(sacrebleuLayout.clone());
  }

  /** sacrebleu's layout: {@code [hyp_len, ref_len, correct_1..4, total_1..4]}. */
  public long[] toArray() {
    return values.clone();
  }

  public BleuStatistics plus(BleuStatistics other) {
    long[] sum = new long[SIZE];
    for (int i = 0; i < SIZE; i++) {
      sum[i] = values[i] + other.values[i];
    }
    return new BleuStatistics(sum);
  }

  /** Tokens in the hypothesis (summed: in the system output). */
  public long hypothesisLength() {
    return values[0];
  }

  /** Tokens in the reference whose length is closest to the hypothesis' (summed: the effective reference length). */
  public long referenceLength() {
    return values[1];
  }

  /** Hypothesis n-grams of order {@code n} (1 to 4) found in a reference, clipped to the reference's count. */
  public long matches(int n) {
    return values[1 + checkedOrder(n)];
  }

  /** Hypothesis n-grams of order {@code n} (1 to 4). */
  public long totals(int n) {
    return values[1 + MAX_ORDER + checkedOrder(n)];
  }

  private static int checkedOrder(int n) {
    if (n < 1 || n > MAX_ORDER) {
      throw new IllegalArgumentException("n-gram order " + n + " is not in 1.." + MAX_ORDER);
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BleuStatistics other && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "BleuStatistics" + Arrays.toString(values);
  }
}
