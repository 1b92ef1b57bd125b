package llmops.udfs.eval.pairwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BradleyTerryTest {
  private static double strength(BradleyTerry.Fit fit, String model) {
    return fit.ranking().stream().filter(s -> s.model().equals(model)).findFirst().orElseThrow().strength();
  }

  @Test
  void twoModelsStrengthsAreTheirWinShares() {
    // With two models the likelihood is maximised at p_a / (p_a + p_b) = 7 / 10.
    BradleyTerry.Fit fit = BradleyTerry.fit(List.of("a", "b"), new double[][] {{0, 7}, {3, 0}});
    assertTrue(fit.converged());
    assertEquals(0.7, strength(fit, "a"), 1e-10);
    assertEquals(0.3, strength(fit, "b"), 1e-10);
  }

  @Test
  void threeModelsWhoseResultsMatchStrengthsFourTwoOneExactlyGetThem() {
    // Worked by hand: with p = (4, 2, 1) / 7, P(a beats b) = 4/6, P(b beats c) = 2/3, P(a beats c) = 4/5. Results that
    // equal those expectations (a 2-1 b, b 2-1 c, a 4-1 c) solve the likelihood equations W_i = sum_j n_ij p_i / (p_i + p_j).
    double[][] wins = {{0, 2, 4}, {1, 0, 2}, {1, 1, 0}};
    BradleyTerry.Fit fit = BradleyTerry.fit(List.of("a", "b", "c"), wins);
    assertTrue(fit.converged());
    assertEquals(List.of("a", "b", "c"), fit.ranking().stream().map(BradleyTerry.Strength::model).toList());
    assertEquals(4 / 7.0, strength(fit, "a"), 1e-9);
    assertEquals(2 / 7.0, strength(fit, "b"), 1e-9);
    assertEquals(1 / 7.0, strength(fit, "c"), 1e-9);
    assertEquals(List.of(1, 2, 3), fit.ranking().stream().map(BradleyTerry.Strength::rank).toList());
  }

  @Test
  void aCycleOfEqualResultsGivesEqualStrengths() {
    double[][] wins = {{0, 2, 1}, {1, 0, 2}, {2, 1, 0}};
    BradleyTerry.Fit fit = BradleyTerry.fit(List.of("a", "b", "c"), wins);
    for (BradleyTerry.Strength s : fit.ranking()) {
      assertEquals(1 / 3.0, s.strength(), 1e-10);
    }
  }

  @Test
  void tiesCountAsHalfAWinToEachSide() {
    // a beat b 3 times, lost once, tied twice: 3 + 1 = 4 of 6 for a.
    BradleyTerry.Fit fit = BradleyTerry.fit(List.of("a", "b"), new double[][] {{0, 3 + 2 * 0.5}, {1 + 2 * 0.5, 0}});
    assertEquals(4 / 6.0, strength(fit, "a"), 1e-10);
  }

  @Test
  void aModelThatNeverWinsHasNoFiniteStrengthAndTheFitSaysSo() {
    BradleyTerry.Fit fit = BradleyTerry.fit(List.of("a", "b", "c"), new double[][] {{0, 2, 3}, {1, 0, 2}, {0, 0, 0}});
    assertFalse(fit.converged());
    assertEquals("c", fit.ranking().get(2).model());
  }
}
