package llmops.udfs.text;

import llmops.testing.FidelityVectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Against NLTK 3.8 itself: untrained Punkt sentences, then NLTKWordTokenizer on each
 * (scripts/fidelity/meteor_vectors.py). Token lists must be equal, every one.
 */
class WordTokensTest {
  @Test
  void everyTextTokenizesExactlyAsNltk() throws Exception {
    List<JsonNode> vectors = FidelityVectors.jsonLines("word_tokens.jsonl");
    assertTrue(vectors.size() > 400, "vectors: " + vectors.size());
    List<String> mismatches = new ArrayList<>();
    for (JsonNode v : vectors) {
      List<String> expected = new ArrayList<>();
      v.get("tokens").forEach(t -> expected.add(t.asText()));
      List<String> actual = WordTokens.of(v.get("text").asText());
      if (!expected.equals(actual)) {
        mismatches.add(v.get("text").asText() + "\n  nltk: " + expected + "\n  ours: " + actual);
      }
    }
    assertEquals(List.of(), mismatches.subList(0, Math.min(5, mismatches.size())), mismatches.size() + " of " + vectors.size() + " differ");
  }

  @Test
  void sentencesAreSplitBeforeWordsSoInnerPeriodsComeOff() {
    assertEquals(List.of("The", "cat", "sat", ".", "The", "dog", "ran", "."), WordTokens.of("The cat sat. The dog ran."));
  }

  @Test
  void contractionsAndQuotesFollowTheTreebankConventions() {
    assertEquals(List.of("``", "I", "ca", "n't", "go", ",", "''", "she", "said", "."), WordTokens.of("\"I can't go,\" she said."));
  }

  @Test
  void untrainedPunktEndsASentenceAfterAnAbbreviationButNotAfterAnInitial() {
    // fmeval's trained English model keeps "Mr." whole; see WordTokens.
    assertEquals(List.of("Mr", ".", "Smith", "met", "J.", "Doe", "."), WordTokens.of("Mr. Smith met J. Doe."));
  }

  @Test
  void emptyAndBlankTextsHaveNoTokens() {
    assertEquals(List.of(), WordTokens.of(""));
    assertEquals(List.of(), WordTokens.of(" \n\t "));
  }
}
