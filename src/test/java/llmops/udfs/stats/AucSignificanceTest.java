package llmops.udfs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AucSignificanceTest {
  /** With 100 and 100 test examples the AUC's sd under no difference is sqrt(201 / 120000) = 0.040927. */
  private static final double SD_100_100 = Math.sqrt(201.0 / 120000.0);

  @Test
  void anAucOfOneHalfIsAsLikelyAsNot() {
    assertEquals(0.5, AucSignificance.oneSidedPValue(0.5, 100, 100), 1e-12);
  }

  @Test
  void anAucTwoStandardDeviationsAboveOneHalfHasTheNormalsUpperTail() {
    // 1 - Phi(2) = 0.022750131948179 (standard normal table).
    assertEquals(0.022750131948179, AucSignificance.oneSidedPValue(0.5 + 2 * SD_100_100, 100, 100), 1e-9);
  }

  @Test
  void anAucBelowOneHalfIsNotEvidenceOfDrift() {
    assertEquals(1 - 0.022750131948179, AucSignificance.oneSidedPValue(0.5 - 2 * SD_100_100, 100, 100), 1e-9);
  }

  @Test
  void anAucNeedsBothClasses() {
    assertThrows(IllegalArgumentException.class, () -> AucSignificance.oneSidedPValue(0.7, 0, 10));
  }
}
