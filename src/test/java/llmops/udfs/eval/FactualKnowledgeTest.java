package llmops.udfs.eval;

import llmops.testing.FidelityVectors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class FactualKnowledgeTest {
  @Test
  void matchesFmevalOnTheReferenceVectors() throws Exception {
    List<JsonNode> vectors = FidelityVectors.jsonLines("factual_knowledge.jsonl");
    for (JsonNode v : vectors) {
      FactualKnowledge s = FactualKnowledge.score(v.get("model_output").asText(),
          TargetOutputs.split(v.get("target_output").asText(), v.get("delimiter").asText()),
          FactualKnowledge.Operator.parse(v.get("logical_operator").asText()));
      assertEquals(v.get("expected").get("factual_knowledge").asDouble(), s.exactInclusion(), 0, v.toString());
      assertEquals(v.get("expected").get("factual_knowledge_quasi_exact").asDouble(), s.quasiExactInclusion(), 0, v.toString());
    }
    assertEquals(634, vectors.size());
  }

  @Test
  void theTargetMayBeAnywhereInTheOutputInAnyCase() {
    assertEquals(new FactualKnowledge(1, 1), FactualKnowledge.score("It is GERMANY, of course", List.of("Germany"), FactualKnowledge.Operator.OR));
  }

  @Test
  void normalisationForgivesPunctuationThatExactInclusionDoesNot() {
    assertEquals(new FactualKnowledge(0, 1), FactualKnowledge.score("The U.S.A.", List.of("usa"), FactualKnowledge.Operator.OR));
  }

  @Test
  void andNeedsEveryTarget() {
    List<String> colours = TargetOutputs.split("red<AND>yellow<AND>blue", "<AND>");
    assertEquals(0, FactualKnowledge.score("red and blue", colours, FactualKnowledge.Operator.AND).exactInclusion());
    assertEquals(1, FactualKnowledge.score("red, yellow and blue", colours, FactualKnowledge.Operator.AND).exactInclusion());
    assertEquals(1, FactualKnowledge.score("red and blue", colours, FactualKnowledge.Operator.OR).exactInclusion());
  }
}
