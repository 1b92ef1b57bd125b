package llmops.udfs.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import llmops.udfs.clustering.Centroids;
import llmops.udfs.vectors.VectorBlock;
import org.junit.jupiter.api.Test;

class BaselineCoverageTest {
  private static final Centroids BASELINE = new Centroids(2, 2, new double[] {0, 0, 10, 0});
  private static final double[] LIMITS = {1.5, 1.5};

  private static VectorBlock block(float... xy) {
    String[] ids = new String[xy.length / 2];
    java.util.Arrays.setAll(ids, i -> "p" + i);
    return new VectorBlock(2, ids.length, xy, ids);
  }

  @Test
  void countsSnapshotPointsAtTheirNearestBaselineCentre() {
    BaselineCoverage c = new BaselineCoverage(BASELINE, LIMITS, BASELINE);
    c.add(block(0.5f, 0, 9, 0, 10, 1));
    assertArrayEquals(new long[] {1, 2}, c.baselineCounts());
    assertEquals(0, c.outsideShare(), 0);
  }

  @Test
  void pointsBeyondTheirNearestClustersLimitAreOutside() {
    // Snapshot cluster 1 sits at (0, 20): its points are 19-21 from the nearest baseline centre, whose limit is 1.5.
    Centroids snapshot = new Centroids(2, 2, new double[] {0, 0, 0, 20});
    BaselineCoverage c = new BaselineCoverage(BASELINE, LIMITS, snapshot);
    c.add(block(0, 1.4f, 0.2f, 0, 0, 19, 0, 21));
    BaselineCoverage other = new BaselineCoverage(BASELINE, LIMITS, snapshot);
    other.add(block(0, 1.6f, 0, 20));
    c.merge(other);
    assertEquals(4 / 6.0, c.outsideShare(), 1e-12, "(0, 1.6) is just outside, (0, 1.4) just inside");
    assertArrayEquals(new double[] {1 / 3.0, 1.0}, c.outsideShareBySnapshotCluster(), 1e-12);
    assertEquals(0.5, c.newRegionShare(), 1e-12, "only snapshot cluster 1 lies mostly outside");
  }

  @Test
  void aSnapshotClusterIsANewRegionWhenMoreThanHalfOfItsPointsAreOutside() {
    // Snapshot cluster 1 at (10, 3): (10, 1) is inside baseline cluster 1's limit, (10, 5) and (10, 6) outside.
    Centroids snapshot = new Centroids(2, 2, new double[] {0, 0, 10, 3});
    BaselineCoverage half = new BaselineCoverage(BASELINE, LIMITS, snapshot);
    half.add(block(10, 1, 10, 5));
    BaselineCoverage most = new BaselineCoverage(BASELINE, LIMITS, snapshot);
    most.add(block(10, 1, 10, 5, 10, 6));
    assertFalse(half.isNewRegion(1), "one point outside of two is not most of them");
    assertTrue(most.isNewRegion(1), "two points outside of three");
    assertFalse(most.isNewRegion(0), "an empty cluster is no region");
  }
}
