package llmops.udfs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
