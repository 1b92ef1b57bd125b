package llmops.udfs.eval.rag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Ragas' definitions on cases worked by hand. */
class RagScoresTest {
  @Test
  void faithfulnessIsTheShareOfSupportedClaims() {
    assertEquals(2 / 3.0, RagScores.faithfulness(List.of(true, false, true)), 1e-15);
    assertEquals(0.0, RagScores.faithfulness(List.of(false)), 0);
  }

  @Test
  void faithfulnessOfAnAnswerWithoutClaimsIsUndefinedAsInRagas() {
    assertNull(RagScores.faithfulness(List.of()));
  }

  @Test
  void contextPrecisionIsTheMeanPrecisionAtTheRelevantRanks() {
    // Relevant at ranks 1 and 3: precision@1 = 1, precision@3 = 2/3; their mean is 5/6.
    assertEquals(5 / 6.0, RagScores.contextPrecision(List.of(true, false, true)), 1e-15);
    // The same two relevant contexts ranked first score 1: precision rewards ranking them higher.
    assertEquals(1.0, RagScores.contextPrecision(List.of(true, true, false)), 1e-15);
    // Relevant only at rank 2: precision@2 = 1/2.
    assertEquals(0.5, RagScores.contextPrecision(List.of(false, true)), 1e-15);
    assertEquals(0.0, RagScores.contextPrecision(List.of(false, false)), 0);
  }

  @Test
  void contextRecallIsTheShareOfReferenceSentencesTheContextsSupport() {
    assertEquals(0.25, RagScores.contextRecall(List.of(true, false, false, false)), 1e-15);
    assertNull(RagScores.contextRecall(List.of()));
  }

  @Test
  void answerRelevancyIsTheMeanCosineAndZeroForANoncommittalAnswer() {
    assertEquals(0.7, RagScores.answerRelevancy(new double[] {0.9, 0.6, 0.6}, false), 1e-15);
    assertEquals(0.0, RagScores.answerRelevancy(new double[] {0.9, 0.6, 0.6}, true), 0);
  }
}
