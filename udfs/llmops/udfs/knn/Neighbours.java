package llmops.udfs.knn;

import java.io.Serializable;

/**
 * The k nearest reference rows of each query, nearest first (equal distances by reference index).
 *
 * @param distances row-major, queries x k: Euclidean (not squared) or cosine distances
 * @param ids the neighbours' indices in the reference, in the same layout
 * @param comparisons query-row pairs the search compared (queries x reference size for brute force)
 */
public record Neighbours(int k, double[] distances, long[] ids, long comparisons) implements Serializable {

  public int queries() {
    return distances.length / k;
  }

  public double distance(int query, int rank) {
    return distances[query * k + rank];
  }

  public long id(int query, int rank) {
    return ids[query * k + rank];
  }

  /** The distance to the k-th nearest reference row: the query's kNN distance. */
  public double kth(int query) {
    return distances[query * k + k - 1];
  }

  /** Every query's kNN distance. */
  public double[] kthDistances() {
    double[] out = new double[queries()];
    for (int q = 0; q < out.length; q++) {
      out[q] = kth(q);
    }
    return out;
  }

  /** The same neighbours with {@code offset} added to every index: a part of the reference searched on its own, placed in the whole. */
  public Neighbours shifted(long offset) {
    long[] out = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = ids[i] + offset;
    }
    return new Neighbours(k, distances, out, comparisons);
  }

  /**
   * The k nearest of both, per query, from the searches of two disjoint parts of a reference: so
   * the parts' answers combine into the whole's, exactly (equal distances by index, as in one search).
   */
  public Neighbours merge(Neighbours other) {
    if (other.k != k || other.distances.length != distances.length) {
      throw new IllegalArgumentException("merging " + other.queries() + " queries' " + other.k + " neighbours into " + queries() + " queries' " + k);
    }
    double[] outDistances = new double[distances.length];
    long[] outIds = new long[ids.length];
    for (int base = 0; base < distances.length; base += k) {
      int a = base;
      int b = base;
      for (int i = base; i < base + k; i++) {
        boolean fromThis = distances[a] < other.distances[b] || (distances[a] == other.distances[b] && ids[a] <= other.ids[b]);
        outDistances[i] = fromThis ? distances[a] : other.distances[b];
        outIds[i] = fromThis ? ids[a++] : other.ids[b++];
      }
    }
    return new Neighbours(k, outDistances, outIds, comparisons + other.comparisons);
  }
}
