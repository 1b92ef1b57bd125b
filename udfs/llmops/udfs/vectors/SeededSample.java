package llmops.udfs.vectors;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A sample of exactly {@code min(n, capacity)} vectors that depends only on the seed and the
 * vectors themselves: every vector gets a pseudo-random key from the seed and a hash of its float32
 * little-endian bytes, and the sample is the vectors with the smallest keys, equal keys ordered by
 * the vectors' bits. Record ids play no part, so neither the files' names, order and split into
 * partitions nor a removed bad line (which shifts every later "file:offset" id) changes the sample.
 *
 * <p>Every record is in the sample with the same chance, but copies of one vector (a text that
 * occurs twice) share a key, so they are in or out together and sit next to each other in the
 * sample's order: that order is random across distinct vectors, not across copies. Whatever splits
 * a sample must therefore split by content ({@link #key(long, double[], int, int)}), not by position.
 *
 * <p>It takes two passes so that only the sample itself ever travels: {@link Threshold} finds the
 * largest key that makes the cut from keys alone, then {@link Rows} collects the vectors at or
 * below it.
 */
public final class SeededSample {
  private SeededSample() {}

  /** Pass one: the {@code capacity} smallest keys seen; partial thresholds merge. */
  public static final class Threshold implements Serializable {
    private static final long serialVersionUID = 2L;
    private final int capacity;
    private final long seed;
    private final PriorityQueue<Long> smallest = new PriorityQueue<>(Comparator.reverseOrder());

    public Threshold(int capacity, long seed) {
      this.capacity = capacity;
      this.seed = seed;
    }

    public void add(VectorBlock block) {
      for (int r = 0; r < block.rows(); r++) {
        offer(key(seed, block.values(), r * block.dim(), block.dim()));
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

  /** A sampled vector with its key. */
  private record Keyed(long key, float[] vector) implements Serializable {}

  /** Key order, then the vectors' bits: a total order on distinct vectors, so the sample's order is fixed. */
  private static final Comparator<Keyed> ORDER = Comparator.comparingLong(Keyed::key)
      .thenComparing((a, b) -> Arrays.compare(bits(a.vector()), bits(b.vector())));

  /**
   * Pass two: the {@code capacity} first vectors in {@link #ORDER} among those whose key is at most
   * the threshold, i.e. the sample. More than {@code capacity} vectors share the keys up to the
   * threshold only when vectors repeat (or, rarely, hashes collide); the cut then keeps the same ones
   * whatever order they arrive in.
   */
  public static final class Rows implements Serializable {
    private static final long serialVersionUID = 2L;
    private final int capacity;
    private final long seed;
    private final long threshold;
    private final List<Keyed> kept = new ArrayList<>();

    public Rows(int capacity, long seed, long threshold) {
      this.capacity = capacity;
      this.seed = seed;
      this.threshold = threshold;
    }

    public void add(VectorBlock block) {
      for (int r = 0; r < block.rows(); r++) {
        long key = key(seed, block.values(), r * block.dim(), block.dim());
        if (key <= threshold) {
          keep(new Keyed(key, block.row(r)));
        }
      }
    }

    public Rows merge(Rows other) {
      other.kept.forEach(this::keep);
      return this;
    }

    private void keep(Keyed k) {
      kept.add(k);
      // Repeated vectors all share a key; trimming now and then bounds what a partition holds.
      if (kept.size() > 2 * capacity) {
        trim();
      }
    }

    private void trim() {
      kept.sort(ORDER);
      kept.subList(Math.min(capacity, kept.size()), kept.size()).clear();
    }

    public int size() {
      trim();
      return kept.size();
    }

    /** The sampled vectors as one row-major double matrix, in key order (so, deterministic). */
    public double[] matrix(int dim) {
      trim();
      double[] out = new double[kept.size() * dim];
      for (int i = 0; i < kept.size(); i++) {
        float[] v = kept.get(i).vector();
        for (int j = 0; j < dim; j++) {
          out[i * dim + j] = v[j];
        }
      }
      return out;
    }
  }

  private static int[] bits(float[] vector) {
    int[] out = new int[vector.length];
    for (int i = 0; i < vector.length; i++) {
      out[i] = Float.floatToRawIntBits(vector[i]);
    }
    return out;
  }

  /**
   * The key of row {@code row} of a row-major matrix of float32 values held as doubles (as
   * {@link Rows#matrix} gives them): equal for equal vectors, whichever sample or side they are in.
   */
  public static long key(long seed, double[] rows, int row, int dim) {
    return mix(contentHash(rows, row, dim), seed);
  }

  /**
   * SplitMix64 of the seed and a 64-bit FNV-1a hash of the vector's float32 little-endian bytes
   * ({@code values[from, from + dim)}): non-negative, so plain comparison orders it.
   */
  static long key(long seed, float[] values, int from, int dim) {
    return mix(contentHash(values, from, dim), seed);
  }

  /**
   * The seed-free part of a key: the 64-bit FNV-1a hash of row {@code row}'s float32 little-endian
   * bytes. Hashing once and {@link #mix mixing} in many seeds draws many content-keyed samples of
   * the same rows at the cost of one.
   */
  public static long contentHash(double[] rows, int row, int dim) {
    float[] vector = new float[dim];
    for (int j = 0; j < dim; j++) {
      vector[j] = (float) rows[row * dim + j];
    }
    return contentHash(vector, 0, dim);
  }

  private static long contentHash(float[] values, int from, int dim) {
    long h = 0xcbf29ce484222325L;
    for (int j = from; j < from + dim; j++) {
      int bits = Float.floatToRawIntBits(values[j]);
      for (int shift = 0; shift < 32; shift += 8) {
        h = (h ^ ((bits >>> shift) & 0xff)) * 0x100000001b3L;
      }
    }
    return h;
  }

  /** A vector's key under {@code seed} from its {@link #contentHash}: SplitMix64, non-negative. */
  public static long mix(long contentHash, long seed) {
    long z = contentHash + seed * 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return (z ^ (z >>> 31)) >>> 1;
  }
}
