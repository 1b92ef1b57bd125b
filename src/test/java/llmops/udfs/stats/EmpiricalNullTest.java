package llmops.udfs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class EmpiricalNullTest {
  private static final EmpiricalNull ONE_TO_FOUR = EmpiricalNull.of(new double[] {3, 1, 4, 2});

  @Test
  void thePValueCountsTheNullValuesAtLeastAsLargeWithTheObservedOneAsADraw() {
    assertEquals(3.0 / 5, ONE_TO_FOUR.pValue(3), 1e-15, "3 and 4 are at least 3: (1 + 2) / (1 + 4)");
    assertEquals(1.0 / 5, ONE_TO_FOUR.pValue(4.5), 1e-15, "beyond every null value: the smallest p-value, never 0");
    assertEquals(1.0, ONE_TO_FOUR.pValue(0), 1e-15);
    assertEquals(1.0 / 5, ONE_TO_FOUR.smallestPValue(), 1e-15);
  }

  @Test
  void beyondItsLastTenValuesALargeNullExtrapolatesItsTailAsKnijnenburgsMethodWithScipysFitDoes() throws Exception {
    for (JsonNode c : StatsVectors.of("gpd_tail")) {
      EmpiricalNull n = EmpiricalNull.of(StatsVectors.doubles(c.get("values")));
      String name = c.get("null").asText() + " null of " + n.size();
      double[] observed = StatsVectors.doubles(c.get("observed"));
      double[] expected = StatsVectors.doubles(c.get("p"));
      if (c.get("xi").asDouble() < -0.5) {
        // A shape below -1/2 (the uniform's tail) is outside maximum likelihood's regular range (Smith 1985): below -1 the
        // likelihood grows without bound as the tail's end nears the largest value, so fits differ in where they stop. Both
        // must find a tail that ends at about the null's largest value: beyond it, scipy's fit gives 0 and ours the floor.
        assertTrue(n.tail().excesses().xi() < -0.5, name + ": " + n.tail());
        assertEquals(0, expected[1]);
        assertEquals(n.smallestPValue(), n.pValue(observed[1]), 0, name);
        continue;
      }
      for (int i = 0; i < observed.length; i++) {
        // The same fit up to the optimisers' tolerance; below the floor (two decades under 1 / (1 + n)) the floor.
        double want = Math.max(expected[i], n.smallestPValue());
        assertEquals(want, n.pValue(observed[i]), 0.03 * want, name + " at " + observed[i]);
      }
    }
  }

  @Test
  void aSmallOrDiscreteNullIsNotExtrapolated() {
    EmpiricalNull small = EmpiricalNull.of(DoubleStream.iterate(0, v -> v + 1).limit(99).toArray());
    assertEquals(1.0 / 100, small.pValue(1000), 1e-15);
    // 200 values with only three distinct ones among the largest quarter: a component count, say.
    EmpiricalNull discrete = EmpiricalNull.of(DoubleStream.iterate(0, v -> v + 1).limit(200).map(v -> Math.min(v % 3, 2)).toArray());
    assertEquals(1.0 / 201, discrete.pValue(3), 1e-15);
  }

  @Test
  void tiesAtTheCutLeaveOnlyTheValuesAboveItAsExceedances() {
    // Shares of 400 points: the 150th to 160th largest of 200 values are all 0.02, so the cut between the 150th and 151st
    // is a tie; the tail is fitted to the 40 values above 0.02 and says so (40 / 200 of the null exceed it).
    double[] values = new double[200];
    for (int i = 0; i < 200; i++) {
      values[i] = i < 140 ? i / 400.0 / 20 : i < 160 ? 0.02 : 0.02 + (i - 159) / 400.0;
    }
    EmpiricalNull n = EmpiricalNull.of(values);
    assertEquals(0.02, n.tail().threshold(), 1e-15);
    assertEquals(40.0 / 200, n.tail().share(), 1e-15);
    assertTrue(n.pValue(0.5) < 1.0 / 201, "far beyond the null: below the empirical floor, " + n.pValue(0.5));
  }

  @Test
  void theTailIsUsedOnlyWhereFewerThanTenNullValuesReachTheObservedOne() {
    EmpiricalNull uniform = EmpiricalNull.of(DoubleStream.iterate(0.5, v -> v + 1).limit(200).map(v -> v / 200).toArray());
    assertEquals((1.0 + 10) / 201, uniform.pValue(0.95), 1e-15, "10 values at least 0.95: empirical");
    double extrapolated = uniform.pValue(0.99);
    assertTrue(extrapolated > 0 && extrapolated < 3.0 / 201, "2 values at least 0.99: from the tail, " + extrapolated);
  }

  @Test
  void quantilesInterpolateAsNumpysPercentile() {
    // numpy.percentile([1, 2, 3, 4], [50, 90, 99]) = [2.5, 3.7, 3.97]
    assertEquals(2.5, ONE_TO_FOUR.quantile(0.5), 1e-12);
    assertEquals(3.7, ONE_TO_FOUR.quantile(0.9), 1e-12);
    assertEquals(3.97, ONE_TO_FOUR.quantile(0.99), 1e-12);
  }

  @Test
  void undefinedNullValuesAreLeftOutAndAnUndefinedObservationHasNoPValue() {
    EmpiricalNull withGaps = EmpiricalNull.of(new double[] {Double.NaN, 1, 2, Double.NaN});
    assertEquals(2, withGaps.size());
    assertEquals(2.0 / 3, withGaps.pValue(2), 1e-15);
    assertTrue(Double.isNaN(withGaps.pValue(Double.NaN)));
    assertTrue(Double.isNaN(EmpiricalNull.of(new double[0]).pValue(1)));
  }
}
