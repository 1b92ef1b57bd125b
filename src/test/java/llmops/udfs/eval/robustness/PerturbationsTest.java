package llmops.udfs.eval.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import llmops.testing.FidelityVectors;
import org.junit.jupiter.api.Test;

class PerturbationsTest {
  private static final String FOX = "A quick brown fox jumps over the lazy dog 10 times.";

  /** Every perturbed text of scripts/fidelity/robustness_vectors.py, which restates fmeval over Python's random and numpy: strings, so exact. */
  @Test
  void matchesFmevalOnTheReferenceVectors() throws Exception {
    List<JsonNode> vectors = FidelityVectors.jsonLines("perturbations.jsonl");
    for (JsonNode v : vectors) {
      String text = v.get("text").asText();
      long seed = v.get("seed").asLong();
      int n = v.get("num_perturbations").asInt();
      JsonNode params = v.get("params");
      List<String> actual = switch (v.get("perturbation").asText()) {
        case "butter_finger" -> Perturbations.butterFinger(text, params.get("perturbation_prob").asDouble(), n, seed);
        case "random_upper_case" -> Perturbations.randomUpperCase(text, params.get("corrupt_proportion").asDouble(), n, seed);
        case "whitespace_add_remove" -> Perturbations.whitespaceAddRemove(text,
            params.get("remove_prob").asDouble(), params.get("add_prob").asDouble(), n, seed);
        default -> throw new AssertionError(v.get("perturbation").asText());
      };
      assertEquals(strings(v.get("outputs")), actual, v.toString());
    }
    assertEquals(1095, vectors.size());
  }

  // The next three are fmeval's own unit-test cases (test_semantic_perturbation_utils.py), answers from fmeval itself.

  @Test
  void butterFingerReproducesFmevalsOwnTestCases() {
    assertEquals(List.of(
        "A quick bcmwn fox jumps over bhr lwzj dog 10 times.",
        "A auick brown fox jumps over the lazy dog 10 timef.",
        "A quick brown flz jujps ovef the lazy dog 10 times."), Perturbations.butterFinger(FOX, 0.1, 3, 3));
    assertEquals(List.of(
        "A qujck brown fov jumps over dhe lavg dog 10 times.",
        "A qhick brocm fox jukps over tie pazy dog 10 times."), Perturbations.butterFinger(FOX, 0.2, 2, 10));
  }

  @Test
  void randomUpperCaseReproducesFmevalsOwnTestCases() {
    assertEquals(List.of(
        "A quick bRowN fox jumps over the lazy dOG 10 timEs.",
        "A quicK brown fox jUmps Over tHe lazy dog 10 Times.",
        "A qUicK brown fox jumps over thE lazy Dog 10 timEs."), Perturbations.randomUpperCase(FOX, 0.1, 3, 3));
    assertEquals(List.of(
        "A qUick brown fox juMPs oveR thE lazy Dog 10 TimEs.",
        "A quick brown foX jUMps ovER the lazY dog 10 tiMes."), Perturbations.randomUpperCase(FOX, 0.2, 2, 10));
  }

  @Test
  void whitespaceAddRemoveReproducesFmevalsOwnTestCases() {
    assertEquals(List.of(
        "A quick  brown fox jumps ov er the lazydog 10 times.",
        "A quick brown foxjumps o ve r the lazy  dog10 times.",
        "A quick brow n f oxjumps o ver the lazy do g 10 times."), Perturbations.whitespaceAddRemove(FOX, 0.1, 0.05, 3, 3));
    assertEquals(List.of(
        "A qu ickbr o wnfox  jumps  over t he  la zydog  10  times .",
        "A  q ui c k bro w nf ox  jump sov e r  th e l azy d og 10 ti mes. "),
        Perturbations.whitespaceAddRemove(FOX, 0.2, 0.4, 2, 10));
  }

  @Test
  void fmevalDefaultsAreFivePerturbationsWithSeedFive() {
    assertEquals(Perturbations.butterFinger(FOX, 0.1, 5, 5), SemanticPerturbation.fmevalDefaults("butter_finger").perturb(FOX));
    assertEquals(Perturbations.randomUpperCase(FOX, 0.1, 5, 5), SemanticPerturbation.fmevalDefaults("random_upper_case").perturb(FOX));
    assertEquals(Perturbations.whitespaceAddRemove(FOX, 0.1, 0.05, 5, 5),
        SemanticPerturbation.fmevalDefaults("whitespace_add_remove").perturb(FOX));
  }

  @Test
  void eachRecordStartsFromTheSeedSoTheSameTextGivesTheSamePerturbations() {
    SemanticPerturbation perturbation = SemanticPerturbation.fmevalDefaults("butter_finger");
    List<String> first = perturbation.perturb(FOX);
    perturbation.perturb("another record in between");
    assertEquals(first, perturbation.perturb(FOX));
  }

  @Test
  void aCapitalOutsideTheTableComesBackAsItsLowerCaseUpperCased() {
    // As Python's 'İ'.lower().upper(): a capital I and a combining dot above, two code points.
    assertEquals(List.of("I\u0307", "I\u0307"), Perturbations.butterFinger("\u0130", 0.1, 2, 5));
  }

  @Test
  void anEmptyTextGivesEmptyPerturbations() {
    assertEquals(List.of("", "", ""), Perturbations.randomUpperCase("", 0.1, 3, 5));
    assertEquals(List.of("", "", ""), Perturbations.butterFinger("", 0.1, 3, 5));
    assertEquals(List.of("", "", ""), Perturbations.whitespaceAddRemove("", 0.1, 0.05, 3, 5));
  }

  @Test
  void anUnknownTypeIsRefusedWithTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SemanticPerturbation.fmevalDefaults("typos"));
    assertEquals("unknown perturbation_type 'typos' (known: butter_finger, random_upper_case, whitespace_add_remove)", e.getMessage());
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(node -> out.add(node.asText()));
    return out;
  }
}
