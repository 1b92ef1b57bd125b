package llmops.udfs.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * The leading principal axes of a sample of rows (n x dim, row-major): the unit eigenvectors of its
 * covariance with the largest eigenvalues, and the projection of any rows onto them.
 *
 * <p>The eigenproblem is solved on the smaller of the covariance (dim x dim) and the Gram matrix of
 * the centred rows (n x n); both have the same non-zero eigenvalues, and an eigenvector u of the Gram
 * matrix gives the axis X^T u / |X^T u|.
 */
public final class PrincipalAxes {
  private final int dim;
  private final int count;
  private final double[] mean;
  private final double[] axes; // count x dim, row-major, the largest eigenvalue first
  private final double[] variances;

  private PrincipalAxes(int dim, double[] mean, double[] axes, double[] variances) {
    this.dim = dim;
    this.count = variances.length;
    this.mean = mean;
    this.axes = axes;
    this.variances = variances;
  }

  /** The {@code wanted} leading axes, or fewer when the sample spans fewer dimensions. */
  public static PrincipalAxes of(double[] rows, int n, int dim, int wanted) {
    if (n < 2) {
      throw new IllegalArgumentException("principal axes need at least 2 rows, got " + n);
    }
    double[] mean = Centred.columnMeans(rows, n, dim);
    double[] centred = Centred.rows(rows, n, dim, mean);
    int size = Math.min(n, dim);
    int count = Math.max(1, Math.min(wanted, size - (n <= dim ? 1 : 0)));
    double[] matrix = new double[size * size];
    // Read column-major, `centred` is dim x n (A). Covariance: A A^T / (n-1); Gram: A^T A / (n-1).
    if (n > dim) {
      BLAS.getInstance().dsyrk("U", "N", dim, n, 1.0 / (n - 1), centred, dim, 0.0, matrix, dim);
    } else {
      BLAS.getInstance().dsyrk("U", "T", n, dim, 1.0 / (n - 1), centred, dim, 0.0, matrix, n);
    }
    double[] eigenvalues = new double[size];
    double[] vectors = new double[size * count];
    largestEigenpairs(matrix, size, count, eigenvalues, vectors);

    double[] axes = new double[count * dim];
    double[] variances = new double[count];
    for (int a = 0; a < count; a++) {
      // dsyevr returns ascending order: the largest is the last one computed.
      int source = count - 1 - a;
      variances[a] = Math.max(0, eigenvalues[source]);
      if (n > dim) {
        System.arraycopy(vectors, source * size, axes, a * dim, dim);
      } else {
        double norm = 0;
        for (int j = 0; j < dim; j++) {
          double v = 0;
          for (int i = 0; i < n; i++) {
            v += centred[i * dim + j] * vectors[source * size + i];
          }
          axes[a * dim + j] = v;
          norm += v * v;
        }
        norm = Math.sqrt(norm);
        for (int j = 0; j < dim; j++) {
          axes[a * dim + j] = norm > 0 ? axes[a * dim + j] / norm : 0;
        }
      }
    }
    return new PrincipalAxes(dim, mean, axes, variances);
  }

  /** The {@code count} largest eigenpairs of a symmetric matrix (upper triangle, column-major), ascending. */
  private static void largestEigenpairs(double[] symmetric, int size, int count, double[] eigenvalues, double[] vectors) {
    LAPACK lapack = LAPACK.getInstance();
    intW found = new intW(0);
    intW info = new intW(0);
    int[] support = new int[2 * size];
    double[] workQuery = new double[1];
    int[] iworkQuery = new int[1];
    lapack.dsyevr("V", "I", "U", size, symmetric, size, 0, 0, size - count + 1, size, 0.0, found, eigenvalues, vectors, size,
        support, workQuery, -1, iworkQuery, -1, info);
    double[] work = new double[(int) workQuery[0]];
    int[] iwork = new int[iworkQuery[0]];
    lapack.dsyevr("V", "I", "U", size, symmetric, size, 0, 0, size - count + 1, size, 0.0, found, eigenvalues, vectors, size,
        support, work, work.length, iwork, iwork.length, info);
    if (info.val != 0) {
      throw new ArithmeticException("the eigenvalue decomposition did not converge (LAPACK dsyevr info=" + info.val + ")");
    }
  }

  public int count() {
    return count;
  }

  /** Variance of the sample along each axis, the largest first. */
  public double[] variances() {
    return variances.clone();
  }

  /** Unit axis {@code a} (0 = the largest variance). */
  public double[] axis(int a) {
    return java.util.Arrays.copyOfRange(axes, a * dim, (a + 1) * dim);
  }

  /** Coordinates of rows (n x dim) along the axes, centred on the sample's mean: component-major, count x n. */
  public double[] project(double[] rows, int n) {
    double[] out = new double[count * n];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < count; a++) {
        double s = 0;
        for (int j = 0; j < dim; j++) {
          s += (rows[i * dim + j] - mean[j]) * axes[a * dim + j];
        }
        out[a * n + i] = s;
      }
    }
    return out;
  }
}
