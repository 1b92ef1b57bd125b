package llmops.udfs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Against statsmodels' {@code mcnemar(table, exact=True)} (and scipy's binomtest) on 32 tables; 1e-12, as both sum the same binomial terms. */
class McNemarTest {
  @Test
  void agreesWithStatsmodelsExactMcNemar() throws Exception {
    for (JsonNode table : StatsVectors.of("mcnemar")) {
      double p = McNemar.exactPValue(table.get("only_a").asLong(), table.get("only_b").asLong());
      assertEquals(table.get("p").asDouble(), p, 1e-12, table.toString());
      if (table.has("binomtest_p")) {
        assertEquals(table.get("binomtest_p").asDouble(), p, 1e-12, table.toString());
      }
    }
  }

  @Test
  void tenAgainstTwoIsTwiceTheBinomialTail() {
    // P(X <= 2 | n = 12, 1/2) = (1 + 12 + 66) / 4096; doubled: 158 / 4096.
    assertEquals(158.0 / 4096, McNemar.exactPValue(10, 2), 1e-15);
  }

  @Test
  void noDiscordantRecordIsNoEvidence() {
    assertEquals(1.0, McNemar.exactPValue(0, 0));
  }

  @Test
  void negativeCountsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> McNemar.exactPValue(-1, 3));
  }
}
