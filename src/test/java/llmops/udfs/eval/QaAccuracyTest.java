package llmops.udfs.eval;

import llmops.testing.FidelityVectors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class QaAccuracyTest {
  /** fmeval's definitions restated over NLTK by scripts/fidelity/eval_vectors.py; the scores are ratios of small counts. */
  private static final double TOLERANCE = 1e-12;

  @Test
  void matchesFmevalOnTheReferenceVectors() throws Exception {
    List<JsonNode> vectors = FidelityVectors.jsonLines("qa_accuracy.jsonl");
    for (JsonNode v : vectors) {
      QaAccuracy s = QaAccuracy.score(v.get("model_output").asText(),
          TargetOutputs.split(v.get("target_output").asText(), v.get("delimiter").asText()));
      JsonNode e = v.get("expected");
      String what = v.toString();
      assertEquals(e.get("exact_match_score").asDouble(), s.exactMatch(), TOLERANCE, what);
      assertEquals(e.get("quasi_exact_match_score").asDouble(), s.quasiExactMatch(), TOLERANCE, what);
      assertEquals(e.get("f1_score").asDouble(), s.f1(), TOLERANCE, what);
      assertEquals(e.get("precision_over_words").asDouble(), s.precision(), TOLERANCE, what);
      assertEquals(e.get("recall_over_words").asDouble(), s.recall(), TOLERANCE, what);
    }
    assertEquals(317, vectors.size());
  }

  @Test
  void articlesPunctuationAndCaseDoNotStopAQuasiExactMatch() {
    QaAccuracy s = QaAccuracy.score("The Eiffel Tower!", List.of("eiffel tower"));
    assertEquals(0, s.exactMatch());
    assertEquals(1, s.quasiExactMatch());
  }

  @Test
  void wordOverlapIsCountedOverSetsOfWords() {
    // output words {paris, paris, france} -> {paris, france}; target {paris}: P = 1/2, R = 1, F1 = 2/3
    QaAccuracy s = QaAccuracy.score("Paris paris France", List.of("Paris"));
    assertEquals(0.5, s.precision(), TOLERANCE);
    assertEquals(1, s.recall(), TOLERANCE);
    assertEquals(2.0 / 3, s.f1(), TOLERANCE);
  }

  @Test
  void theBestTargetCounts() {
    QaAccuracy s = QaAccuracy.score("UK", TargetOutputs.split("United Kingdom<OR>UK", "<OR>"));
    assertEquals(1, s.exactMatch());
    assertEquals(1, s.f1());
  }

  @Test
  void anEmptyOutputScoresZero() {
    QaAccuracy s = QaAccuracy.score("", List.of("Paris"));
    assertEquals(new QaAccuracy(0, 0, 0, 0, 0), s);
  }
}
