package llmops.udfs.knn;

import dev.ludovic.netlib.blas.BLAS;
import llmops.udfs.distance.CentroidDistances.Metric;

/**
 * Offers reference rows to queries' heaps, exactly, at the speed of a float32 matrix product.
 *
 * <p>One SGEMM gives the dot products of a tile of queries with a tile of rows. From them each
 * pair's ranked distance is estimated, and only a pair whose estimate, less a proven bound on its
 * rounding error, does not exceed the query's current k-th distance has its distance computed
 * directly in double precision and offered. Any float32 dot product of n terms, whatever the order
 * of summation and with or without fused multiply-adds, is within γ(n) |q| |r| of the true one,
 * γ(n) = n u / (1 - n u), u = 2^-24 (Higham, Accuracy and Stability of Numerical Algorithms,
 * §3.1); so no row that belongs among the k nearest is ever screened out, and every reported
 * distance is the direct one.
 */
final class TileScan {
  static final int TILE_QUERIES = 1024;
  static final int TILE_ROWS = 512;
  /** Relative allowance for the double-precision arithmetic of the estimate itself (far above its ~1e-15). */
  private static final double DOUBLE_SLACK = 1e-12;

  private final int dim;
  private final Metric metric;
  private final double gamma;
  private final float[] products = new float[TILE_QUERIES * TILE_ROWS];
  private long comparisons;

  TileScan(int dim, Metric metric) {
    this.dim = dim;
    this.metric = metric;
    double nu = dim * 0x1p-24;
    this.gamma = nu / (1 - nu);
  }

  long comparisons() {
    return comparisons;
  }

  /**
   * Offers every row of a segment to up to {@link #TILE_QUERIES} queries: rows {@code [from, from +
   * count)} of {@code tile}, which are the queries {@code queryIds[i]} (or {@code from + i} when
   * queryIds is null) of {@code queries}.
   */
  void scan(float[] tile, int from, int count, int[] queryIds, Queries queries, Segment segment, NeighbourHeaps heaps) {
    float[] rows = segment.values();
    for (int rowFrom = 0; rowFrom < segment.rows(); rowFrom += TILE_ROWS) {
      int rowCount = Math.min(TILE_ROWS, segment.rows() - rowFrom);
      // Column-major, the rows are dim x rowCount and the queries dim x count: products = rows^T queries,
      // rowCount x count column-major, i.e. count x rowCount row-major.
      BLAS.getInstance().sgemm("T", "N", rowCount, count, dim, 1f, rows, rowFrom * dim, dim, tile, from * dim, dim, 0f,
          products, 0, rowCount);
      comparisons += (long) rowCount * count;
      for (int i = 0; i < count; i++) {
        int q = queryIds == null ? from + i : queryIds[i];
        if (metric == Metric.EUCLIDEAN) {
          euclidean(q, i * rowCount, rowFrom, rowCount, queries, segment, heaps);
        } else {
          cosine(q, i * rowCount, rowFrom, rowCount, queries, segment, heaps);
        }
      }
    }
  }

  private void euclidean(int q, int productFrom, int rowFrom, int rowCount, Queries queries, Segment segment, NeighbourHeaps heaps) {
    double bound = heaps.bound(q);
    double qq = queries.squaredNorms()[q];
    double dotError = 2 * gamma * queries.norms()[q];
    double[] squaredNorms = segment.squaredNorms();
    double[] norms = segment.norms();
    for (int r = 0; r < rowCount; r++) {
      int row = rowFrom + r;
      double rr = squaredNorms[row];
      double estimate = qq + rr - 2.0 * products[productFrom + r];
      double lowest = estimate - dotError * norms[row] - DOUBLE_SLACK * (qq + rr);
      // Written so that a NaN estimate (a float overflow) is computed directly rather than dropped.
      if (!(lowest > bound)) {
        double exact = Exact.squaredDistance(queries.values(), q * dim, segment.values(), row * dim, dim);
        if (heaps.offer(q, exact, segment.id(row))) {
          bound = heaps.bound(q);
        }
      }
    }
  }

  private void cosine(int q, int productFrom, int rowFrom, int rowCount, Queries queries, Segment segment, NeighbourHeaps heaps) {
    double bound = heaps.bound(q);
    double qNorm = queries.norms()[q];
    double[] norms = segment.norms();
    for (int r = 0; r < rowCount; r++) {
      int row = rowFrom + r;
      double rNorm = norms[row];
      double denominator = qNorm * rNorm;
      double lowest = denominator == 0 ? 1 : 1 - products[productFrom + r] / denominator - gamma - DOUBLE_SLACK;
      if (!(lowest > bound)) {
        double exact = Exact.cosineDistance(queries.values(), q * dim, qNorm, segment.values(), row * dim, rNorm, dim);
        if (heaps.offer(q, exact, segment.id(row))) {
          bound = heaps.bound(q);
        }
      }
    }
  }
}
