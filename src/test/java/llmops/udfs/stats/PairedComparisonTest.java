package llmops.udfs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {
  /** scipy's permutation_test over every pairing of up to 12 pairs; equal up to rounding of the same sums. */
  @Test
  void smallSamplesGetScipysExactPermutationPValue() throws Exception {
    for (JsonNode c : StatsVectors.of("permutation")) {
      double[] a = StatsVectors.doubles(c.get("a"));
      double[] b = StatsVectors.doubles(c.get("b"));
      PairedComparison comparison = new PairedComparison(100, 1);
      for (int i = 0; i < a.length; i++) {
        comparison.add("r" + i, a[i], b[i]);
      }
      PairedComparison.Result result = comparison.result(0.95);
      assertEquals(PairedComparison.Test.PERMUTATION_EXACT, result.test(), c.toString());
      assertEquals(c.get("p").asDouble(), result.pValue(), 1e-12, c.toString());
      assertEquals(c.get("mean_difference").asDouble(), result.meanDifference(), 1e-12);
    }
  }

  /** 0/1 scores go to McNemar's exact test: A alone right on 10 records, B alone on 2, both on 30, neither on 8. */
  @Test
  void zeroOneScoresGetMcNemarsExactTest() {
    PairedComparison comparison = new PairedComparison(1000, 42);
    int key = 0;
    key = addPairs(comparison, key, 10, 1, 0);
    key = addPairs(comparison, key, 2, 0, 1);
    key = addPairs(comparison, key, 30, 1, 1);
    addPairs(comparison, key, 8, 0, 0);
    PairedComparison.Result result = comparison.result(0.95);
    assertEquals(PairedComparison.Test.MCNEMAR_EXACT, result.test());
    assertEquals(158.0 / 4096, result.pValue(), 1e-15);
    assertEquals(10L, result.onlyA());
    assertEquals(2L, result.onlyB());
    assertEquals(50, result.pairs());
    assertEquals(8.0 / 50, result.meanDifference(), 1e-15);
    assertTrue(result.interval().low() > 0 && result.interval().high() < 0.35, result.interval().toString());
  }

  private static int addPairs(PairedComparison comparison, int firstKey, int count, double a, double b) {
    for (int i = 0; i < count; i++) {
      comparison.add("r" + (firstKey + i), a, b);
    }
    return firstKey + count;
  }

  /**
   * Past 20 non-zero differences the p-value comes from seeded sign flips: A better by 0.1 +- 0.05 on
   * 200 records is so far from 0 that no flip reaches it, p = 1 / (1 + replicates); with a shift of 0
   * it is nowhere near significant.
   */
  @Test
  void largeSamplesGetASampledPermutationPValue() {
    Random random = new Random(5);
    PairedComparison shifted = new PairedComparison(999, 42);
    PairedComparison same = new PairedComparison(999, 42);
    for (int i = 0; i < 200; i++) {
      double b = random.nextDouble() * 0.8;
      shifted.add("r" + i, b + 0.1 + random.nextGaussian() * 0.05, b);
      same.add("r" + i, b + random.nextGaussian() * 0.05, b);
    }
    PairedComparison.Result result = shifted.result(0.95);
    assertEquals(PairedComparison.Test.PERMUTATION_SAMPLED, result.test());
    assertEquals(1.0 / 1000, result.pValue(), 1e-15);
    assertNull(result.onlyA());
    assertTrue(result.interval().contains(0.1) && !result.interval().contains(0), result.interval().toString());
    assertTrue(same.result(0.95).pValue() > 0.05, "p = " + same.result(0.95).pValue());
  }

  /** Split and merged, the comparison is the one made in one piece, to the last bit of every replicate. */
  @Test
  void partitioningDoesNotChangeTheResult() {
    Random random = new Random(8);
    PairedComparison whole = new PairedComparison(500, 3);
    PairedComparison left = new PairedComparison(500, 3);
    PairedComparison right = new PairedComparison(500, 3);
    for (int i = 0; i < 100; i++) {
      double a = random.nextDouble();
      double b = random.nextDouble();
      whole.add("r" + i, a, b);
      (i % 3 == 0 ? left : right).add("r" + i, a, b);
    }
    PairedComparison.Result expected = whole.result(0.9);
    PairedComparison.Result merged = right.merge(left).result(0.9);
    assertEquals(expected.pValue(), merged.pValue());
    assertEquals(expected.meanDifference(), merged.meanDifference(), 1e-12);
    assertEquals(expected.interval().low(), merged.interval().low(), 1e-12);
    assertEquals(expected.interval().high(), merged.interval().high(), 1e-12);
  }

  @Test
  void noPairsIsNoEvidence() {
    PairedComparison.Result result = new PairedComparison(10, 1).result(0.95);
    assertEquals(0, result.pairs());
    assertEquals(1.0, result.pValue());
    assertTrue(Double.isNaN(result.meanDifference()));
  }
}
