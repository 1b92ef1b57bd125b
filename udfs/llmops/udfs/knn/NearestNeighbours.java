package llmops.udfs.knn;

import llmops.udfs.distance.CentroidDistances.Metric;

/** An exact k-nearest-neighbour search over a fixed set of reference vectors. */
public interface NearestNeighbours {
  int dim();

  long size();

  /** The k nearest reference rows of each of {@code rows} float32 queries (row-major in {@code queries}). */
  Neighbours search(float[] queries, int rows, int k, Metric metric);

  /** The default number of neighbours. */
  int DEFAULT_K = 10;

  static void check(NearestNeighbours search, int k) {
    if (k < 1 || k > search.size()) {
      throw new IllegalArgumentException("k must be between 1 and the reference's " + search.size() + " vectors, got " + k);
    }
  }
}
