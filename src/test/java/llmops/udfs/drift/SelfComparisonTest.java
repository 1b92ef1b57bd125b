package llmops.udfs.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import llmops.udfs.stats.EmpiricalNull;
import llmops.udfs.vectors.GaussianClusters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SelfComparisonTest {
  private static final GaussianClusters SOURCE = new GaussianClusters(16, 4, 3.0, 1.0, 5, 0, 0);
  private static final SelfComparison.Refit REFIT = new SelfComparison.Refit(4, 100, 1e-4, 11);
  private static GeneratedBaseline baseline;

  @BeforeAll
  static void fit() throws Exception {
    baseline = GeneratedBaseline.fit(SOURCE, 1000, 4, 3);
  }

  @Test
  void aSnapshotFromANewClusterIsOutsideTheBaselineAndANewRegion() {
    // 600 draws of which about 30 % come from the fifth cluster the baseline never had.
    double[] snapshot = GeneratedBaseline.draw(new GaussianClusters(16, 4, 3.0, 1.0, 5, 0.3, 0), 600, 8);
    SelfComparison pooled = new SelfComparison(baseline.model(), baseline.with(snapshot), 1600, 16, 1000);
    Map<Statistic, Double> measured = pooled.measure(SelfComparison.range(0, 1000), SelfComparison.range(1000, 1600), REFIT);
    // 30 % ± 3 sd of a binomial share of 600 (0.019), less the baseline's own ~1 % outside.
    assertEquals(0.29, measured.get(Statistic.OUTSIDE_SHARE_EXCESS), 0.06);
    assertTrue(measured.get(Statistic.NEW_REGION_SHARE) > 0.2, "the new cluster is a region of its own: " + measured);
  }

  @Test
  void theNullHoldsOneValuePerResampleAndFewerForTheRefittedStatistics() {
    SelfComparison self = new SelfComparison(baseline.model(), baseline.rows(), 1000, 16, 1000);
    Map<Statistic, EmpiricalNull> nulls = self.nulls(SelfComparison.range(0, 1000), 300, new SelfComparison.Resampling(50, 5, 400, 1), REFIT);
    assertEquals(50, nulls.get(Statistic.PSI).size());
    assertEquals(50, nulls.get(Statistic.MEAN_COSINE_DISTANCE).size());
    assertEquals(5, nulls.get(Statistic.NEW_REGION_SHARE).size());
    assertEquals(5, nulls.get(Statistic.MAX_RELATIVE_CENTROID_SHIFT).size());
    // A split of one distribution: PSI of 300 against 700 points in 4 clusters is about (k - 1)(1/300 + 1/700) = 0.014.
    assertTrue(nulls.get(Statistic.PSI).quantile(0.5) < 0.03, "median null PSI " + nulls.get(Statistic.PSI).quantile(0.5));
  }

  @Test
  void theSameSeedGivesTheSameNullAndAnotherSeedAnother() {
    SelfComparison self = new SelfComparison(baseline.model(), baseline.rows(), 1000, 16, 1000);
    int[] all = SelfComparison.range(0, 1000);
    double again = self.nulls(all, 300, new SelfComparison.Resampling(20, 0, 400, 1), REFIT).get(Statistic.PSI).quantile(0.5);
    double first = self.nulls(all, 300, new SelfComparison.Resampling(20, 0, 400, 1), REFIT).get(Statistic.PSI).quantile(0.5);
    double other = self.nulls(all, 300, new SelfComparison.Resampling(20, 0, 400, 2), REFIT).get(Statistic.PSI).quantile(0.5);
    assertEquals(first, again);
    assertTrue(first != other);
  }
}
