package llmops.udfs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checked against the definition: sort each group and interpolate as NumPy's np.percentile does by default. */
class QuantileSearchTest {
  private static final double[] P = {0, 0.5, 0.9, 0.95, 0.99, 1};

  /** numpy.percentile(values, 100 p) with the default linear method. */
  private static double numpyPercentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = (int) Math.ceil(h);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /** Runs the search over the groups' values, in two partials per pass as Spark tasks would; returns the passes taken. */
  private static int search(QuantileSearch search, double[][] groups) {
    int passes = 0;
    while (!search.done()) {
      QuantileSearch.Pass first = search.pass();
      QuantileSearch.Pass second = search.pass();
      for (int g = 0; g < groups.length; g++) {
        for (int i = 0; i < groups[g].length; i++) {
          (i % 2 == 0 ? first : second).add(g, groups[g][i]);
        }
      }
      search.advance(first.merge(second));
      passes++;
    }
    return passes;
  }

  private static GroupSummary summary(double[][] groups) {
    GroupSummary s = new GroupSummary(groups.length);
    for (int g = 0; g < groups.length; g++) {
      for (double v : groups[g]) {
        s.add(g, v);
      }
    }
    return s;
  }

  private static void assertExact(double[][] groups, QuantileSearch search) {
    for (int g = 0; g < groups.length; g++) {
      for (int p = 0; p < P.length; p++) {
        assertEquals(numpyPercentile(groups[g], P[p]), search.quantile(g, p), 0, "group " + g + ", p " + P[p]);
      }
    }
  }

  @Test
  void smallGroupsAreCollectedAndPickedExactlyInOnePass() {
    Random random = new Random(1);
    double[][] groups = {random.doubles(1000).toArray(), random.doubles(7).map(v -> v * 100).toArray()};
    QuantileSearch search = new QuantileSearch(summary(groups), P);
    assertEquals(1, search(search, groups));
    assertExact(groups, search);
  }

  @Test
  void largeGroupsAreNarrowedBinByBinUntilTheyCanBeCollected() {
    Random random = new Random(2);
    // Skewed, like distances: most values bunched near the low end, a long tail.
    double[][] groups = {random.doubles(50_000).map(v -> Math.exp(8 * v)).toArray(), random.doubles(30_000).map(v -> -Math.log(v)).toArray()};
    QuantileSearch search = new QuantileSearch(summary(groups), P, 20);
    int passes = search(search, groups);
    assertTrue(passes >= 2, "a collect limit of 20 needs at least one narrowing pass, took " + passes);
    assertExact(groups, search);
  }

  @Test
  void tiesAndRepeatedValuesAreHandled() {
    double[] values = new double[10_001];
    for (int i = 0; i < values.length; i++) {
      values[i] = i % 3 == 0 ? 1.0 : i % 3 == 1 ? 2.0 : 2.0 + i * 1e-9;
    }
    double[][] groups = {values, {5, 5, 5}};
    QuantileSearch search = new QuantileSearch(summary(groups), P, 10);
    search(search, groups);
    assertExact(groups, search);
  }

  @Test
  void anEmptyGroupHasNoQuantilesAndASingleValueIsEveryQuantile() {
    double[][] groups = {{}, {3.5}};
    QuantileSearch search = new QuantileSearch(summary(groups), P);
    search(search, groups);
    assertTrue(Double.isNaN(search.quantile(0, 1)));
    assertEquals(3.5, search.quantile(1, 1), 0);
    assertEquals(3.5, search.quantile(1, 4), 0);
  }

  @Test
  void summaryGivesMeanAndSampleStandardDeviation() {
    GroupSummary s = summary(new double[][] {{2, 4, 4, 4, 5, 5, 7, 9}});
    assertEquals(5, s.mean(0), 1e-15);
    assertEquals(Math.sqrt(32.0 / 7), s.stddev(0), 1e-15);
    assertEquals(2, s.min(0), 0);
    assertEquals(9, s.max(0), 0);
  }
}
