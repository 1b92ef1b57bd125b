package llmops.udfs.text;

import java.util.Arrays;

/**
 * Clipped n-gram matches between a candidate and its references, all given as token ids: for each
 * order n, how many of the candidate's n-grams a reference holds, each distinct n-gram counted at
 * most as often as the reference that has it most often. With one reference this is ROUGE-N's
 * overlap; with several, BLEU's matched n-grams.
 *
 * <p>N-grams are never built as lists or strings: every n-gram gets a dense int id from the id of
 * its first n-1 tokens and the id of its last one, so counting is array indexing.
 */
final class NgramMatches {
  private NgramMatches() {}

  /**
   * @param vocabulary one more than the largest token id
   * @return matches[n - 1] for n = 1 .. maxOrder
   */
  static long[] clipped(int[] candidate, int[][] references, int vocabulary, int maxOrder) {
    long[] matches = new long[maxOrder];
    int tokens = candidate.length;
    for (int[] reference : references) {
      tokens += reference.length;
    }
    DenseIds ids = new DenseIds(tokens);
    int[] candidateGrams = candidate;
    int[][] referenceGrams = references.clone();
    int distinct = vocabulary;
    for (int n = 1; n <= maxOrder && candidateGrams.length > 0; n++) {
      if (n > 1) {
        ids.clear();
        candidateGrams = longer(candidateGrams, candidate, n, ids);
        for (int r = 0; r < references.length; r++) {
          referenceGrams[r] = longer(referenceGrams[r], references[r], n, ids);
        }
        distinct = ids.size();
      }
      matches[n - 1] = clippedCount(candidateGrams, referenceGrams, distinct);
    }
    return matches;
  }

  /** The ids of the n-grams of {@code tokens}, from the ids of its (n-1)-grams. */
  private static int[] longer(int[] shorterGrams, int[] tokens, int n, DenseIds ids) {
    int[] grams = new int[Math.max(0, tokens.length - n + 1)];
    for (int i = 0; i < grams.length; i++) {
      grams[i] = ids.id(((long) shorterGrams[i] << 32) | tokens[i + n - 1]);
    }
    return grams;
  }

  private static long clippedCount(int[] candidateGrams, int[][] referenceGrams, int distinct) {
    int[] mostInOneReference = new int[distinct];
    int[] count = new int[distinct];
    for (int[] reference : referenceGrams) {
      for (int g : reference) {
        count[g]++;
      }
      for (int g : reference) {
        mostInOneReference[g] = Math.max(mostInOneReference[g], count[g]);
      }
      for (int g : reference) {
        count[g] = 0;
      }
    }
    for (int g : candidateGrams) {
      count[g]++;
    }
    long matches = 0;
    for (int g : candidateGrams) {
      matches += Math.min(count[g], mostInOneReference[g]);
      count[g] = 0; // each distinct n-gram once
    }
    return matches;
  }

  /** Numbers distinct long keys 0, 1, 2, ... in order of first sight (open addressing, no boxing). */
  private static final class DenseIds {
    private final long[] keys;
    private final int[] idPlusOne; // 0 marks an empty slot
    private final int mask;
    private final int shift;
    private int size;

    /** Sized for {@code capacity} keys at most, at half load, so it never grows. */
    DenseIds(int capacity) {
      int slots = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2;
      keys = new long[slots];
      idPlusOne = new int[slots];
      mask = slots - 1;
      shift = 64 - Integer.numberOfTrailingZeros(slots);
    }

    int id(long key) {
      // Fibonacci hashing: the top bits of the key times 2^64/phi depend on every bit of the key.
      int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
      while (idPlusOne[slot] != 0) {
        if (keys[slot] == key) {
          return idPlusOne[slot] - 1;
        }
        slot = (slot + 1) & mask;
      }
      keys[slot] = key;
      idPlusOne[slot] = ++size;
      return size - 1;
    }

    int size() {
      return size;
    }

    void clear() {
      Arrays.fill(idPlusOne, 0);
      size = 0;
    }
  }
}
