package llmops.udfs.eval.pairwise;

import static llmops.udfs.eval.pairwise.PairwiseVerdict.Shown.A;
import static llmops.udfs.eval.pairwise.PairwiseVerdict.Shown.B;
import static llmops.udfs.eval.pairwise.PairwiseVerdict.Shown.TIE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairwiseTest {
  @Test
  void theWinnerIsReadFromTheRepliesJson() {
    assertEquals(A, PairwiseVerdict.parse("Both are fine but A is precise.\n```json\n{\"reasoning\": \"precise\", \"winner\": \"A\"}\n```").value());
    assertEquals(B, PairwiseVerdict.parse("{\"winner\": \"b\"}").value());
    assertEquals(TIE, PairwiseVerdict.parse("{\"winner\": \"Tie\"}").value());
  }

  @Test
  void anythingButAOrBOrTieIsAFailure() {
    assertEquals("winner \"both\" is not \"A\", \"B\" or \"tie\"", PairwiseVerdict.parse("{\"winner\": \"both\"}").failure());
    assertEquals("no JSON object with \"winner\" in the reply", PairwiseVerdict.parse("Answer A is better.").failure());
    assertEquals("ambiguous: the reply names two winners (A, B)", PairwiseVerdict.parse("{\"winner\": \"A\"} ... {\"winner\": \"B\"}").failure());
  }

  @Test
  void aModelWinsOnlyWhenBothOrdersPreferItsAnswer() {
    assertEquals(PairwiseOutcome.FIRST_WINS, PairwiseOutcome.of(A, B));
    assertEquals(PairwiseOutcome.SECOND_WINS, PairwiseOutcome.of(B, A));
  }

  @Test
  void aVerdictThatFollowsThePositionIsATie() {
    assertEquals(PairwiseOutcome.TIE, PairwiseOutcome.of(A, A));
    assertEquals(PairwiseOutcome.TIE, PairwiseOutcome.of(B, B));
    assertTrue(PairwiseOutcome.flipped(A, A));
    assertFalse(PairwiseOutcome.flipped(A, B));
    assertFalse(PairwiseOutcome.flipped(TIE, TIE));
  }

  @Test
  void aTieInEitherOrderIsATie() {
    assertEquals(PairwiseOutcome.TIE, PairwiseOutcome.of(A, TIE));
    assertEquals(PairwiseOutcome.TIE, PairwiseOutcome.of(TIE, A));
    assertEquals(PairwiseOutcome.TIE, PairwiseOutcome.of(TIE, TIE));
  }

  @Test
  void winRatesHaveWilsonIntervals() {
    // Wilson's 95 % interval for 8 of 10, worked out separately from the formula with z = 1.959964: 0.49016 .. 0.94332.
    WinRates rates = WinRates.of(8, 1, 1, 0.95);
    assertEquals(0.8, rates.win().rate(), 1e-15);
    assertEquals(0.49016, rates.win().low(), 1e-5);
    assertEquals(0.94332, rates.win().high(), 1e-5);
    // 0 of 10: the interval starts at 0 and does not collapse to a point as the normal one would.
    WinRates.Rate none = WinRates.wilson(0, 10, 0.95);
    assertEquals(0.0, none.low(), 0);
    assertEquals(0.27753, none.high(), 1e-5);
  }

  @Test
  void noComparisonsGiveUndefinedRates() {
    assertTrue(Double.isNaN(WinRates.of(0, 0, 0, 0.95).win().rate()));
  }
}
