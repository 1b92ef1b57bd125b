package llmops.udfs.linalg;

import dev.ludovic.netlib.blas.BLAS;

/** Dot products of every row of one matrix with every row of another, as one BLAS call. */
public final class Dots {
  private Dots() {}

  /**
   * Returns the {@code n1 x n2} row-major matrix of {@code x_i . y_j} for row-major {@code x}
   * ({@code n1 x dim}) and {@code y} ({@code n2 x dim}).
   */
  public static double[] rowsTimesRows(double[] x, int n1, double[] y, int n2, int dim) {
    return rowsTimesRows(x, 0, n1, y, 0, n2, dim);
  }

  /** The same for the rows starting at row {@code xFrom} of {@code x} and {@code yFrom} of {@code y}. */
  public static double[] rowsTimesRows(double[] x, int xFrom, int n1, double[] y, int yFrom, int n2, int dim) {
    double[] out = new double[n1 * n2];
    // Read as column-major, x is dim x n1 and y is dim x n2; y^T x is n2 x n1 column-major = n1 x n2 row-major.
    BLAS.getInstance().dgemm("T", "N", n2, n1, dim, 1.0, y, yFrom * dim, dim, x, xFrom * dim, dim, 0.0, out, 0, n2);
    return out;
  }

  public static double[] squaredNorms(double[] rows, int n, int dim) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      int off = i * dim;
      for (int j = 0; j < dim; j++) {
        s += rows[off + j] * rows[off + j];
      }
      out[i] = s;
    }
    return out;
  }

  public static double squaredDistance(double[] a, int aOffset, double[] b, int bOffset, int dim) {
    double s = 0;
    for (int j = 0; j < dim; j++) {
      double diff = a[aOffset + j] - b[bOffset + j];
      s += diff * diff;
    }
    return s;
  }
}
