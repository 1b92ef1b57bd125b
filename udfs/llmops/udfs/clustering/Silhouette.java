package llmops.udfs.clustering;

import java.io.Serializable;
import llmops.udfs.linalg.Dots;
import llmops.udfs.vectors.VectorBlock;

/**
 * The two silhouettes users meet, computed exactly:
 *
 * <ul>
 *   <li>{@link SquaredEuclidean}: Spark MLlib's {@code ClusteringEvaluator} default (what the AWS
 *       sample reports as {@code score}): distances are squared, and the mean squared distance to
 *       a cluster comes from that cluster's sums, so every point counts at O(k) cost.
 *   <li>{@link Euclidean}: scikit-learn's {@code silhouette_score} default, with plain Euclidean
 *       distances, which needs all pairwise distances and so runs on a seeded sample.
 * </ul>
 *
 * Both score a point in a cluster of one as 0, as both libraries do.
 */
public final class Silhouette {
  private Silhouette() {}

  /** s = (b - a) / max(a, b), written as MLlib and scikit-learn both evaluate it. */
  static double coefficient(double a, double b) {
    if (a < b) {
      return 1 - a / b;
    }
    if (a > b) {
      return b / a - 1;
    }
    return 0;
  }

  /** Running sum of per-point silhouettes; merges by addition. */
  public static final class Sum implements Serializable {
    private static final long serialVersionUID = 1L;
    private double sum;
    private long count;

    void add(double s) {
      sum += s;
      count++;
    }

    public Sum merge(Sum o) {
      sum += o.sum;
      count += o.count;
      return this;
    }

    public long count() {
      return count;
    }

    /** The mean silhouette, or NaN when there are no points. */
    public double mean() {
      return count == 0 ? Double.NaN : sum / count;
    }
  }

  /** MLlib's squared-Euclidean silhouette of every point of a block, from the final cluster statistics. */
  public static final class SquaredEuclidean {
    private SquaredEuclidean() {}

    public static Sum of(VectorBlock block, Centroids centroids, ClusterStats stats) {
      int k = centroids.k();
      int dim = centroids.dim();
      double[] x = block.valuesAsDoubles();
      int[] labels = centroids.assign(block, x, null);
      double[] dots = Dots.rowsTimesRows(x, block.rows(), stats.sumsMatrix(), k, dim);
      double[] norms = Dots.squaredNorms(x, block.rows(), dim);
      Sum out = new Sum();
      for (int r = 0; r < block.rows(); r++) {
        int own = labels[r];
        long ownCount = stats.count(own);
        if (ownCount == 1) {
          out.add(0);
          continue;
        }
        double a = meanSquaredDistance(norms[r], dots[r * k + own], stats, own) * ownCount / (ownCount - 1);
        double b = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          if (c != own && stats.count(c) > 0) {
            b = Math.min(b, meanSquaredDistance(norms[r], dots[r * k + c], stats, c));
          }
        }
        out.add(coefficient(a, b));
      }
      return out;
    }

    /** Mean of |x - y|^2 over the points y of cluster c, from |x|^2, x . sum(y), sum(|y|^2). */
    private static double meanSquaredDistance(double xNorm, double xDotSum, ClusterStats stats, int c) {
      long n = stats.count(c);
      return xNorm + stats.squaredNormSum(c) / n - 2 * xDotSum / n;
    }
  }

  /**
   * scikit-learn's Euclidean silhouette over a sample held whole: each point against every other.
   * The pairwise distances are symmetric, so each pair is computed once and credited to both points;
   * the work is cut into chunks of rows that tasks take in turn ({@link #distanceSums}), and the
   * per-point sums they return add up to what {@link #silhouettes} needs.
   */
  public static final class Euclidean implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] points;
    private final int n;
    private final int dim;
    private final int[] labels;
    private final int k;
    private final int chunk;
    private final long[] clusterSizes;
    private final double[] norms;

    public Euclidean(double[] points, int n, int dim, int[] labels, int k) {
      this(points, n, dim, labels, k, 256);
    }

    /** {@code chunk} rows per BLAS call bound the distance block held at once to {@code chunk x n} doubles. */
    Euclidean(double[] points, int n, int dim, int[] labels, int k, int chunk) {
      this.points = points;
      this.n = n;
      this.dim = dim;
      this.labels = labels;
      this.k = k;
      this.chunk = chunk;
      this.clusterSizes = new long[k];
      for (int label : labels) {
        clusterSizes[label]++;
      }
      this.norms = Dots.squaredNorms(points, n, dim);
    }

    /** Number of clusters with at least one point in the sample; the silhouette needs two. */
    public int populatedClusters() {
      int populated = 0;
      for (long s : clusterSizes) {
        populated += s > 0 ? 1 : 0;
      }
      return populated;
    }

    public int chunks() {
      return (n + chunk - 1) / chunk;
    }

    /**
     * Per point and cluster, the summed distances of the pairs (i, j), i &lt; j, whose row i lies in
     * chunks {@code first, first + stride, ...}; the partials of strides 0..stride-1 add up to all pairs.
     */
    public DistanceSums distanceSums(int first, int stride) {
      DistanceSums out = new DistanceSums(n, k);
      double[] sums = out.sums;
      for (int start = first * chunk; start < n; start += stride * chunk) {
        int rows = Math.min(chunk, n - start);
        int columns = n - start;
        double[] dots = Dots.rowsTimesRows(points, start, rows, points, start, columns, dim);
        for (int r = 0; r < rows; r++) {
          int i = start + r;
          for (int c = r + 1; c < columns; c++) {
            int j = start + c;
            double distance = Math.sqrt(Math.max(0, norms[i] + norms[j] - 2 * dots[r * columns + c]));
            sums[i * k + labels[j]] += distance;
            sums[j * k + labels[i]] += distance;
          }
        }
      }
      return out;
    }

    /** The silhouette of every point from its complete distance sums. */
    public Sum silhouettes(DistanceSums complete) {
      Sum out = new Sum();
      for (int i = 0; i < n; i++) {
        int own = labels[i];
        if (clusterSizes[own] == 1) {
          out.add(0);
          continue;
        }
        double a = complete.sums[i * k + own] / (clusterSizes[own] - 1);
        double b = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          if (c != own && clusterSizes[c] > 0) {
            b = Math.min(b, complete.sums[i * k + c] / clusterSizes[c]);
          }
        }
        out.add(coefficient(a, b));
      }
      return out;
    }

    public double mean() {
      return silhouettes(distanceSums(0, 1)).mean();
    }
  }

  /** Per-point sums of distances to each cluster (n x k); partial sums merge by addition. */
  public static final class DistanceSums implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] sums;

    DistanceSums(int n, int k) {
      sums = new double[n * k];
    }

    public DistanceSums merge(DistanceSums other) {
      for (int i = 0; i < sums.length; i++) {
        sums[i] += other.sums[i];
      }
      return this;
    }
  }
}
