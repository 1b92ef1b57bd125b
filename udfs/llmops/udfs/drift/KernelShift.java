package llmops.udfs.drift;

import java.util.Arrays;
import llmops.udfs.linalg.Dots;

/**
 * The squared maximum mean discrepancy between two samples under a Gaussian kernel (Gretton et al.
 * 2012; alibi-detect's {@code MMDDrift}, the usual two-sample test on embeddings): the distance
 * between the samples' mean embeddings in the kernel's feature space, zero exactly when the
 * distributions are equal. Unlike the statistics of the baseline's clusters it sees any change of
 * the distribution, also one inside the clusters; unlike the domain classifier it needs no fit.
 * The kernel is {@code exp(-|x - y|^2 / scale)} with {@code scale} the median squared distance
 * between rows of the reference (the median heuristic, alibi-detect's default bandwidth). The
 * estimate is the unbiased one: {@code mean k(x, x') + mean k(y, y') - 2 mean k(x, y)} over pairs of
 * distinct rows.
 */
public final class KernelShift {
  /** The median heuristic looks at the pairs among at most this many reference rows. */
  static final int BANDWIDTH_ROWS = 1000;
  private static final int BLOCK = 512;

  private final double scale;

  private KernelShift(double scale) {
    this.scale = scale;
  }

  /** The kernel whose scale is the median squared distance between distinct rows among the first {@value #BANDWIDTH_ROWS} of these. */
  public static KernelShift ofMedianHeuristic(double[] rows, int n, int dim) {
    int m = Math.min(n, BANDWIDTH_ROWS);
    if (m < 2) {
      throw new IllegalArgumentException("a kernel's bandwidth needs at least 2 reference rows, got " + n);
    }
    double[] squared = new double[m * (m - 1) / 2];
    int at = 0;
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        squared[at++] = Dots.squaredDistance(rows, i * dim, rows, j * dim, dim);
      }
    }
    Arrays.sort(squared);
    double median = squared.length % 2 == 1 ? squared[squared.length / 2] : (squared[squared.length / 2 - 1] + squared[squared.length / 2]) / 2;
    // Identical rows only: any positive scale gives the same, degenerate answer.
    return new KernelShift(median > 0 ? median : 1);
  }

  /** The kernel's scale: the median squared distance it divides by. */
  public double scale() {
    return scale;
  }

  /** The unbiased squared MMD between row-major samples {@code x} ({@code nx} rows) and {@code y} ({@code ny} rows); NaN with fewer than 2 rows a side. */
  public double mmd(double[] x, int nx, double[] y, int ny, int dim) {
    if (nx < 2 || ny < 2) {
      return Double.NaN;
    }
    double xx = kernelSum(x, nx, x, nx, dim, true);
    double yy = kernelSum(y, ny, y, ny, dim, true);
    double xy = kernelSum(x, nx, y, ny, dim, false);
    return unbiased(xx, nx, yy, ny, xy);
  }

  /**
   * The kernel between every pair of {@code n} rows, for the squared MMD of many splits of them into
   * two sides: each split then costs a sum over its smaller side's pairs, not a pass over the rows.
   */
  public Gram gram(double[] rows, int n, int dim) {
    float[] k = new float[n * n];
    double[] norms = Dots.squaredNorms(rows, n, dim);
    for (int from = 0; from < n; from += BLOCK) {
      int count = Math.min(BLOCK, n - from);
      double[] dots = Dots.rowsTimesRows(rows, from, count, rows, 0, n, dim);
      for (int a = 0; a < count; a++) {
        int i = from + a;
        for (int j = 0; j < n; j++) {
          k[i * n + j] = i == j ? 1 : (float) kernel(norms[i] + norms[j] - 2 * dots[a * n + j]);
        }
      }
    }
    return new Gram(k, n);
  }

  /** The kernel between all pairs of some rows, with each row's total over all of them. */
  public static final class Gram {
    private final float[] k;
    private final int n;
    private final double[] rowTotals;
    private final double total;

    private Gram(float[] k, int n) {
      this.k = k;
      this.n = n;
      rowTotals = new double[n];
      double sum = 0;
      for (int i = 0; i < n; i++) {
        double row = 0;
        for (int j = 0; j < n; j++) {
          row += k[i * n + j];
        }
        rowTotals[i] = row;
        sum += row;
      }
      total = sum;
    }

    /** The unbiased squared MMD between rows {@code side} and all the other rows. */
    public double mmdAgainstRest(int[] side) {
      int a = side.length;
      int b = n - a;
      if (a < 2 || b < 2) {
        return Double.NaN;
      }
      int[] sorted = side.clone();
      Arrays.sort(sorted);
      double within = 0;
      double toAll = 0;
      for (int i : sorted) {
        toAll += rowTotals[i];
        int offset = i * n;
        for (int j : sorted) {
          within += k[offset + j];
        }
      }
      double across = toAll - within;
      double rest = total - within - 2 * across;
      return unbiased(within, a, rest, b, across);
    }
  }

  private double kernel(double squaredDistance) {
    return Math.exp(-Math.max(squaredDistance, 0) / scale);
  }

  /**
   * The sum of the kernel over {@code x} x {@code y}, in blocks of rows of {@code x}; with {@code same} (y is x) the diagonal
   * counts exactly 1, not what rounding in |x|^2 + |x|^2 - 2 x.x leaves of it.
   */
  private double kernelSum(double[] x, int nx, double[] y, int ny, int dim, boolean same) {
    double[] xNorms = Dots.squaredNorms(x, nx, dim);
    double[] yNorms = Dots.squaredNorms(y, ny, dim);
    double sum = 0;
    for (int from = 0; from < nx; from += BLOCK) {
      int count = Math.min(BLOCK, nx - from);
      double[] dots = Dots.rowsTimesRows(x, from, count, y, 0, ny, dim);
      for (int a = 0; a < count; a++) {
        for (int j = 0; j < ny; j++) {
          sum += same && from + a == j ? 1 : kernel(xNorms[from + a] + yNorms[j] - 2 * dots[a * ny + j]);
        }
      }
    }
    return sum;
  }

  /** From sums of the kernel over x x x and y x y (each with its diagonal of ones) and x x y. */
  private static double unbiased(double xx, int nx, double yy, int ny, double xy) {
    return (xx - nx) / ((double) nx * (nx - 1)) + (yy - ny) / ((double) ny * (ny - 1)) - 2 * xy / ((double) nx * ny);
  }
}
