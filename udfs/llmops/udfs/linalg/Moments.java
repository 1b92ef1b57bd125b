package llmops.udfs.linalg;

import dev.ludovic.netlib.blas.BLAS;
import java.io.Serializable;
import llmops.udfs.vectors.VectorBlock;

/**
 * First and second moments of a set of vectors: count, sum and Gram matrix, taken about a fixed
 * shift (any one vector of the data) so that the covariance does not lose its digits to
 * cancellation when the mean is large next to the spread.
 *
 * <p>Partial moments of different blocks merge by addition, so one pass over the data gives the
 * full covariance.
 */
public final class Moments implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int dim;
  private final double[] shift;
  private long count;
  private final double[] sum;
  private final double[] gram; // column-major dim x dim

  public Moments(double[] shift) {
    this.dim = shift.length;
    this.shift = shift.clone();
    this.sum = new double[dim];
    this.gram = new double[dim * dim];
  }

  public void add(VectorBlock block) {
    int rows = block.rows();
    float[] v = block.values();
    double[] centred = new double[v.length];
    for (int r = 0; r < rows; r++) {
      int off = r * dim;
      for (int j = 0; j < dim; j++) {
        double x = v[off + j] - shift[j];
        centred[off + j] = x;
        sum[j] += x;
      }
    }
    // Read as column-major, `centred` is dim x rows; G += A * A^T sums the outer products of the rows.
    // dsyrk fills only the upper triangle, half of dgemm's work; covariance() mirrors it.
    BLAS.getInstance().dsyrk("U", "N", dim, rows, 1.0, centred, dim, 1.0, gram, dim);
    count += rows;
  }

  public Moments merge(Moments other) {
    if (other.dim != dim) {
      throw new IllegalArgumentException("cannot merge moments of dimension " + dim + " and " + other.dim);
    }
    count += other.count;
    for (int j = 0; j < dim; j++) {
      sum[j] += other.sum[j];
    }
    for (int i = 0; i < gram.length; i++) {
      gram[i] += other.gram[i];
    }
    return this;
  }

  public long count() {
    return count;
  }

  public int dim() {
    return dim;
  }

  public double[] mean() {
    double[] mean = new double[dim];
    for (int j = 0; j < dim; j++) {
      mean[j] = shift[j] + sum[j] / count;
    }
    return mean;
  }

  /** Sample covariance (divisor n - 1, as scikit-learn's explained_variance_), column-major. */
  public double[] covariance() {
    if (count < 2) {
      throw new IllegalStateException("the covariance needs at least 2 vectors, got " + count);
    }
    double[] cov = new double[dim * dim];
    for (int col = 0; col < dim; col++) {
      for (int row = 0; row <= col; row++) {
        // Column-major upper triangle: element (row, col) is at col * dim + row.
        double centred = (gram[col * dim + row] - sum[row] * sum[col] / count) / (count - 1);
        cov[col * dim + row] = centred;
        cov[row * dim + col] = centred;
      }
    }
    return cov;
  }

}
