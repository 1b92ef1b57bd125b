package llmops.udfs.text;

import llmops.testing.FidelityVectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Against NLTK 3.8's {@code single_meteor_score} on the tokens of {@link WordTokens}
 * (scripts/fidelity/meteor_vectors.py): 339 reference/prediction pairs of summary-like text.
 *
 * <p>Each pair has two expected scores. {@code meteor_wn31} is NLTK reading the WordNet 3.1 files we
 * read: the same decisions and the same double arithmetic (only {@code pow} may round differently in
 * the last bit), so 1e-9. {@code meteor} is NLTK reading WordNet 3.0, as fmeval does: equal to 1e-6
 * except where the versions' synonyms differ, which moves a score by a whole word's match (2 pairs
 * here, put in on purpose: "bath"/"tub" and "bank"/"count"). Across 2,194 words 71 synonym sets
 * differ between the versions; 337 of the 339 pairs meet none of those differences.
 */
class MeteorTest {
  private static final double SAME_ARITHMETIC = 1e-9;

  private static double score(List<String> reference, List<String> hypothesis) {
    return Meteor.scoreTokens(reference, hypothesis);
  }

  @Test
  void agreesWithNltkOnEveryPairOverTheSameWordNet() throws Exception {
    List<JsonNode> vectors = FidelityVectors.jsonLines("meteor.jsonl");
    assertEquals(339, vectors.size());
    List<String> mismatches = new ArrayList<>();
    for (JsonNode v : vectors) {
      double ours = Meteor.score(v.get("reference").asText(), v.get("prediction").asText());
      double nltk = v.get("meteor_wn31").asDouble();
      if (Math.abs(ours - nltk) > SAME_ARITHMETIC) {
        mismatches.add(v.get("reference").asText() + " | " + v.get("prediction").asText() + ": nltk " + nltk + ", ours " + ours);
      }
    }
    assertEquals(List.of(), mismatches.subList(0, Math.min(5, mismatches.size())), mismatches.size() + " of " + vectors.size() + " differ");
  }

  @Test
  void differsFromNltkOnWordNet30OnlyWhereTheVersionsDo() throws Exception {
    List<JsonNode> vectors = FidelityVectors.jsonLines("meteor.jsonl");
    int within = 0;
    double sumDelta = 0;
    for (JsonNode v : vectors) {
      double ours = Meteor.score(v.get("reference").asText(), v.get("prediction").asText());
      double delta = Math.abs(ours - v.get("meteor").asDouble());
      sumDelta += delta;
      if (delta <= 1e-6) {
        within++;
      } else {
        assertTrue(Math.abs(v.get("meteor").asDouble() - v.get("meteor_wn31").asDouble()) > 1e-6,
            "differs from WordNet 3.0's score although 3.1 gives the same: " + v);
      }
    }
    assertTrue(within >= 337, within + " of " + vectors.size() + " within 1e-6 of fmeval's WordNet");
    assertTrue(sumDelta / vectors.size() <= 0.01, "mean |delta| " + sumDelta / vectors.size());
  }

  @Test
  void identicalTextsScoreOneLessTheOneChunkPenalty() {
    String text = "The cat sat on the mat.";
    // 7 tokens, one chunk: 1 - 0.5 (1/7)^3.
    assertEquals(1 - 0.5 / 343, Meteor.score(text, text), 1e-15);
  }

  @Test
  void noSharedWordScoresZeroAsDoEmptyTexts() {
    assertEquals(0, score(List.of("this", "is", "a", "cat"), List.of("non", "matching", "hypothesis")));
    assertEquals(0, Meteor.score("", "The cat sat."));
    assertEquals(0, Meteor.score("The cat sat.", ""));
  }

  @Test
  void wordOrderOnlyChangesTheFragmentationPenalty() {
    List<String> reference = List.of("red", "green", "blue", "white");
    assertEquals(1 - 0.5 / 64, score(reference, List.of("red", "green", "blue", "white")), 1e-15);
    // Two chunks of two: 1 - 0.5 (2/4)^3.
    assertEquals(0.9375, score(reference, List.of("blue", "white", "red", "green")), 1e-15);
    // Four chunks of one: 1 - 0.5 (4/4)^3.
    assertEquals(0.5, score(reference, List.of("white", "blue", "green", "red")), 1e-15);
  }

  @Test
  void aRepeatedWordPairsWithItsLastOccurrence() {
    // "the" pairs with the second "the", so "the dog" stays one chunk. P = 1, R = 1/2.
    double fmean = 0.5 / (0.9 + 0.1 * 0.5);
    assertEquals(fmean * (1 - 0.5 / 8), score(List.of("the", "cat", "the", "dog"), List.of("the", "dog")), 1e-15);
  }

  @Test
  void caseIsIgnored() {
    assertEquals(1 - 0.5 / 27, score(List.of("The", "Big", "DOG"), List.of("the", "big", "dog")), 1e-15);
  }

  @Test
  void aWordNetSynonymOfAHypothesisWordMatches() {
    // "car" and "auto" share a synset and are their own Porter stems; one chunk of two.
    assertEquals(1 - 0.5 / 8, score(List.of("the", "auto"), List.of("the", "car")), 1e-15);
    // Unrelated words do not: one match in two words each (P = R = 1/2), a chunk of one (penalty 0.5).
    assertEquals(0.5 * (1 - 0.5), score(List.of("the", "auto"), List.of("the", "pear")), 1e-15);
  }

  @Test
  void wordsWithTheSamePorterStemMatch() {
    // "connection" and "connected" share no synset, only the stem "connect".
    assertEquals(1 - 0.5 / 8, score(List.of("a", "connection"), List.of("a", "connected")), 1e-15);
  }

  @Test
  void nltksOwnExampleScoresAsItsDocumentationSays() {
    List<String> hypothesis = List.of("It", "is", "a", "guide", "to", "action", "which", "ensures", "that", "the",
        "military", "always", "obeys", "the", "commands", "of", "the", "party");
    List<String> reference = List.of("It", "is", "a", "guide", "to", "action", "that", "ensures", "that", "the",
        "military", "will", "forever", "heed", "Party", "commands");
    assertEquals(0.6944, Math.round(score(reference, hypothesis) * 1e4) / 1e4);
  }
}
