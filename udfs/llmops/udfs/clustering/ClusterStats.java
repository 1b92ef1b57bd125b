package llmops.udfs.clustering;

import java.io.Serializable;
import llmops.udfs.vectors.VectorBlock;

/**
 * Per-cluster sufficient statistics of the data under a set of centres: counts, sums of vectors
 * and of squared norms, squared and plain distances to the centre. Partial statistics of blocks
 * merge by addition, so one pass gives Lloyd's next centres, the inertia, and everything the
 * squared-Euclidean silhouette needs.
 */
public final class ClusterStats implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int k;
  private final int dim;
  private final long[] counts;
  private final double[] sums; // k x dim
  private final double[] squaredNormSums;
  private final double[] squaredDistanceSums;
  private final double[] distanceSums;
  private final double[] maxDistances;

  public ClusterStats(int k, int dim) {
    this.k = k;
    this.dim = dim;
    counts = new long[k];
    sums = new double[k * dim];
    squaredNormSums = new double[k];
    squaredDistanceSums = new double[k];
    distanceSums = new double[k];
    maxDistances = new double[k];
  }

  public void add(VectorBlock block, Centroids centroids) {
    double[] x = block.valuesAsDoubles();
    double[] squaredDistances = new double[block.rows()];
    int[] labels = centroids.assign(block, x, squaredDistances);
    for (int r = 0; r < block.rows(); r++) {
      int c = labels[r];
      counts[c]++;
      int off = r * dim;
      int sumOff = c * dim;
      double norm = 0;
      for (int j = 0; j < dim; j++) {
        sums[sumOff + j] += x[off + j];
        norm += x[off + j] * x[off + j];
      }
      squaredNormSums[c] += norm;
      squaredDistanceSums[c] += squaredDistances[r];
      double distance = Math.sqrt(squaredDistances[r]);
      distanceSums[c] += distance;
      maxDistances[c] = Math.max(maxDistances[c], distance);
    }
  }

  public ClusterStats merge(ClusterStats o) {
    for (int c = 0; c < k; c++) {
      counts[c] += o.counts[c];
      squaredNormSums[c] += o.squaredNormSums[c];
      squaredDistanceSums[c] += o.squaredDistanceSums[c];
      distanceSums[c] += o.distanceSums[c];
      maxDistances[c] = Math.max(maxDistances[c], o.maxDistances[c]);
    }
    for (int i = 0; i < sums.length; i++) {
      sums[i] += o.sums[i];
    }
    return this;
  }

  public int k() {
    return k;
  }

  public long count(int c) {
    return counts[c];
  }

  public long[] counts() {
    return counts.clone();
  }

  public long total() {
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    return n;
  }

  public double sum(int c, int j) {
    return sums[c * dim + j];
  }

  public double[] sumsMatrix() {
    return sums.clone();
  }

  public double squaredNormSum(int c) {
    return squaredNormSums[c];
  }

  /** Sum of squared distances to the nearest centre: K-Means' objective, scikit-learn's inertia_. */
  public double inertia() {
    double s = 0;
    for (double v : squaredDistanceSums) {
      s += v;
    }
    return s;
  }

  /** The mean of all the points, whatever their cluster. */
  public double[] mean() {
    double[] mean = new double[dim];
    long n = total();
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < dim; j++) {
        mean[j] += sums[c * dim + j];
      }
    }
    for (int j = 0; j < dim; j++) {
      mean[j] = n == 0 ? 0 : mean[j] / n;
    }
    return mean;
  }

  public double meanDistance(int c) {
    return counts[c] == 0 ? 0 : distanceSums[c] / counts[c];
  }

  public double maxDistance(int c) {
    return maxDistances[c];
  }

  /**
   * Lloyd's update: each centre moves to the mean of its points; a centre that lost all its points
   * stays where it was (as Spark MLlib does) rather than jumping somewhere arbitrary.
   */
  public Centroids nextCentroids(Centroids previous) {
    double[] next = previous.values();
    for (int c = 0; c < k; c++) {
      if (counts[c] > 0) {
        for (int j = 0; j < dim; j++) {
          next[c * dim + j] = sums[c * dim + j] / counts[c];
        }
      }
    }
    return new Centroids(k, dim, next);
  }

  /** Sum over centres of the squared distance each moved: scikit-learn's convergence measure. */
  public static double squaredShift(Centroids a, Centroids b) {
    double[] x = a.values();
    double[] y = b.values();
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += (x[i] - y[i]) * (x[i] - y[i]);
    }
    return s;
  }
}
