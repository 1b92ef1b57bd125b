package llmops.udfs.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import llmops.udfs.vectors.VectorBlock;
import org.junit.jupiter.api.Test;

/**
 * Both silhouettes against the textbook O(n^2) definition computed here point by point:
 * s = (b - a) / max(a, b), a = mean distance to the rest of the own cluster, b = the lowest mean
 * distance to another cluster, 0 for a point alone in its cluster.
 */
class SilhouetteTest {
  private static final int DIM = 3;

  private static double naive(double[][] x, int[] labels, int k, boolean squared) {
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double[] sums = new double[k];
      int[] counts = new int[k];
      for (int j = 0; j < x.length; j++) {
        counts[labels[j]]++;
        if (j != i) {
          double s = 0;
          for (int t = 0; t < DIM; t++) {
            s += (x[i][t] - x[j][t]) * (x[i][t] - x[j][t]);
          }
          sums[labels[j]] += squared ? s : Math.sqrt(s);
        }
      }
      int own = labels[i];
      if (counts[own] == 1) {
        continue;
      }
      double a = sums[own] / (counts[own] - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        if (c != own && counts[c] > 0) {
          b = Math.min(b, sums[c] / counts[c]);
        }
      }
      total += (b - a) / Math.max(a, b);
    }
    return total / x.length;
  }

  private record Data(double[][] rows, double[] flat, VectorBlock block, Centroids centroids, int[] labels) {}

  private static Data clusteredData() {
    Random random = new Random(17);
    double[] centres = {0, 0, 0, 4, 0, 0, 0, 5, 1};
    int n = 90;
    double[][] rows = new double[n][DIM];
    double[] flat = new double[n * DIM];
    VectorBlock.Builder builder = new VectorBlock.Builder(DIM);
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      float[] v = new float[DIM];
      for (int t = 0; t < DIM; t++) {
        v[t] = (float) (centres[c * DIM + t] + random.nextGaussian());
        rows[i][t] = v[t];
        flat[i * DIM + t] = v[t];
      }
      builder.add("p" + i, v);
    }
    Centroids centroids = new Centroids(3, DIM, centres);
    VectorBlock block = builder.build().get(0);
    int[] labels = centroids.assign(block, block.valuesAsDoubles(), null);
    return new Data(rows, flat, block, centroids, labels);
  }

  @Test
  void euclideanMatchesTheDefinition() {
    Data d = clusteredData();
    Silhouette.Euclidean s = new Silhouette.Euclidean(d.flat(), d.rows().length, DIM, d.labels(), 3);
    assertEquals(naive(d.rows(), d.labels(), 3, false), s.mean(), 1e-12);
  }

  @Test
  void euclideanSplitIntoChunksTakenInTurnMatchesTheDefinition() {
    Data d = clusteredData();
    Silhouette.Euclidean s = new Silhouette.Euclidean(d.flat(), d.rows().length, DIM, d.labels(), 3, 16);
    Silhouette.DistanceSums sums = s.distanceSums(0, 3).merge(s.distanceSums(1, 3)).merge(s.distanceSums(2, 3));
    assertEquals(naive(d.rows(), d.labels(), 3, false), s.silhouettes(sums).mean(), 1e-12);
  }

  @Test
  void squaredEuclideanFromClusterSumsMatchesTheDefinitionOnSquaredDistances() {
    Data d = clusteredData();
    ClusterStats stats = new ClusterStats(3, DIM);
    stats.add(d.block(), d.centroids());
    double fromSums = Silhouette.SquaredEuclidean.of(d.block(), d.centroids(), stats).mean();
    assertEquals(naive(d.rows(), d.labels(), 3, true), fromSums, 1e-9);
  }

  @Test
  void aPointAloneInItsClusterScoresZero() {
    double[] flat = {0, 0, 0, 0.1, 0, 0, 10, 10, 10};
    int[] labels = {0, 0, 1};
    Silhouette.Euclidean s = new Silhouette.Euclidean(flat, 3, DIM, labels, 2);
    double[][] rows = {{0, 0, 0}, {0.1, 0, 0}, {10, 10, 10}};
    assertEquals(naive(rows, labels, 2, false), s.mean(), 1e-12);
  }
}
