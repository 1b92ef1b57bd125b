package llmops.udfs.linalg;

import dev.ludovic.netlib.lapack.LAPACK;
import java.util.Arrays;
import org.netlib.util.intW;

/**
 * The principal components' share of the variance, from the eigenvalues of the covariance matrix.
 *
 * <p>Only the eigenvalues are needed to count components, so no eigenvectors are computed.
 */
public final class VarianceProfile {
  private final double[] explainedVariance; // descending
  private final double[] ratio;
  private final double[] cumulative;
  private final double total;

  private VarianceProfile(double[] explainedVariance) {
    this(explainedVariance, plainSum(explainedVariance));
  }

  /** Left to right, as the ratios have always been computed (DoubleStream.sum compensates, and would change their last bits). */
  private static double plainSum(double[] values) {
    double total = 0;
    for (double v : values) {
      total += v;
    }
    return total;
  }

  private VarianceProfile(double[] explainedVariance, double total) {
    this.explainedVariance = explainedVariance;
    this.total = total;
    ratio = new double[explainedVariance.length];
    cumulative = new double[explainedVariance.length];
    double running = 0;
    for (int i = 0; i < ratio.length; i++) {
      ratio[i] = total > 0 ? explainedVariance[i] / total : 0;
      running += ratio[i];
      cumulative[i] = running;
    }
  }

  /**
   * From the leading components' shares of the total variance, as Spark MLlib's PCA reports them
   * ({@code PCAModel.explainedVariance}): a PCA capped below the dimension leaves shares that sum
   * to less than 1, and they stay shares of the whole (the total variance counts as 1).
   */
  public static VarianceProfile ofLeadingRatios(double[] ratios) {
    return new VarianceProfile(ratios.clone(), 1.0);
  }

  /** From a symmetric covariance matrix (column-major, dim x dim); the input is not modified. */
  public static VarianceProfile ofCovariance(double[] covariance, int dim) {
    return new VarianceProfile(eigenvaluesDescending(covariance, dim, dim));
  }

  /**
   * From the rows themselves when there are fewer rows than dimensions (n x dim, row-major): the
   * covariance's non-zero eigenvalues are those of the n x n Gram matrix of the centred rows, a
   * far smaller problem (600 vectors of 4096 dimensions: a 600 x 600 matrix instead of 4096 x 4096).
   */
  public static VarianceProfile ofFewRows(double[] rows, int n, int dim) {
    double[] centred = Centred.rows(rows, n, dim, Centred.columnMeans(rows, n, dim));
    double[] gram = Dots.rowsTimesRows(centred, n, centred, n, dim);
    for (int i = 0; i < gram.length; i++) {
      gram[i] /= n - 1;
    }
    return new VarianceProfile(eigenvaluesDescending(gram, n, dim));
  }

  /** Eigenvalues of a symmetric size x size matrix, largest first, padded with zeros to {@code length}. */
  private static double[] eigenvaluesDescending(double[] symmetric, int size, int length) {
    double[] a = symmetric.clone();
    int dim = size;
    double[] eigenvalues = new double[dim];
    intW info = new intW(0);
    double[] query = new double[1];
    LAPACK lapack = LAPACK.getInstance();
    lapack.dsyev("N", "U", dim, a, dim, eigenvalues, query, -1, info);
    double[] work = new double[Math.max(1, (int) query[0])];
    lapack.dsyev("N", "U", dim, a, dim, eigenvalues, work, work.length, info);
    if (info.val != 0) {
      throw new ArithmeticException("the eigenvalue decomposition did not converge (LAPACK dsyev info=" + info.val + ")");
    }
    double[] descending = new double[Math.max(length, dim)];
    for (int i = 0; i < dim; i++) {
      // Rounding can leave the smallest eigenvalues a hair below zero; a variance cannot be.
      descending[i] = Math.max(0, eigenvalues[dim - 1 - i]);
    }
    return Arrays.copyOf(descending, length);
  }

  /** Total variance: the sum of the per-feature variances (the covariance's trace). */
  public double totalVariance() {
    return total;
  }

  /**
   * How many components explain more than {@code target} of the variance, counted as
   * scikit-learn's {@code PCA(n_components=target)} counts them: the first k whose cumulative
   * ratio exceeds the target (searchsorted, side="right").
   */
  public int componentsFor(double target) {
    for (int i = 0; i < cumulative.length; i++) {
      if (cumulative[i] > target) {
        return i + 1;
      }
    }
    return cumulative.length;
  }

  public double[] explainedVariance() {
    return explainedVariance.clone();
  }

  public double[] ratio() {
    return ratio.clone();
  }

  public double[] cumulative() {
    return cumulative.clone();
  }

  /** The cumulative curve up to and including the first point at or past {@code upTo}: the part worth plotting. */
  public double[] cumulativeUpTo(double upTo) {
    int n = Math.min(cumulative.length, componentsFor(upTo));
    return Arrays.copyOf(cumulative, n);
  }
}
