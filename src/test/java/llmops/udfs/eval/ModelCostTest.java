package llmops.udfs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ModelCostTest {
  @Test
  void tokensRequestsAndHoursAreChargedAtTheirPrices() {
    // 2,000 tokens in at $0.5/1k, 500 out at $1.5/1k, 10 requests at $0.01, half an hour at $2/h.
    assertEquals(1.0 + 0.75 + 0.1 + 1.0, ModelCost.usd(2000, 500, 10, 0.5, 0.5, 1.5, 0.01, 2.0), 1e-12);
  }

  @Test
  void nothingPricedHasNoCost() {
    assertNull(ModelCost.usd(2000, 500, 10, 0.5, null, null, null, null));
  }
}
