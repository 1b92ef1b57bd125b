package llmops.udfs.clustering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import llmops.udfs.vectors.VectorBlock;
import org.junit.jupiter.api.Test;

class KMeansTest {
  private static final double[] TRUE_CENTRES = {0, 0, 10, 0, 0, 10};

  private static double[] points(int n, long seed) {
    Random random = new Random(seed);
    double[] out = new double[n * 2];
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      out[i * 2] = TRUE_CENTRES[c * 2] + random.nextGaussian() * 0.5;
      out[i * 2 + 1] = TRUE_CENTRES[c * 2 + 1] + random.nextGaussian() * 0.5;
    }
    return out;
  }

  @Test
  void plusPlusSeedingIsDeterministicForASeed() {
    double[] p = points(300, 1);
    assertArrayEquals(KMeansPlusPlus.choose(p, 300, 2, 3, 42).values(), KMeansPlusPlus.choose(p, 300, 2, 3, 42).values());
  }

  @Test
  void plusPlusSeedingPutsOneCentreInEachSeparatedCluster() {
    double[] p = points(300, 1);
    Centroids c = KMeansPlusPlus.choose(p, 300, 2, 3, 42);
    boolean[] hit = new boolean[3];
    for (int i = 0; i < 3; i++) {
      int nearest = new Centroids(3, 2, TRUE_CENTRES).nearest(c.centre(i), null);
      hit[nearest] = true;
    }
    assertTrue(hit[0] && hit[1] && hit[2]);
  }

  @Test
  void lloydUpdateMovesEachCentreToTheMeanOfItsPoints() {
    VectorBlock.Builder builder = new VectorBlock.Builder(2);
    builder.add("a", new float[] {0, 0});
    builder.add("b", new float[] {2, 0});
    builder.add("c", new float[] {10, 10});
    VectorBlock block = builder.build().get(0);
    Centroids start = new Centroids(2, 2, new double[] {0.5, 0.5, 9, 9});
    ClusterStats stats = new ClusterStats(2, 2);
    stats.add(block, start);
    assertArrayEquals(new double[] {1, 0, 10, 10}, stats.nextCentroids(start).values(), 1e-12);
    // inertia: (0.5^2 + 0.5^2) + (1.5^2 + 0.5^2) + (1 + 1)
    assertEquals(0.5 + 2.5 + 2, stats.inertia(), 1e-12);
    assertEquals(2, stats.count(0));
  }

  @Test
  void aCentreThatLosesAllItsPointsStaysWhereItWas() {
    VectorBlock.Builder builder = new VectorBlock.Builder(2);
    builder.add("a", new float[] {0, 0});
    VectorBlock block = builder.build().get(0);
    Centroids start = new Centroids(2, 2, new double[] {0, 0, 50, 50});
    ClusterStats stats = new ClusterStats(2, 2);
    stats.add(block, start);
    assertArrayEquals(new double[] {0, 0, 50, 50}, stats.nextCentroids(start).values(), 0);
  }

  @Test
  void tiesGoToTheLowerIndexAsInScikitLearn() {
    Centroids c = new Centroids(2, 1, new double[] {-1, 1});
    assertEquals(0, c.nearest(new double[] {0}, null));
  }
}
