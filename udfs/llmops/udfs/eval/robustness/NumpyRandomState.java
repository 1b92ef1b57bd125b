package llmops.udfs.eval.robustness;

/**
 * numpy's legacy {@code np.random.seed(seed)} / {@code RandomState(seed)}, the part fmeval's RandomUpperCase
 * draws on: {@code choice(n, size, replace=False)} without weights, which numpy computes as
 * {@code permutation(n)[:size]}, a Fisher-Yates shuffle of 0..n-1 from the last position down, each swap
 * index drawn by masked rejection ({@code random_interval}).
 */
public final class NumpyRandomState {
  private final Mt19937 mt;

  public NumpyRandomState(long seed) {
    if (seed < 0 || seed > 0xffffffffL) {
      throw new IllegalArgumentException("seed must be in 0..2^32-1 (numpy's rule), got " + seed);
    }
    this.mt = Mt19937.initGenrand((int) seed);
  }

  /** {@code choice(range(n), size, replace=False)}: size distinct values of 0..n-1, in numpy's order. */
  public int[] choiceWithoutReplacement(int n, int size) {
    if (size < 0 || size > n) {
      throw new IllegalArgumentException("cannot take " + size + " distinct values from " + n);
    }
    return java.util.Arrays.copyOf(permutation(n), size);
  }

  /** {@code permutation(n)}. */
  public int[] permutation(int n) {
    int[] values = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = i;
    }
    for (int i = n - 1; i >= 1; i--) {
      int j = (int) randomInterval(i);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
    return values;
  }

  /** numpy's {@code random_interval(max)}: uniform in 0..max, by drawing 32 bits masked to max's width until one fits. */
  private long randomInterval(long max) {
    long mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    long value = mt.nextUint32() & mask;
    while (value > max) {
      value = mt.nextUint32() & mask;
    }
    return value;
  }
}
