package llmops.udfs.linalg;

/** Rows (n x dim, row-major) and their column means, for the computations that work on centred data. */
public final class Centred {
  private Centred() {}

  public static double[] columnMeans(double[] rows, int n, int dim) {
    double[] mean = new double[dim];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < dim; j++) {
        mean[j] += rows[i * dim + j];
      }
    }
    for (int j = 0; j < dim; j++) {
      mean[j] /= n;
    }
    return mean;
  }

  /** A copy of the rows with {@code mean} subtracted from each. */
  public static double[] rows(double[] rows, int n, int dim, double[] mean) {
    double[] centred = new double[n * dim];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < dim; j++) {
        centred[i * dim + j] = rows[i * dim + j] - mean[j];
      }
    }
    return centred;
  }
}
