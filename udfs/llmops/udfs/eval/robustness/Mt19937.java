package llmops.udfs.eval.robustness;

/**
 * The Mersenne Twister MT19937 (Matsumoto and Nishimura's reference {@code genrand_int32}), the
 * generator under both Python's {@code random} and numpy's legacy {@code RandomState}. The two differ
 * only in how an integer seed fills the state, so both seedings are here and the callers pick theirs.
 */
final class Mt19937 {
  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908b0df;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7fffffff;

  private final int[] mt = new int[N];
  private int index;

  private Mt19937() {}

  /** The reference {@code init_genrand(s)}: numpy's {@code RandomState(seed)} for an integer seed. */
  static Mt19937 initGenrand(int seed) {
    Mt19937 g = new Mt19937();
    g.mt[0] = seed;
    for (int i = 1; i < N; i++) {
      g.mt[i] = 1812433253 * (g.mt[i - 1] ^ (g.mt[i - 1] >>> 30)) + i;
    }
    g.index = N;
    return g;
  }

  /** The reference {@code init_by_array(key)}: Python's {@code random.seed(n)} with n's 32-bit words, least significant first. */
  static Mt19937 initByArray(int[] key) {
    Mt19937 g = initGenrand(19650218);
    int[] mt = g.mt;
    int i = 1;
    int j = 0;
    for (int k = Math.max(N, key.length); k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) {
        j = 0;
      }
    }
    for (int k = N - 1; k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = UPPER_MASK; // the most significant bit is 1, assuring a non-zero initial state
    return g;
  }

  /** The next 32 random bits, as an unsigned value. */
  long nextUint32() {
    if (index >= N) {
      twist();
    }
    int y = mt[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y & 0xffffffffL;
  }

  private void twist() {
    for (int k = 0; k < N; k++) {
      int y = (mt[k] & UPPER_MASK) | (mt[(k + 1) % N] & LOWER_MASK);
      mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
    }
    index = 0;
  }
}
