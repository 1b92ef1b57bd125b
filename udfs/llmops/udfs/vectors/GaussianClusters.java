package llmops.udfs.vectors;

import java.io.Serializable;
import java.util.Random;

/**
 * Synthetic embeddings with a known answer: well-separated Gaussian clusters. Used by the demo,
 * the tests and the benchmark. The centres depend only on the seed, so a BASELINE and a drifted
 * SNAPSHOT generated with the same seed share their clusters; drift is injected as a global shift
 * and/or a share of points drawn from one extra cluster the baseline never had.
 */
public final class GaussianClusters implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int dim;
  private final int clusters;
  private final double noise;
  private final double[] centres; // (clusters + 1) x dim: the last is the drift-only cluster
  private final double newClusterShare;
  private final double shift;
  private final double[] cumulativeWeights; // null: every cluster equally likely

  public GaussianClusters(int dim, int clusters, double separation, double noise, long seed, double newClusterShare, double shift) {
    this(dim, clusters, separation, noise, seed, newClusterShare, shift, null);
  }

  /** {@code weights}: the relative frequency of each of the {@code clusters} clusters (drift in proportions only). */
  public GaussianClusters(int dim, int clusters, double separation, double noise, long seed, double newClusterShare, double shift,
      double[] weights) {
    if (dim < 1 || clusters < 1 || newClusterShare < 0 || newClusterShare > 1) {
      throw new IllegalArgumentException("need dim >= 1, clusters >= 1 and a new-cluster share in [0, 1]");
    }
    this.dim = dim;
    this.clusters = clusters;
    this.noise = noise;
    this.newClusterShare = newClusterShare;
    this.shift = shift;
    this.cumulativeWeights = weights == null ? null : cumulative(weights, clusters);
    Random random = new Random(seed);
    centres = new double[(clusters + 1) * dim];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = random.nextGaussian() * separation;
    }
  }

  public int dim() {
    return dim;
  }

  /** Fills {@code out} with one vector; which cluster it came from is returned (clusters = the new one). */
  public int next(Random random, float[] out) {
    int cluster = random.nextDouble() < newClusterShare ? clusters : cumulativeWeights == null ? random.nextInt(clusters) : weighted(random);
    for (int j = 0; j < dim; j++) {
      out[j] = (float) (centres[cluster * dim + j] + shift + noise * random.nextGaussian());
    }
    return cluster;
  }

  private int weighted(Random random) {
    double u = random.nextDouble();
    for (int c = 0; c < clusters - 1; c++) {
      if (u < cumulativeWeights[c]) {
        return c;
      }
    }
    return clusters - 1;
  }

  private static double[] cumulative(double[] weights, int clusters) {
    if (weights.length != clusters) {
      throw new IllegalArgumentException(clusters + " clusters need " + clusters + " weights, got " + weights.length);
    }
    double total = 0;
    for (double w : weights) {
      if (!(w >= 0)) {
        throw new IllegalArgumentException("cluster weights must be non-negative, got " + w);
      }
      total += w;
    }
    if (total <= 0) {
      throw new IllegalArgumentException("cluster weights must not all be zero");
    }
    double[] out = new double[clusters];
    double running = 0;
    for (int c = 0; c < clusters; c++) {
      running += weights[c] / total;
      out[c] = running;
    }
    return out;
  }

  /** Whether {@link #next}'s cluster number is the drift-only cluster the baseline never had. */
  public boolean isNewCluster(int cluster) {
    return cluster == clusters;
  }

  public double[] centre(int cluster) {
    double[] c = new double[dim];
    System.arraycopy(centres, cluster * dim, c, 0, dim);
    return c;
  }
}
