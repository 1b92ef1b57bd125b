package llmops.udfs.eval.pairwise;

import llmops.udfs.eval.pairwise.PairwiseVerdict.Shown;

/**
 * One comparison of two models' answers to the same input, from the judge's verdicts in both orders:
 * first with the first model's answer shown as A, then with it shown as B. A model wins only when both
 * orders prefer it; a verdict that follows the position instead of the answer (A both times, B both
 * times), or a tie in either order, is a tie.
 */
public enum PairwiseOutcome {
  FIRST_WINS, TIE, SECOND_WINS;

  /** {@code firstShownAsA}: the verdict with the first model as A; {@code firstShownAsB}: with the order swapped. */
  public static PairwiseOutcome of(Shown firstShownAsA, Shown firstShownAsB) {
    if (firstShownAsA == Shown.A && firstShownAsB == Shown.B) {
      return FIRST_WINS;
    }
    if (firstShownAsA == Shown.B && firstShownAsB == Shown.A) {
      return SECOND_WINS;
    }
    return TIE;
  }

  /** Whether the two orders disagreed about which answer was better (the judge followed the position). */
  public static boolean flipped(Shown firstShownAsA, Shown firstShownAsB) {
    return firstShownAsA != Shown.TIE && firstShownAsA == firstShownAsB;
  }
}
