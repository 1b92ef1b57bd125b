package llmops.udfs.text;

import llmops.testing.FidelityVectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Against NLTK 3.8's {@code wordnet.synsets(word)} lemma names (scripts/fidelity/meteor_vectors.py)
 * over the same WordNet 3.1 files: every word of the METEOR corpus and its Porter stem, and a
 * seeded sample of WordNet's lemmas, exception forms and suffixed lemmas. Sets must be equal.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WordNetSynonymsTest {
  private static Set<String> strings(JsonNode array) {
    Set<String> out = new TreeSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void everyWordHasExactlyNltksSynonymsOverTheSameWordNet() throws Exception {
    List<JsonNode> vectors = FidelityVectors.jsonLines("wordnet_synonyms.jsonl");
    assertTrue(vectors.size() > 2000, "vectors: " + vectors.size());
    List<String> mismatches = new ArrayList<>();
    for (JsonNode v : vectors) {
      String word = v.get("word").asText();
      Set<String> expected = strings(v.get("wn31"));
      Set<String> actual = new TreeSet<>(WordNetSynonyms.of(word));
      if (!expected.equals(actual)) {
        mismatches.add("'" + word + "': nltk " + expected + ", ours " + actual);
      }
    }
    assertEquals(List.of(), mismatches.subList(0, Math.min(5, mismatches.size())), mismatches.size() + " of " + vectors.size() + " differ");
  }

  @Test
  void singleWordLemmasOfEverySenseAndPartOfSpeech() {
    Set<String> car = WordNetSynonyms.of("car");
    assertTrue(car.containsAll(Set.of("car", "auto", "automobile", "machine", "motorcar", "railcar", "gondola")), car.toString());
    assertFalse(car.contains("railway car"), "multi-word lemmas are skipped, as NLTK skips names with '_'");
    assertTrue(WordNetSynonyms.of("big").containsAll(Set.of("large", "boastfully")), "adjective and adverb senses");
  }

  @Test
  void inflectedFormsReachTheirLemmasAsMorphyFindsThem() {
    assertTrue(WordNetSynonyms.of("geese").contains("goose"), "noun exception list");
    assertTrue(WordNetSynonyms.of("ran").contains("run"), "verb exception list");
    assertTrue(WordNetSynonyms.of("wolves").contains("wolf"));
    assertTrue(WordNetSynonyms.of("carses").contains("automobile"), "suffix rules applied again when one round finds nothing");
    // Listed twice in noun.exc ("aurar eyir", "aurar eyrir"): NLTK keeps the last line.
    assertTrue(WordNetSynonyms.of("aurar").contains("eyrir"));
  }

  @Test
  void namesKeepWordNetsCaseAndLookupsTakeTheStringAsItIs() {
    Set<String> us = WordNetSynonyms.of("us");
    assertTrue(us.containsAll(Set.of("US", "U.S.", "America")), us.toString());
    assertFalse(us.contains("america"));
    assertEquals(Set.of(), WordNetSynonyms.of("new york"), "NLTK finds only new_york");
    assertTrue(WordNetSynonyms.of("new_york").contains("NY"));
    assertEquals(Set.of(), WordNetSynonyms.of(" car"));
    assertEquals(Set.of(), WordNetSynonyms.of(""));
  }

  /** First, so that most words are not cached yet and the threads race on the dictionary itself. */
  @Test
  @Order(1)
  void concurrentCallersGetNltksAnswersToo() throws Exception {
    List<JsonNode> vectors = FidelityVectors.jsonLines("wordnet_synonyms.jsonl");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> wrong = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        boolean backwards = t % 2 == 1;
        wrong.add(pool.submit(() -> {
          int n = 0;
          for (int i = 0; i < vectors.size(); i++) {
            JsonNode v = vectors.get(backwards ? vectors.size() - 1 - i : i);
            n += strings(v.get("wn31")).equals(new TreeSet<>(WordNetSynonyms.of(v.get("word").asText()))) ? 0 : 1;
          }
          return n;
        }));
      }
      for (Future<Integer> w : wrong) {
        assertEquals(0, w.get());
      }
    } finally {
      pool.shutdown();
    }
  }
}
