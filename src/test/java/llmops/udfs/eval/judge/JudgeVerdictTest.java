package llmops.udfs.eval.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class JudgeVerdictTest {
  private static final JudgeRubric ONE_TO_FIVE = JudgeRubric.numeric("correctness", "Is the answer factually correct?", 1, 5);
  private static final JudgeRubric LABELS = JudgeRubric.labelled("correctness", "Is the answer factually correct?",
      List.of("incorrect", "partially correct", "correct"));

  private static JudgeVerdict scored(double score, double normalised) {
    return new JudgeVerdict(score, null, normalised, null);
  }

  private static JudgeVerdict labelled(String label, double normalised) {
    return new JudgeVerdict(null, label, normalised, null);
  }

  private static JudgeVerdict failed(String reason) {
    return new JudgeVerdict(null, null, null, reason);
  }

  @Test
  void aJsonObjectGivesTheScoreNormalisedToTheScale() {
    assertEquals(scored(4, 0.75), JudgeVerdict.parse(ONE_TO_FIVE, "{\"reasoning\": \"Mostly right.\", \"score\": 4}"));
  }

  @Test
  void aJsonObjectInFencesWithProseAroundItIsFound() {
    String reply = "Here is my evaluation:\n```json\n{\"score\": 2, \"reasoning\": \"Wrong year.\"}\n```\nLet me know if you need more.";
    assertEquals(scored(2, 0.25), JudgeVerdict.parse(ONE_TO_FIVE, reply));
  }

  @Test
  void aRatingFieldCountsAsTheScore() {
    assertEquals(scored(5, 1), JudgeVerdict.parse(ONE_TO_FIVE, "{'Rating': '5',}"));
  }

  @Test
  void aNestedScoreFieldIsFound() {
    assertEquals(scored(3, 0.5), JudgeVerdict.parse(ONE_TO_FIVE, "{\"evaluation\": {\"score\": 3, \"notes\": \"ok\"}}"));
  }

  @Test
  void theJsonDecidesOverTheProse() {
    assertEquals(scored(4, 0.75), JudgeVerdict.parse(ONE_TO_FIVE, "I first thought Score: 2, but {\"score\": 4}"));
  }

  @Test
  void aScoreStatementInProseIsRead() {
    assertEquals(scored(4, 0.75), JudgeVerdict.parse(ONE_TO_FIVE, "The answer names the right city.\n**Score:** 4"));
  }

  @Test
  void aRatingOutOfTheScalesMaximumIsRead() {
    assertEquals(scored(4, 0.75), JudgeVerdict.parse(ONE_TO_FIVE, "Rating: 4 out of 5"));
  }

  @Test
  void aFractionAloneIsRead() {
    assertEquals(scored(3, 0.5), JudgeVerdict.parse(ONE_TO_FIVE, "I would give this answer 3/5."));
  }

  @Test
  void aScoreStatementOutranksOtherFractionsInTheReasoning() {
    assertEquals(scored(2, 0.25), JudgeVerdict.parse(ONE_TO_FIVE, "Only 1/3 of the facts are right. Score: 2"));
  }

  @Test
  void aBareNumberIsTheScore() {
    assertEquals(scored(5, 1), JudgeVerdict.parse(ONE_TO_FIVE, " 5.\n"));
  }

  @Test
  void aNumberInsideProseWithoutAScoreStatementIsNotGuessed() {
    assertEquals(failed("no score found in the reply (expected a whole number from 1 (worst) to 5 (best))"),
        JudgeVerdict.parse(ONE_TO_FIVE, "I'd say 4, maybe 5."));
  }

  @Test
  void twoDifferentScoresAreAmbiguous() {
    assertEquals(failed("ambiguous: the reply gives more than one score (3, 4)"),
        JudgeVerdict.parse(ONE_TO_FIVE, "Score: 3 for accuracy. Score: 4 for style."));
  }

  @Test
  void twoJsonObjectsWithDifferentScoresAreAmbiguous() {
    assertEquals(failed("ambiguous: the reply's JSON gives more than one score (2, 5)"),
        JudgeVerdict.parse(ONE_TO_FIVE, "{\"score\": 2} or maybe {\"score\": 5}"));
  }

  @Test
  void theSameScoreStatedTwiceIsNotAmbiguous() {
    assertEquals(scored(4, 0.75), JudgeVerdict.parse(ONE_TO_FIVE, "Score: 4. To repeat, my rating is 4/5."));
  }

  @Test
  void aScoreOutsideTheScaleIsRejected() {
    assertEquals(failed("7 is outside the scale 1..5"), JudgeVerdict.parse(ONE_TO_FIVE, "{\"score\": 7}"));
  }

  @Test
  void aFractionOfAnotherScaleIsRejected() {
    assertEquals(failed("8/10 is on another scale than a whole number from 1 (worst) to 5 (best)"),
        JudgeVerdict.parse(ONE_TO_FIVE, "Score: 8/10"));
  }

  @Test
  void aFractionalScoreOnAWholeNumberScaleIsRejected() {
    assertEquals(failed("4.5 is not a whole number from 1 (worst) to 5 (best)"), JudgeVerdict.parse(ONE_TO_FIVE, "{\"score\": 4.5}"));
  }

  @Test
  void aWholeNumberWrittenWithDecimalsIsAccepted() {
    assertEquals(scored(4, 0.75), JudgeVerdict.parse(ONE_TO_FIVE, "{\"score\": 4.0}"));
  }

  @Test
  void anEmptyReplyIsAFailure() {
    assertEquals(failed("the reply is empty"), JudgeVerdict.parse(ONE_TO_FIVE, "  \n"));
  }

  @Test
  void aLabelInJsonIsNormalisedByItsPosition() {
    assertEquals(labelled("partially correct", 0.5), JudgeVerdict.parse(LABELS, "{\"score\": \"Partially Correct\"}"));
  }

  @Test
  void aLabelAfterAVerdictKeywordIsRead() {
    assertEquals(labelled("correct", 1), JudgeVerdict.parse(LABELS, "The year is right, so it is not incorrect.\nVerdict: correct"));
  }

  @Test
  void aLabelWordAloneIsRead() {
    assertEquals(labelled("incorrect", 0), JudgeVerdict.parse(LABELS, "Incorrect."));
  }

  @Test
  void aLongerLabelClaimsItsWordsBeforeAShorterOne() {
    assertEquals(labelled("partially correct", 0.5), JudgeVerdict.parse(LABELS, "The answer is partially correct."));
  }

  @Test
  void twoDifferentLabelsAreAmbiguous() {
    assertEquals(failed("ambiguous: the reply gives more than one score (\"correct\", \"incorrect\")"),
        JudgeVerdict.parse(LABELS, "The date is correct but the place is incorrect."));
  }

  @Test
  void aNumberForALabelledScaleIsRejected() {
    assertEquals(failed("3 is a number; the scale is one of \"incorrect\", \"partially correct\", \"correct\" (worst to best)"),
        JudgeVerdict.parse(LABELS, "{\"score\": 3}"));
  }

  @Test
  void anUnknownLabelIsRejected() {
    assertEquals(failed("\"mostly right\" is not one of \"incorrect\", \"partially correct\", \"correct\" (worst to best)"),
        JudgeVerdict.parse(LABELS, "{\"score\": \"mostly right\"}"));
  }

  @Test
  void aFailedVerdictIsNotOk() {
    JudgeVerdict verdict = JudgeVerdict.parse(ONE_TO_FIVE, "no idea");
    assertEquals(false, verdict.ok());
    assertNull(verdict.normalised());
  }
}
