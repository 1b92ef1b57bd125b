package llmops.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvalAlgorithmTest {
  @Test
  void aConfigNamesAnAlgorithmByItsEvalNameOrByFmevalsClassName() {
    assertEquals(Optional.of(EvalAlgorithm.QA_ACCURACY), EvalAlgorithm.parse("qa_accuracy"));
    assertEquals(Optional.of(EvalAlgorithm.QA_ACCURACY), EvalAlgorithm.parse("QAAccuracy"));
    assertEquals(Optional.of(EvalAlgorithm.LLM_JUDGE), EvalAlgorithm.parse("LLMJudge"));
    assertEquals(Optional.empty(), EvalAlgorithm.parse("qa-accuracy"));
  }

  @Test
  void aSemanticRobustnessAlgorithmScoresTheDeltasOfItsAccuracyAlgorithm() {
    EvalAlgorithm robustness = EvalAlgorithm.SUMMARIZATION_ACCURACY_SEMANTIC_ROBUSTNESS;
    assertEquals(EvalAlgorithm.SUMMARIZATION_ACCURACY, robustness.accuracy());
    assertEquals(List.of("delta_rouge1", "delta_rouge2", "delta_rougeL", "delta_meteor", "delta_bleu"), robustness.scores());
    assertTrue(robustness.isRobustness());
    assertTrue(EvalAlgorithm.GENERAL_SEMANTIC_ROBUSTNESS.isRobustness());
    assertNull(EvalAlgorithm.GENERAL_SEMANTIC_ROBUSTNESS.accuracy(), "it compares outputs, not an accuracy algorithm's scores");
    assertFalse(EvalAlgorithm.QA_ACCURACY.isRobustness());
  }

  @Test
  void errorRatesToxicityAndRobustnessDeltasAreBetterLower() {
    assertTrue(EvalAlgorithm.lowerIsBetter("word_error_rate"));
    assertTrue(EvalAlgorithm.lowerIsBetter("toxicity"));
    assertTrue(EvalAlgorithm.lowerIsBetter("delta_f1_score"));
    assertFalse(EvalAlgorithm.lowerIsBetter("f1_score"));
  }
}
