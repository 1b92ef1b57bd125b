package llmops.udfs.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import llmops.udfs.clustering.Centroids;
import llmops.udfs.clustering.KMeansPlusPlus;
import llmops.udfs.distance.CentroidDistances.Metric;
import org.junit.jupiter.api.Test;

/**
 * Both searches against the definition: every query-reference distance computed one pair at a time
 * and sorted. Tolerance 1e-9: the searches compute each reported distance directly in double, as the
 * definition does, so they differ from it only in the last bits.
 */
class ExactKnnTest {
  private static final double TOLERANCE = 1e-9;
  private static final int DIM = 24;

  /** Gaussian clusters of unequal sizes (one of 3 points, fewer than k), exact duplicates and a zero vector. */
  private static float[] clusteredWithDuplicates(int n, long seed) {
    Random random = new Random(seed);
    int[] sizes = {n / 2, n / 3, 3};
    float[] out = new float[n * DIM];
    int row = 0;
    for (int c = 0; c < sizes.length; c++) {
      double[] centre = new double[DIM];
      for (int j = 0; j < DIM; j++) {
        centre[j] = random.nextGaussian() * 6;
      }
      for (int i = 0; i < sizes[c]; i++, row++) {
        for (int j = 0; j < DIM; j++) {
          out[row * DIM + j] = (float) (centre[j] + random.nextGaussian());
        }
      }
    }
    // The rest: copies of earlier rows (ties at 0 and equal distances to everything), then zeros.
    for (; row < n - 1; row++) {
      System.arraycopy(out, random.nextInt(row) * DIM, out, row * DIM, DIM);
    }
    return out;
  }

  /** Small integer coordinates: many exactly equal distances, where only the index can break the tie. */
  private static float[] lattice(int n, long seed) {
    Random random = new Random(seed);
    float[] out = new float[n * DIM];
    for (int i = 0; i < out.length; i++) {
      out[i] = random.nextInt(3);
    }
    return out;
  }

  /** The definition: all n distances per query, sorted by (distance, index). */
  private static double[][] definition(float[] reference, int n, float[] queries, int nq, int k, Metric metric, long[][] ids) {
    double[][] out = new double[nq][k];
    for (int q = 0; q < nq; q++) {
      double[] d = new double[n];
      for (int r = 0; r < n; r++) {
        double dot = 0;
        double qq = 0;
        double rr = 0;
        double squared = 0;
        for (int j = 0; j < DIM; j++) {
          double a = queries[q * DIM + j];
          double b = reference[r * DIM + j];
          dot += a * b;
          qq += a * a;
          rr += b * b;
          squared += (a - b) * (a - b);
        }
        d[r] = metric == Metric.EUCLIDEAN ? Math.sqrt(squared)
            : qq == 0 || rr == 0 ? 1 : Math.min(2, Math.max(0, 1 - dot / (Math.sqrt(qq) * Math.sqrt(rr))));
      }
      Integer[] order = new Integer[n];
      for (int r = 0; r < n; r++) {
        order[r] = r;
      }
      Arrays.sort(order, (a, b) -> d[a] != d[b] ? Double.compare(d[a], d[b]) : Integer.compare(a, b));
      for (int i = 0; i < k; i++) {
        out[q][i] = d[order[i]];
        if (ids != null) {
          ids[q][i] = order[i];
        }
      }
    }
    return out;
  }

  /** The reference in blocks of 2,500 rows, as a job hands it over. */
  private static KnnReference blocks(float[] values, int n) {
    List<float[]> blocks = new ArrayList<>();
    for (int from = 0; from < n; from += 2500) {
      blocks.add(Arrays.copyOfRange(values, from * DIM, Math.min(n, from + 2500) * DIM));
    }
    return KnnReference.ofArrays(DIM, blocks);
  }

  private static Centroids centroids(float[] values, int n, int k) {
    double[] points = new double[n * DIM];
    for (int i = 0; i < points.length; i++) {
      points[i] = values[i];
    }
    return KMeansPlusPlus.choose(points, n, DIM, k, 7);
  }

  private static void assertSameDistances(double[][] expected, Neighbours found, String what) {
    for (int q = 0; q < expected.length; q++) {
      for (int i = 0; i < expected[q].length; i++) {
        assertEquals(expected[q][i], found.distance(q, i), TOLERANCE, what + ": query " + q + ", neighbour " + i);
      }
    }
  }

  @Test
  void bruteForceAndIndexGiveEveryDistanceOfTheDefinitionOnClusteredDataWithDuplicates() {
    // 5,000 rows in blocks of 2,500 (two SGEMM row tiles each) and 600 queries (three query tiles);
    // half the queries are reference rows themselves (ties at distance 0 with their copies).
    int n = 5000;
    float[] reference = clusteredWithDuplicates(n, 1);
    int nq = 600;
    float[] queries = new float[nq * DIM];
    float[] fresh = clusteredWithDuplicates(nq, 2);
    Random random = new Random(3);
    for (int q = 0; q < nq; q++) {
      System.arraycopy(q % 2 == 0 ? reference : fresh, (q % 2 == 0 ? random.nextInt(n) : q) * DIM, queries, q * DIM, DIM);
    }
    KnnReference brute = blocks(reference, n);
    ClusterIndex index = ClusterIndex.build(brute, centroids(reference, n, 6));
    for (Metric metric : Metric.values()) {
      double[][] expected = definition(reference, n, queries, nq, 10, metric, null);
      assertSameDistances(expected, brute.search(queries, nq, 10, metric), "brute force, " + metric);
      assertSameDistances(expected, index.search(queries, nq, 10, metric), "index, " + metric);
    }
  }

