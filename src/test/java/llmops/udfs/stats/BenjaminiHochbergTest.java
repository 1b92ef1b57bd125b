package llmops.udfs.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Known answers worked by hand from the definition (and equal to R's {@code p.adjust(p, "BH")}). */
class BenjaminiHochbergTest {
  @Test
  void eachPValueIsScaledByMOverItsRankThenTheMinimumFromAbove() {
    // sorted: 0.005 (rank 1) 0.01 (2) 0.03 (3) 0.04 (4); times 4/rank: 0.02 0.02 0.04 0.04; running minimum from the top keeps them.
    assertArrayEquals(new double[] {0.02, 0.04, 0.04, 0.02}, BenjaminiHochberg.adjust(new double[] {0.01, 0.04, 0.03, 0.005}), 1e-15);
  }

  @Test
  void aLargerPValueLowerDownPullsTheAdjustedValuesAboveItDown() {
    // sorted 0.01 0.04 0.045; times 3/rank: 0.03 0.06 0.045; from the top: 0.045, min(0.06, 0.045) = 0.045, 0.03.
    assertArrayEquals(new double[] {0.045, 0.03, 0.045}, BenjaminiHochberg.adjust(new double[] {0.045, 0.01, 0.04}), 1e-15);
  }

  @Test
  void adjustedValuesAreCappedAtOne() {
    assertArrayEquals(new double[] {1.0, 1.0}, BenjaminiHochberg.adjust(new double[] {0.9, 1.0}), 1e-15);
  }

  @Test
  void undefinedPValuesStayUndefinedAndAreNotCountedAsHypotheses() {
    // m = 2, not 3: 0.02 * 2 / 1 = 0.04, 0.03 * 2 / 2 = 0.03, so 0.03 for both.
    assertArrayEquals(new double[] {0.03, Double.NaN, 0.03}, BenjaminiHochberg.adjust(new double[] {0.02, Double.NaN, 0.03}), 1e-15);
  }
}
