package llmops.udfs.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import llmops.udfs.clustering.Centroids;
import org.junit.jupiter.api.Test;

class CentroidMatchTest {
  private static final double[] RADII = {1, 1, 1};
  private static final Centroids BASELINE = new Centroids(3, 2, new double[] {0, 0, 10, 0, 0, 10});

  @Test
  void permutedLabelsShowNoShift() {
    // The same centres under other indices: baseline 0, 1, 2 are snapshot 2, 0, 1.
    Centroids snapshot = new Centroids(3, 2, new double[] {10, 0, 0, 10, 0, 0});
    CentroidMatch.Result match = CentroidMatch.of(BASELINE, RADII, snapshot);
    assertEquals(0, match.maxRelativeShift(), 0);
    assertEquals(List.of(1, 2, 0), match.pairs().stream().map(CentroidMatch.Pair::baseline).toList());
  }

  @Test
  void aMovedCentreIsMeasuredInItsBaselineClustersRadius() {
    Centroids snapshot = new Centroids(3, 2, new double[] {0, 0.5, 10, 0, 0, 10});
    CentroidMatch.Result match = CentroidMatch.of(BASELINE, new double[] {2, 1, 1}, snapshot);
    assertEquals(0.5, match.pairs().get(0).shift(), 1e-12);
    assertEquals(0.25, match.maxRelativeShift(), 1e-12);
  }

  @Test
  void theMatchMinimisesTheTotalNotEachCentreGreedily() {
    // Greedy nearest-first would pair snapshot 0 with baseline 0 (distance 1) and leave snapshot 1 for baseline 1 (distance 9);
    // the optimum pairs them crosswise for a total of 4 + 4.
    Centroids baseline = new Centroids(2, 1, new double[] {0, 5});
    Centroids snapshot = new Centroids(2, 1, new double[] {1, -4});
    CentroidMatch.Result match = CentroidMatch.of(baseline, new double[] {1, 1}, snapshot);
    assertEquals(List.of(1, 0), match.pairs().stream().map(CentroidMatch.Pair::baseline).toList());
    assertEquals(0, match.pairs().get(0).nearestBaseline());
  }

  @Test
  void moreSnapshotClustersThanBaselineOnesLeaveTheExtraUnmatched() {
    Centroids snapshot = new Centroids(4, 2, new double[] {0, 0, 10, 0, 0, 10, 30, 30});
    CentroidMatch.Result match = CentroidMatch.of(BASELINE, RADII, snapshot);
    assertEquals(-1, match.pairs().get(3).baseline());
    assertEquals(0, match.maxRelativeShift(), 0);
  }

  @Test
  void anEmptyBaselineClusterBorrowsTheMeanRadius() {
    Centroids snapshot = new Centroids(3, 2, new double[] {0, 0, 10, 0, 0, 13});
    CentroidMatch.Result match = CentroidMatch.of(BASELINE, new double[] {2, 4, 0}, snapshot);
    assertEquals(1.0, match.pairs().get(2).relativeShift(), 1e-12);
  }
}
