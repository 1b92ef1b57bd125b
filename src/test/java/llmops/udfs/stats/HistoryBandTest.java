package llmops.udfs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HistoryBandTest {
  /** 1..5: mean 3, sample standard deviation sqrt(10 / 4) = 1.5811388. */
  private static final HistoryBand ONE_TO_FIVE = HistoryBand.of(new double[] {1, 2, 3, 4, 5}, 2, 3);

  @Test
  void theBandIsTheMeanPlusOrMinusKSampleStandardDeviations() {
    assertEquals(5, ONE_TO_FIVE.runs());
    assertEquals(3, ONE_TO_FIVE.mean(), 1e-15);
    assertEquals(Math.sqrt(2.5), ONE_TO_FIVE.sd(), 1e-15);
    assertEquals(3 + 2 * Math.sqrt(2.5), ONE_TO_FIVE.upper(), 1e-12);
    assertEquals(3 - 2 * Math.sqrt(2.5), ONE_TO_FIVE.lower(), 1e-12);
  }

  @Test
  void aValueIsBeyondTheBandOnlyStrictlyOutsideIt() {
    assertTrue(ONE_TO_FIVE.beyond(6.17));
    assertFalse(ONE_TO_FIVE.beyond(6.16));
    assertTrue(ONE_TO_FIVE.beyond(-0.17));
    assertFalse(ONE_TO_FIVE.beyond(Double.NaN));
  }

  @Test
  void tooShortAHistoryHasNoBand() {
    assertNull(HistoryBand.of(new double[] {1, 2, Double.NaN}, 3, 3), "two defined runs of the three needed");
    assertThrows(IllegalArgumentException.class, () -> HistoryBand.of(new double[] {1, 2}, 0, 2));
  }
}
