package llmops.udfs.eval.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import llmops.testing.FidelityVectors;
import org.junit.jupiter.api.Test;

class WordErrorRateTest {
  /** Ratios of the same integer counts on both sides; one word more or less moves the rate by far more. */
  private static final double TOLERANCE = 1e-12;

  @Test
  void matchesEvaluatesWerOnTheReferenceVectors() throws Exception {
    List<JsonNode> vectors = FidelityVectors.jsonLines("word_error_rate.jsonl");
    int undefined = 0;
    for (JsonNode v : vectors) {
      List<String> perturbed = new ArrayList<>();
      v.get("perturbed_outputs").forEach(node -> perturbed.add(node.asText()));
      Double wer = WordErrorRate.of(v.get("original").asText(), perturbed);
      if (v.has("error")) {
        assertNull(wer, v.toString());
        undefined++;
      } else {
        assertEquals(v.get("wer").asDouble(), wer, TOLERANCE, v.toString());
      }
    }
    assertEquals(259, vectors.size());
    assertEquals(3, undefined);
  }

  @Test
  void identicalOutputsHaveNoErrors() {
    assertEquals(0.0, WordErrorRate.of("the cat sat", List.of("the cat sat", "the cat sat")));
  }

  @Test
  void errorsAndReferenceWordsAreSummedOverThePerturbedOutputs() {
    // "a x c": 1 substitution; "a b": 1 deletion; "a b c d": 1 insertion; "": 3 deletions; "c b a": 2 substitutions.
    // (1 + 1 + 1 + 3 + 2) / (5 * 3) = 8/15
    assertEquals(8.0 / 15, WordErrorRate.of("a b c", List.of("a x c", "a b", "a b c d", "", "c b a")), TOLERANCE);
  }

  @Test
  void oneNewlineDoesNotSeparateWordsButTwoWhitespaceCharactersDo() {
    assertEquals(List.of("a\nb", "c"), WordErrorRate.words("a\nb c"));
    assertEquals(List.of("a", "b", "c"), WordErrorRate.words("a\n\nb c"));
    assertEquals(List.of("the", "cat"), WordErrorRate.words("  the\u00a0 cat \n"));
  }

  @Test
  void wordsAreComparedAsWrittenWithCaseAndPunctuation() {
    assertEquals(1.0, WordErrorRate.of("word", List.of("Word.")));
  }

  @Test
  void anOriginalOutputWithoutWordsHasNoRate() {
    assertNull(WordErrorRate.of(" \n ", List.of("a", "b")));
  }
}
