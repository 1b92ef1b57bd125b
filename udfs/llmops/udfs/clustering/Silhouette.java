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

  /** scikit-learn's Euclidean silhouette over a sample held whole: each point against every other. */
  public static final class Euclidean implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Rows per BLAS call: bounds the distance matrix held at once to {@code CHUNK x n} doubles. */
    private static final int CHUNK = 256;

    private final double[] points;
    private final int n;
    private final int dim;
    private final int[] labels;
    private final int k;
    private final long[] clusterSizes;
    private final double[] norms;

    public Euclidean(double[] points, int n, int dim, int[] labels, int k) {
      this.points = points;
      this.n = n;
      this.dim = dim;
      this.labels = labels;
      this.k = k;
      this.clusterSizes = new long[k];
      for (int label : labels) {
        clusterSizes[label]++;
      }
      this.norms = Dots.squaredNorms(points, n, dim);
    }

    public int size() {
      return n;
    }

    /** Number of clusters with at least one point in the sample; the silhouette needs two. */
    public int populatedClusters() {
      int populated = 0;
      for (long s : clusterSizes) {
        populated += s > 0 ? 1 : 0;
      }
      return populated;
    }

    /** Silhouettes of points {@code [from, to)}, so the work can be split across tasks. */
    public Sum ofRange(int from, int to) {
      Sum out = new Sum();
      for (int start = from; start < to; start += CHUNK) {
        int rows = Math.min(CHUNK, to - start);
        double[] chunk = new double[rows * dim];
        System.arraycopy(points, start * dim, chunk, 0, rows * dim);
        double[] dots = Dots.rowsTimesRows(chunk, rows, points, n, dim);
        double[] clusterDistanceSums = new double[k];
        for (int r = 0; r < rows; r++) {
          int i = start + r;
          java.util.Arrays.fill(clusterDistanceSums, 0);
          for (int j = 0; j < n; j++) {
            if (j != i) {
              double squared = norms[i] + norms[j] - 2 * dots[r * n + j];
              clusterDistanceSums[labels[j]] += Math.sqrt(Math.max(0, squared));
            }
          }
          int own = labels[i];
          if (clusterSizes[own] == 1) {
            out.add(0);
            continue;
          }
          double a = clusterDistanceSums[own] / (clusterSizes[own] - 1);
          double b = Double.POSITIVE_INFINITY;
          for (int c = 0; c < k; c++) {
            if (c != own && clusterSizes[c] > 0) {
              b = Math.min(b, clusterDistanceSums[c] / clusterSizes[c]);
            }
          }
          out.add(coefficient(a, b));
        }
      }
      return out;
    }

    public double mean() {
      return ofRange(0, n).mean();
    }
  }
}
