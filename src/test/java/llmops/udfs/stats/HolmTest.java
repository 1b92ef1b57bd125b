package llmops.udfs.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class HolmTest {
  @Test
  void agreesWithStatsmodelsMultipletestsHolm() throws Exception {
    for (JsonNode list : StatsVectors.of("holm")) {
      assertArrayEquals(StatsVectors.doubles(list.get("adjusted")), Holm.adjust(StatsVectors.doubles(list.get("p"))), 1e-15, list.toString());
    }
  }

  @Test
  void adjustedValuesStepDownInOrderOfTheRawOnes() {
    // Sorted 0.01, 0.03, 0.04: x3 = 0.03, x2 = 0.06, x1 = 0.04 raised to 0.06 (non-decreasing).
    assertArrayEquals(new double[] {0.03, 0.06, 0.06}, Holm.adjust(new double[] {0.01, 0.04, 0.03}), 1e-15);
  }

  @Test
  void oneTestIsNotAdjusted() {
    assertArrayEquals(new double[] {0.2}, Holm.adjust(new double[] {0.2}));
  }
}
