package llmops.udfs.eval.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import llmops.udfs.eval.ClassificationLabel;
import org.junit.jupiter.api.Test;

class RobustnessDeltasTest {
  /** Means of a few exact differences. */
  private static final double TOLERANCE = 1e-15;

  @Test
  void theDeltaIsTheMeanAbsoluteDifference() {
    // (0.5 + 0.5 + 0 + 0.25) / 4
    assertEquals(0.3125, RobustnessDeltas.meanDelta(0.5, new double[] {1.0, 0.0, 0.5, 0.25}), TOLERANCE);
  }

  @Test
  void aRiseAndADropDoNotCancel() {
    assertEquals(0.5, RobustnessDeltas.meanDelta(0.5, new double[] {1.0, 0.0}), TOLERANCE);
  }

  @Test
  void qaAccuracyDeltasCompareEachPerturbedAnswerWithTheOriginal() {
    // The original scores 1 everywhere; "paris." loses only the exact match, "London" loses everything.
    Map<String, Double> deltas = RobustnessDeltas.qaAccuracy("Paris", List.of("Paris", "paris.", "London"), List.of("Paris"));
    assertEquals(List.of("delta_exact_match_score", "delta_quasi_exact_match_score", "delta_f1_score",
        "delta_precision_over_words", "delta_recall_over_words"), List.copyOf(deltas.keySet()));
    assertEquals(2.0 / 3, deltas.get("delta_exact_match_score"), TOLERANCE);
    assertEquals(1.0 / 3, deltas.get("delta_quasi_exact_match_score"), TOLERANCE);
    assertEquals(1.0 / 3, deltas.get("delta_f1_score"), TOLERANCE);
    assertEquals(1.0 / 3, deltas.get("delta_precision_over_words"), TOLERANCE);
    assertEquals(1.0 / 3, deltas.get("delta_recall_over_words"), TOLERANCE);
  }

  @Test
  void aRobustSummaryHasZeroDeltas() {
    String summary = "The cat sat on the mat.";
    Map<String, Double> deltas = RobustnessDeltas.summarizationAccuracy(summary, Collections.nCopies(5, summary),
        List.of("A cat was sitting on the mat."));
    assertEquals(Map.of("delta_rouge1", 0.0, "delta_rouge2", 0.0, "delta_rougeL", 0.0, "delta_meteor", 0.0, "delta_bleu", 0.0), deltas);
  }

  @Test
  void withoutANonEmptyTargetTheBleuDeltaIsNull() {
    Map<String, Double> deltas = RobustnessDeltas.summarizationAccuracy("a summary", List.of("a summary", "another"), List.of(""));
    assertNull(deltas.get("delta_bleu"));
    assertEquals(0.0, deltas.get("delta_rouge1"));
  }

  @Test
  void classificationDeltaIsTheShareOfPerturbationsThatFlipCorrectness() {
    ClassificationLabel labels = new ClassificationLabel(List.of("positive", "negative"));
    // Predicted: positive, negative, positive, unknown, unknown ("positive!" is no label): 3 of 5 flip.
    Map<String, Double> deltas = RobustnessDeltas.classificationAccuracy("positive",
        List.of("positive", "Negative", "I think positive", "unsure", "positive!"), "positive", labels);
    assertEquals(Map.of("delta_classification_accuracy_score", 0.6), deltas);
  }
}
