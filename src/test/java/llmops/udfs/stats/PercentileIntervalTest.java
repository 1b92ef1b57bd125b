package llmops.udfs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class PercentileIntervalTest {
  @Test
  void agreesWithNumpysLinearPercentiles() throws Exception {
    for (JsonNode c : StatsVectors.of("percentile")) {
      PercentileInterval interval = PercentileInterval.of(StatsVectors.doubles(c.get("values")), c.get("confidence").asDouble());
      assertEquals(c.get("low").asDouble(), interval.low(), 1e-12, "n=" + c.get("values").size());
      assertEquals(c.get("high").asDouble(), interval.high(), 1e-12, "n=" + c.get("values").size());
    }
  }

  @Test
  void ninetyPercentOfZeroToTenIsHalfToNineAndAHalf() {
    // 11 values 0..10: ranks 0.05 * 10 = 0.5 and 0.95 * 10 = 9.5.
    PercentileInterval interval = PercentileInterval.of(new double[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0}, 0.9);
    assertEquals(0.5, interval.low(), 1e-12);
    assertEquals(9.5, interval.high(), 1e-12);
  }

  @Test
  void undefinedEstimatesAreLeftOut() {
    PercentileInterval interval = PercentileInterval.of(new double[] {Double.NaN, 1, 3, Double.NaN}, 0.5);
    assertEquals(1.5, interval.low(), 1e-12);
    assertEquals(2.5, interval.high(), 1e-12);
    assertTrue(Double.isNaN(PercentileInterval.of(new double[] {Double.NaN}, 0.95).low()));
  }

  @Test
  void aConfidenceOutsideZeroToOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> PercentileInterval.of(new double[] {1}, 95));
  }
}
