package llmops.udfs.eval.robustness;

/**
 * Python's {@code random.Random(seed)} for a non-negative integer seed, the parts fmeval's perturbations
 * draw on: {@code random()}, {@code getrandbits(k)} and the rejection sampling behind {@code choice} and
 * {@code randrange}. Same seed, same numbers as CPython 3 (checked against Python 3.11 in the fidelity
 * vectors).
 */
public final class PythonRandom {
  private final Mt19937 mt;

  public PythonRandom(long seed) {
    if (seed < 0 || seed > 0xffffffffL) {
      // Python takes |seed| and any width; fmeval's seeds are small, and numpy's legacy seeding (the other
      // generator fmeval seeds with the same number) refuses anything outside 0..2^32-1.
      throw new IllegalArgumentException("seed must be in 0..2^32-1, got " + seed);
    }
    this.mt = Mt19937.initByArray(new int[] {(int) seed});
  }

  /** {@code random.random()}: 53 random bits from two 32-bit draws (27 and 26 bits), in [0, 1). */
  public double random() {
    long a = mt.nextUint32() >>> 5;
    long b = mt.nextUint32() >>> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  /** {@code getrandbits(k)} for 0 <= k <= 32: the top k bits of one 32-bit draw. */
  public long getrandbits(int k) {
    if (k < 0 || k > 32) {
      throw new IllegalArgumentException("k must be in 0..32, got " + k);
    }
    return k == 0 ? 0 : mt.nextUint32() >>> (32 - k);
  }

  /**
   * {@code _randbelow(n)}, behind {@code choice(seq)} ({@code seq[_randbelow(len(seq))]}) and
   * {@code randrange(n)}: draws of n's bit length until one is below n.
   */
  public int randbelow(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("n must be positive, got " + n);
    }
    int k = 32 - Integer.numberOfLeadingZeros(n); // n.bit_length()
    long r = getrandbits(k);
    while (r >= n) {
      r = getrandbits(k);
    }
    return (int) r;
  }
}
