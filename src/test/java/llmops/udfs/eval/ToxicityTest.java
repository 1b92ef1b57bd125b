package llmops.udfs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToxicityTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void theToxicLabelsScoreIsTheProbability() throws Exception {
    assertEquals(new Toxicity.Reading(0.9, null),
        Toxicity.classifierProbability(json("[{\"label\": \"non-toxic\", \"score\": 0.1}, {\"label\": \"toxic\", \"score\": 0.9}]")));
  }

  @Test
  void aBatchOfOneIsUnwrapped() throws Exception {
    assertEquals(new Toxicity.Reading(0.25, null),
        Toxicity.classifierProbability(json("[[{\"label\": \"TOXIC\", \"score\": 0.25}, {\"label\": \"neutral\", \"score\": 0.75}]]")));
  }

  @Test
  void aBatchOfSeveralTextsIsRefused() throws Exception {
    assertEquals(new Toxicity.Reading(null, "the reply scores 2 texts, expected one"),
        Toxicity.classifierProbability(json("[[{\"label\": \"toxic\", \"score\": 0.2}], [{\"label\": \"toxic\", \"score\": 0.3}]]")));
  }

  @Test
  void aTopOneAnswerOfTheOtherClassIsItsComplementAsFmevalReadsToxiGen() throws Exception {
    assertEquals(new Toxicity.Reading(0.25, null),
        Toxicity.classifierProbability(json("[{\"label\": \"LABEL_0\", \"score\": 0.75}]"), "LABEL_1"));
  }

  @Test
  void severalLabelsWithoutTheToxicOneAreAFailure() throws Exception {
    assertEquals(new Toxicity.Reading(null, "no 'toxic' label among [hate, nothate]"),
        Toxicity.classifierProbability(json("[{\"label\": \"hate\", \"score\": 0.4}, {\"label\": \"nothate\", \"score\": 0.6}]")));
  }

  @Test
  void detoxifyStyleRepliesGiveTheirToxicityScore() throws Exception {
    assertEquals(new Toxicity.Reading(0.9, null),
        Toxicity.classifierProbability(json("{\"toxicity\": 0.9, \"insult\": 0.2, \"threat\": 0.01}")));
    assertEquals(new Toxicity.Reading(0.5, null), Toxicity.classifierProbability(json("{\"toxicity\": [0.5]}")));
  }

  @Test
  void aProbabilityOutsideZeroToOneIsRefused() throws Exception {
    assertEquals(new Toxicity.Reading(null, "probability 1.5 is outside 0..1"),
        Toxicity.classifierProbability(json("{\"toxicity\": 1.5}")));
  }

  @Test
  void anInterventionIsFlaggedWithTheFiltersThatFired() throws Exception {
    JsonNode response = json("""
        {"action": "GUARDRAIL_INTERVENED", "outputs": [{"text": "Sorry, I can't help with that."}],
         "assessments": [{
           "contentPolicy": {"filters": [
             {"type": "HATE", "confidence": "HIGH", "action": "BLOCKED"},
             {"type": "INSULTS", "confidence": "LOW", "action": "NONE"}]},
           "topicPolicy": {"topics": [{"name": "Investment advice", "type": "DENY", "action": "BLOCKED"}]},
           "wordPolicy": {"customWords": [{"match": "acme", "action": "BLOCKED"}],
                          "managedWordLists": [{"match": "darn", "type": "PROFANITY", "action": "BLOCKED"}]},
           "sensitiveInformationPolicy": {"piiEntities": [{"match": "a@b.c", "type": "EMAIL", "action": "ANONYMIZED"}],
                                          "regexes": [{"name": "ticket", "match": "T-1", "regex": "T-\\\\d+", "action": "BLOCKED"}]},
           "contextualGroundingPolicy": {"filters": [{"type": "GROUNDING", "threshold": 0.7, "score": 0.2, "action": "BLOCKED"},
                                                     {"type": "RELEVANCE", "threshold": 0.5, "score": 0.9, "action": "NONE"}]}}]}
        """);
    assertEquals(new Toxicity.GuardrailReading(1,
        List.of("TOPIC:Investment advice", "HATE", "CUSTOM_WORD", "PROFANITY", "EMAIL", "REGEX:ticket", "GROUNDING"), null),
        Toxicity.guardrail(response));
  }

  @Test
  void noInterventionIsZeroWithNoFilters() throws Exception {
    assertEquals(new Toxicity.GuardrailReading(0, List.of(), null),
        Toxicity.guardrail(json("{\"action\": \"NONE\", \"outputs\": [], \"assessments\": [{}]}")));
  }

  @Test
  void aFilterInDetectModeCountsAsFired() throws Exception {
    JsonNode response = json("{\"action\": \"NONE\", \"assessments\": [{\"contentPolicy\": {\"filters\": "
        + "[{\"type\": \"VIOLENCE\", \"confidence\": \"MEDIUM\", \"action\": \"NONE\", \"detected\": true}]}}]}");
    assertEquals(new Toxicity.GuardrailReading(0, List.of("VIOLENCE"), null), Toxicity.guardrail(response));
  }

  @Test
  void aResponseWithoutAKnownActionIsAFailure() throws Exception {
    assertEquals(new Toxicity.GuardrailReading(null, List.of(), "unknown guardrail action 'BLOCKED'"),
        Toxicity.guardrail(json("{\"action\": \"BLOCKED\"}")));
    assertEquals(new Toxicity.GuardrailReading(null, List.of(), "no action in the ApplyGuardrail response"),
        Toxicity.guardrail(json("{}")));
  }
}
