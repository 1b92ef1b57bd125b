package llmops.udfs.knn;

import java.io.Serializable;

/**
 * Consecutive reference rows in one float32 array (row-major), with their exact norms and their
 * indices in the whole reference: a contiguous run of {@code firstId}, {@code firstId + 1}, ... when
 * {@code ids} is null, else {@code ids[row]}.
 */
record Segment(float[] values, int rows, double[] squaredNorms, double[] norms, long firstId, long[] ids) implements Serializable {

  static Segment of(float[] values, int rows, int dim, long firstId, long[] ids) {
    double[] squared = new double[rows];
    double[] norms = new double[rows];
    for (int r = 0; r < rows; r++) {
      squared[r] = Exact.squaredNorm(values, r * dim, dim);
      norms[r] = Math.sqrt(squared[r]);
    }
    return new Segment(values, rows, squared, norms, firstId, ids);
  }

  long id(int row) {
    return ids == null ? firstId + row : ids[row];
  }
}
