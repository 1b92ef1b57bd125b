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
}
