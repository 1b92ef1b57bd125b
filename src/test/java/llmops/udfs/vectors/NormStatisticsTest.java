package llmops.udfs.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NormStatisticsTest {
  /** Rows [3, 4], [6, 8], [0, 0] (norms 5, 10, 0), the last without an id. */
  private static VectorBlock block() {
    return new VectorBlock(2, 3, new float[] {3, 4, 6, 8, 0, 0}, new String[] {"a", "b", null});
  }

  @Test
  void oneBlockGivesCountCompletenessAndTheNormsMomentsAsPopulationFigures() {
    NormStatistics s = new NormStatistics().addAll(block());
    assertEquals(3, s.count());
    assertEquals(2, s.withId());
    assertEquals(2.0 / 3, s.idCompleteness(), 1e-15);
    assertEquals(0.0, s.min());
    assertEquals(10.0, s.max());
    assertEquals(5.0, s.mean(), 1e-15);
    // Population deviation of {5, 10, 0}: sqrt(50 / 3).
    assertEquals(Math.sqrt(50.0 / 3), s.standardDeviation(), 1e-12);
  }

  @Test
  void partsMergedInOrderFromAnEmptyTotalGiveTheWholesFigures() {
    NormStatistics whole = new NormStatistics().add(1, true).add(2, true).add(4, true).add(8, false);
    NormStatistics parts = new NormStatistics()
        .merge(new NormStatistics().add(1, true).add(2, true))
        .merge(new NormStatistics())
        .merge(new NormStatistics().add(4, true).add(8, false));
    assertEquals(whole.count(), parts.count());
    assertEquals(whole.withId(), parts.withId());
    assertEquals(1.0, parts.min());
    assertEquals(8.0, parts.max());
    assertEquals(3.75, parts.mean(), 1e-15);
    // {1, 2, 4, 8}: squared deviations from 3.75 sum to 7.5625 + 3.0625 + 0.0625 + 18.0625 = 28.75.
    assertEquals(Math.sqrt(28.75 / 4), parts.standardDeviation(), 1e-12);
    assertEquals(whole.standardDeviation(), parts.standardDeviation(), 1e-12);
  }
}
