package llmops.udfs.vectors;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A uniform sample of exactly {@code min(n, capacity)} vectors that depends only on the seed and the
 * vectors' ids, not on how the data is split into partitions: every vector gets a pseudo-random
 * key from (seed, id) and the sample is the vectors with the smallest keys.
 *
 * <p>It takes two passes so that only the sample itself ever travels: {@link Threshold} finds the
 * largest key that makes the cut from keys alone, then {@link Rows} collects the vectors at or
 * below it.
 */
public final class SeededSample {
  private SeededSample() {}

  /** Pass one: the {@code capacity} smallest keys seen; partial thresholds merge. */
  public static final class Threshold implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int capacity;
    private final long seed;
    private final PriorityQueue<Long> smallest = new PriorityQueue<>(Comparator.reverseOrder());

    public Threshold(int capacity, long seed) {
      this.capacity = capacity;
      this.seed = seed;
    }

    public void add(VectorBlock block) {
      for (int r = 0; r < block.rows(); r++) {
        offer(key(seed, block.id(r)));
      }
    }

    private void offer(long key) {
      if (smallest.size() < capacity) {
        smallest.add(key);
      } else if (key < smallest.peek()) {
        smallest.poll();
        smallest.add(key);
      }
    }

    public Threshold merge(Threshold other) {
      other.smallest.forEach(this::offer);
      return this;
    }

    /** The largest key in the sample (every key when there are fewer vectors than the capacity). */
    public long value() {
      return smallest.isEmpty() ? Long.MIN_VALUE : smallest.peek();
    }
  }

  /** Pass two: the vectors whose key is at most the threshold, i.e. the sample. */
  public static final class Rows implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long seed;
    private final long threshold;
    private final List<long[]> keys = new ArrayList<>(); // one-element arrays keep keys beside their rows when sorting
    private final List<float[]> vectors = new ArrayList<>();

    public Rows(long seed, long threshold) {
      this.seed = seed;
      this.threshold = threshold;
    }

    public void add(VectorBlock block) {
      for (int r = 0; r < block.rows(); r++) {
        long key = key(seed, block.id(r));
        if (key <= threshold) {
          keys.add(new long[] {key});
          vectors.add(block.row(r));
        }
      }
    }

    public Rows merge(Rows other) {
      keys.addAll(other.keys);
      vectors.addAll(other.vectors);
      return this;
    }

    public int size() {
      return vectors.size();
    }

    /** The sampled vectors as one row-major double matrix, in key order (so, deterministic). */
    public double[] matrix(int dim) {
      Integer[] order = new Integer[vectors.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, Comparator.comparingLong(i -> keys.get(i)[0]));
      double[] out = new double[order.length * dim];
      for (int i = 0; i < order.length; i++) {
        float[] v = vectors.get(order[i]);
        for (int j = 0; j < dim; j++) {
          out[i * dim + j] = v[j];
        }
      }
      return out;
    }
  }

  /** SplitMix64 of the seed and a 64-bit FNV-1a hash of the id: non-negative, so plain comparison orders it. */
  static long key(long seed, String id) {
    long h = 0xcbf29ce484222325L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    long z = h + seed * 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return (z ^ (z >>> 31)) >>> 1;
  }
}
