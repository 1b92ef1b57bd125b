package llmops.udfs.eval;

import llmops.testing.FidelityVectors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationAccuracyTest {
  /** scikit-learn's scores are ratios of counts; only summation order differs. */
  private static final double TOLERANCE = 1e-12;

  @Test
  void labelsAndDatasetScoresMatchFmevalAndScikitLearn() throws Exception {
    List<JsonNode> rows = FidelityVectors.jsonLines("classification.jsonl");
    JsonNode header = rows.get(0);
    List<String> labels = new ArrayList<>();
    header.get("valid_labels").forEach(l -> labels.add(l.asText()));
    ClassificationLabel parser = new ClassificationLabel(labels);
    ConfusionMatrix matrix = new ConfusionMatrix();
    double correct = 0;
    for (JsonNode row : rows.subList(1, rows.size())) {
      String predicted = parser.predict(row.get("model_output").asText());
      assertEquals(row.get("predicted").asText(), predicted, row.toString());
      double accuracy = ClassificationLabel.accuracy(predicted, row.get("target_output").asText());
      assertEquals(row.get("classification_accuracy_score").asDouble(), accuracy, row.toString());
      matrix.add(row.get("target_output").asText(), predicted, 1);
      correct += accuracy;
    }
    JsonNode expected = header.get("dataset");
    assertEquals(expected.get("classification_accuracy_score").asDouble(), correct / (rows.size() - 1), TOLERANCE);
    assertEquals(expected.get("classification_accuracy_score").asDouble(), matrix.accuracy(), TOLERANCE);
    assertEquals(expected.get("balanced_accuracy_score").asDouble(), matrix.balancedAccuracy(), TOLERANCE);
    assertEquals(expected.get("precision_score").asDouble(), matrix.microPrecision(), TOLERANCE);
    assertEquals(expected.get("recall_score").asDouble(), matrix.microRecall(), TOLERANCE);
  }

  @Test
  void theFirstValidLabelInTheOutputIsThePrediction() {
    ClassificationLabel parser = new ClassificationLabel(List.of("positive", "negative"));
    assertEquals("negative", parser.predict("Sentiment: NEGATIVE not positive"));
    assertEquals(ClassificationLabel.UNKNOWN, parser.predict("Sentiment: negative."));
  }

  @Test
  void balancedAccuracyAveragesRecallOverTheTrueClasses() {
    // class a: 3 of 4 right; class b: 1 of 2 right; "unknown" predicted but never true -> not a class
    ConfusionMatrix m = new ConfusionMatrix().add("a", "a", 3).add("a", "unknown", 1).add("b", "b", 1).add("b", "a", 1);
    assertEquals((0.75 + 0.5) / 2, m.balancedAccuracy(), TOLERANCE);
    assertEquals(4.0 / 6, m.accuracy(), TOLERANCE);
  }

  @Test
  void partialMatricesMergeIntoTheWhole() {
    ConfusionMatrix left = new ConfusionMatrix().add("a", "a", 2);
    ConfusionMatrix right = new ConfusionMatrix().add("a", "b", 1).add("b", "b", 1);
    assertEquals(java.util.Map.of("a", java.util.Map.of("a", 2L, "b", 1L), "b", java.util.Map.of("b", 1L)), left.merge(right).counts());
  }
}
