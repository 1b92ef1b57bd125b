package llmops.udfs.drift;

import java.util.Arrays;
import java.util.Random;
import llmops.udfs.clustering.Centroids;
import llmops.udfs.clustering.ClusterStats;
import llmops.udfs.clustering.KMeansPlusPlus;
import llmops.udfs.clustering.Lloyd;
import llmops.udfs.vectors.GaussianClusters;
import llmops.udfs.vectors.VectorBlock;

/**
 * A BASELINE as the drift job stores it, fitted in memory on generated vectors: K-Means centres; a
 * point is outside a cluster beyond the p99 of the reference's own distances in it.
 */
record GeneratedBaseline(double[] rows, int n, int dim, SelfComparison.Model model) {
  static final int COMPONENTS_TESTED = 8;
  static final double COMPONENT_ALPHA = 0.01;

  static GeneratedBaseline fit(GaussianClusters source, int n, int k, long seed) throws Exception {
    int dim = source.dim();
    double[] rows = draw(source, n, seed);
    VectorBlock block = VectorBlock.ofRows(rows, n, dim);
    Lloyd.Pass pass = centres -> {
      ClusterStats stats = new ClusterStats(centres.k(), dim);
      stats.add(block, centres);
      return stats;
    };
    Centroids centres = Lloyd.iterate(KMeansPlusPlus.choose(rows, n, dim, k, seed), pass, 300, 1e-8).centroids();
    return new GeneratedBaseline(rows, n, dim, new SelfComparison.Model(centres, 0.99, COMPONENTS_TESTED, COMPONENT_ALPHA));
  }

  static double[] draw(GaussianClusters source, int n, long seed) {
    Random random = new Random(seed);
    float[] vector = new float[source.dim()];
    double[] rows = new double[n * source.dim()];
    for (int i = 0; i < n; i++) {
      source.next(random, vector);
      for (int j = 0; j < vector.length; j++) {
        rows[i * vector.length + j] = vector[j];
      }
    }
    return rows;
  }

  /** The baseline's rows followed by a snapshot's, for measuring the snapshot against all of the baseline. */
  double[] with(double[] snapshot) {
    double[] pooled = Arrays.copyOf(rows, rows.length + snapshot.length);
    System.arraycopy(snapshot, 0, pooled, rows.length, snapshot.length);
    return pooled;
  }
}