  @Test
  void tiesAreBrokenByTheLowerReferenceIndexInBothSearches() {
    int n = 3000;
    float[] reference = lattice(n, 4);
    float[] queries = lattice(300, 5);
    long[][] ids = new long[300][10];
    double[][] expected = definition(reference, n, queries, 300, 10, Metric.EUCLIDEAN, ids);
    KnnReference brute = blocks(reference, n);
    ClusterIndex index = ClusterIndex.build(brute, centroids(reference, n, 5));
    for (Neighbours found : List.of(brute.search(queries, 300, 10, Metric.EUCLIDEAN), index.search(queries, 300, 10, Metric.EUCLIDEAN))) {
      assertSameDistances(expected, found, "lattice");
      for (int q = 0; q < 300; q++) {
        assertArrayEquals(ids[q], Arrays.copyOfRange(found.ids(), q * 10, q * 10 + 10), "query " + q);
      }
    }
  }

  @Test
  void kLargerThanEveryClusterStillFindsTheNearestAcrossClusters() {
    // 200 rows in 8 clusters: k = 60 needs rows of several clusters for every query.
    int n = 200;
    float[] reference = clusteredWithDuplicates(n, 6);
    float[] queries = clusteredWithDuplicates(40, 8);
    KnnReference brute = blocks(reference, n);
    ClusterIndex index = ClusterIndex.build(brute, centroids(reference, n, 8));
    for (Metric metric : Metric.values()) {
      double[][] expected = definition(reference, n, queries, 40, 60, metric, null);
      assertSameDistances(expected, index.search(queries, 40, 60, metric), "index, k = 60, " + metric);
      assertSameDistances(expected, brute.search(queries, 40, 60, metric), "brute force, k = 60, " + metric);
    }
  }

  @Test
  void theIndexComparesOnlyTheQueriesOwnClusterWhenClustersAreFarApart() {
    // The three generated clusters alone (2,500, 1,666 and 3 rows; no copies, no zero vector), with their means as centres.
    int[] starts = {0, 2500, 4166, 4169};
    int n = starts[3];
    float[] reference = Arrays.copyOf(clusteredWithDuplicates(5000, 9), n * DIM);
    double[] means = new double[3 * DIM];
    for (int c = 0; c < 3; c++) {
      for (int r = starts[c]; r < starts[c + 1]; r++) {
        for (int j = 0; j < DIM; j++) {
          means[c * DIM + j] += reference[r * DIM + j] / (double) (starts[c + 1] - starts[c]);
        }
      }
    }
    KnnReference brute = blocks(reference, n);
    ClusterIndex index = ClusterIndex.build(brute, new Centroids(3, DIM, means));
    float[] queries = Arrays.copyOf(reference, 500 * DIM);
    assertEquals(500L * n, brute.search(queries, 500, 10, Metric.EUCLIDEAN).comparisons());
    // The queries are rows of the first cluster, about 40 from the other centres, whose radii are under 10.
    assertEquals(2500, index.clusterSize(0));
    assertEquals(500L * 2500, index.search(queries, 500, 10, Metric.EUCLIDEAN).comparisons());
  }

  @Test
  void theSearchesOfTwoPartsMergeIntoTheWholesAnswer() {
    // Split at 1,234 rows: the second part's indices are shifted into place, then the two answers merged.
    int n = 3000;
    float[] reference = lattice(n, 11);
    float[] queries = lattice(200, 12);
    int split = 1234;
    KnnReference first = blocks(Arrays.copyOf(reference, split * DIM), split);
    KnnReference second = blocks(Arrays.copyOfRange(reference, split * DIM, n * DIM), n - split);
    Neighbours merged = first.search(queries, 200, 10, Metric.EUCLIDEAN).merge(second.search(queries, 200, 10, Metric.EUCLIDEAN).shifted(split));
    Neighbours whole = blocks(reference, n).search(queries, 200, 10, Metric.EUCLIDEAN);
    assertArrayEquals(whole.distances(), merged.distances(), 0.0);
    assertArrayEquals(whole.ids(), merged.ids());
  }

  @Test
  void leaveOneOutIsTheKthDistanceToTheOtherReferencePoints() {
    int n = 1500;
    float[] reference = clusteredWithDuplicates(n, 10);
    KnnReference brute = blocks(reference, n);
    float[] sample = Arrays.copyOfRange(reference, 100 * DIM, 400 * DIM);
    for (Metric metric : Metric.values()) {
      // The definition without the sampled row itself: its own index removed before sorting.
      double[] kth = LeaveOneOut.kthDistances(brute, sample, 300, 10, metric);
      double[][] withSelf = definition(reference, n, sample, 300, 11, metric, null);
      for (int q = 0; q < 300; q++) {
        assertEquals(withSelf[q][10], kth[q], TOLERANCE, metric + ", sample row " + q);
      }
    }
  }

  @Test
  void quantilesInterpolateLinearlyAsNumPyDoes() {
    // np.percentile([4, 1, 3, 2, 10], [0, 50, 90, 100]) = [1, 3, 7.6, 10]
    assertArrayEquals(new double[] {1, 3, 7.6, 10},
        LeaveOneOut.quantiles(new double[] {4, 1, 3, 2, 10}, new double[] {0, 0.5, 0.9, 1}), 1e-12);
  }

  @Test
  void kBeyondTheReferenceIsRefused() {
    KnnReference small = blocks(lattice(5, 1), 5);
    assertThrows(IllegalArgumentException.class, () -> small.search(lattice(1, 2), 1, 6, Metric.EUCLIDEAN));
  }
}
