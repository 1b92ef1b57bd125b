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
 * key from (seed, id) and the sample keeps the smallest keys. Partial samples merge.
 */
public final class SeededSample implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Comparator<Entry> LARGEST_FIRST = new LargestFirst();

  private final int capacity;
  private final long seed;
  private final PriorityQueue<Entry> kept = new PriorityQueue<>(LARGEST_FIRST);

  public SeededSample(int capacity, long seed) {
    this.capacity = capacity;
    this.seed = seed;
  }

  public void add(VectorBlock block) {
    for (int r = 0; r < block.rows(); r++) {
      long key = key(seed, block.id(r));
      if (kept.size() < capacity) {
        kept.add(new Entry(key, block.id(r), block.row(r)));
      } else if (key < kept.peek().key) {
        kept.poll();
        kept.add(new Entry(key, block.id(r), block.row(r)));
      }
    }
  }

  public SeededSample merge(SeededSample other) {
    for (Entry e : other.kept) {
      if (kept.size() < capacity) {
        kept.add(e);
      } else if (LARGEST_FIRST.compare(e, kept.peek()) > 0) {
        kept.poll();
        kept.add(e);
      }
    }
    return this;
  }

  public int size() {
    return kept.size();
  }

  /** The sampled vectors as one row-major double matrix, in key order (so, deterministic). */
  public double[] rows(int dim) {
    List<Entry> ordered = ordered();
    double[] out = new double[ordered.size() * dim];
    for (int i = 0; i < ordered.size(); i++) {
      float[] v = ordered.get(i).vector;
      for (int j = 0; j < dim; j++) {
        out[i * dim + j] = v[j];
      }
    }
    return out;
  }

  private List<Entry> ordered() {
    List<Entry> list = new ArrayList<>(kept);
    list.sort(LARGEST_FIRST.reversed());
    return list;
  }

  /** SplitMix64 of the seed and a 64-bit FNV-1a hash of the id. */
  static long key(long seed, String id) {
    long h = 0xcbf29ce484222325L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    long z = h + seed * 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return (z ^ (z >>> 31)) >>> 1; // non-negative, so plain comparison orders it
  }

  /** Largest key first (then largest id), so the heap's head is the entry to evict. Serializable, unlike a lambda. */
  private static final class LargestFirst implements Comparator<Entry>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Entry a, Entry b) {
      int byKey = Long.compare(b.key, a.key);
      return byKey != 0 ? byKey : b.id.compareTo(a.id);
    }
  }

  private static final class Entry implements Serializable {
    private static final long serialVersionUID = 1L;
    final long key;
    final String id;
    final float[] vector;

    Entry(long key, String id, float[] vector) {
      this.key = key;
      this.id = id;
      this.vector = vector;
    }
  }
}
