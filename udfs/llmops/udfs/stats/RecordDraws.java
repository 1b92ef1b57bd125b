package llmops.udfs.stats;

import java.nio.charset.StandardCharsets;

/**
 * The random draws a resampling method makes for one record, as a pure function of a seed, the
 * record's key and the replicate's index, so they are the same whichever partition, task or order
 * the record is seen in, and the same for every model that answered the record (which makes a
 * bootstrap of two models' scores a paired one). Each record's draws come from SplitMix64
 * (Steele, Lea and Flood 2014) started at a hash of the seed and the key: output {@code b} is the
 * SplitMix64 finaliser of {@code start + (b + 1) * golden gamma}, a counter-based hash of (key, b).
 */
public final class RecordDraws {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  /** Keeps the sign flips' stream apart from the bootstrap weights' for the same seed and key. */
  private static final long SIGN_STREAM = 0x5851F42D4C957F2DL;
  /** Poisson(1)'s cumulative probabilities P(X <= k); past the last one (about 1e-16 of draws) the weight is its length. */
  private static final double[] POISSON_ONE_CDF = poissonOneCdf();
  private static final byte[] POISSON_BY_TOP_BITS = poissonByTopBits();

  private RecordDraws() {}

  /** SplitMix64's finaliser (a bijection of 64-bit words with good avalanche). */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A 64-bit hash of the key's UTF-8 bytes (FNV-1a, then mixed), so keys differing in one character start far apart. */
  static long keyHash(String key) {
    long h = 0xCBF29CE484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xFF)) * 0x100000001B3L;
    }
    return mix(h);
  }

  /**
   * The record's bootstrap weights, one per replicate: independent Poisson(1) counts, so each
   * replicate is a resample in which the record appears that many times (the Poisson bootstrap:
   * Hanley and MacGibbon 2006; Chamandy et al. 2012), without knowing the dataset's size. Weight
   * {@code b} is the Poisson(1) quantile of a uniform number whose top 16 bits are the {@code b % 4}-th
   * quarter of output {@code b / 4}: a table gives the quantile at once unless those 16 bits straddle
   * one of the distribution's steps (8 of 65,536 values), when 53 more bits from another output decide
   * it exactly. This is what keeps a thousand weights per record cheap.
   */
  public static void poissonWeights(long seed, String key, int[] weights) {
    long start = mix(seed ^ keyHash(key));
    long bits = 0;
    for (int b = 0; b < weights.length; b++) {
      int quarter = b & 3;
      if (quarter == 0) {
        bits = mix(start + ((b >>> 2) + 1) * GOLDEN_GAMMA);
      }
      int top = (int) (bits >>> (16 * quarter)) & 0xFFFF;
      int k = POISSON_BY_TOP_BITS[top];
      weights[b] = k >= 0 ? k : poissonQuantile((top + (mix(bits ^ (quarter + 1) * SIGN_STREAM) >>> 11) * 0x1.0p-53) * 0x1.0p-16);
    }
  }

  private static int poissonQuantile(double u) {
    int k = 0;
    while (k < POISSON_ONE_CDF.length && u >= POISSON_ONE_CDF[k]) {
      k++;
    }
    return k;
  }

  /** For each value of a uniform number's top 16 bits, its Poisson(1) quantile, or -1 where the bits' interval holds a step. */
  private static byte[] poissonByTopBits() {
    byte[] table = new byte[1 << 16];
    for (int top = 0; top < table.length; top++) {
      int low = poissonQuantile(top * 0x1.0p-16);
      int high = poissonQuantile(Math.nextDown((top + 1) * 0x1.0p-16));
      table[top] = (byte) (low == high ? low : -1);
    }
    return table;
  }

  /** The record's signs, +1 or -1 with equal chances, one per replicate, for a paired sign-flip permutation test. */
  public static void signs(long seed, String key, double[] signs) {
    long start = mix(seed ^ SIGN_STREAM ^ keyHash(key));
    long bits = 0;
    for (int r = 0; r < signs.length; r++) {
      if ((r & 63) == 0) {
        bits = mix(start + ((r >>> 6) + 1) * GOLDEN_GAMMA);
      }
      signs[r] = ((bits >>> (r & 63)) & 1) == 0 ? 1.0 : -1.0;
    }
  }

  private static double[] poissonOneCdf() {
    double[] cdf = new double[18];
    double term = Math.exp(-1);
    double sum = 0;
    for (int k = 0; k < cdf.length; k++) {
      sum += term;
      cdf[k] = sum;
      term /= k + 1;
    }
    return cdf;
  }
}
