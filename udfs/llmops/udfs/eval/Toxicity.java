package llmops.udfs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reading the replies of the services a toxicity score comes from: a text classifier's probability of
 * the toxic class, and whether a Bedrock guardrail intervened and which of its filters fired.
 */
public final class Toxicity {
  /** The toxic class's label in most HuggingFace toxicity classifiers. */
  public static final String DEFAULT_TOXIC_LABEL = "toxic";
  /** detoxify's score name, and fmeval's. */
  private static final String DETOXIFY_TOXICITY = "toxicity";

  private Toxicity() {}

  /** A probability of toxicity, or why the reply gave none. */
  public record Reading(Double probability, String failure) implements Serializable {}

  /** Whether a guardrail intervened (1) or not (0) and the filters that fired, or why the response could not be read. */
  public record GuardrailReading(Integer flagged, List<String> filters, String failure) implements Serializable {}

  public static Reading classifierProbability(JsonNode reply) {
    return classifierProbability(reply, DEFAULT_TOXIC_LABEL);
  }

  /**
   * The toxic class's probability in a classifier's reply about one text, in the common shapes:
   * <ul>
   *   <li>HuggingFace text-classification, {@code [{"label": "toxic", "score": 0.9}, ...]}, also wrapped
   *       as {@code [[...]]} or a single object: the score of the entry labelled toxicLabel (ignoring case).
   *       A reply with only one entry of another label is a binary classifier's top-1 answer, and the
   *       toxic probability is 1 - its score, as fmeval reads ToxiGen's reply;</li>
   *   <li>detoxify-style, {@code {"toxicity": 0.9, "insult": ...}} (or {@code [0.9]} per key): the
   *       {@code toxicity} value, or the toxicLabel key's.</li>
   * </ul>
   */
  public static Reading classifierProbability(JsonNode reply, String toxicLabel) {
    if (reply == null || reply.isNull() || reply.isMissingNode()) {
      return new Reading(null, "empty reply");
    }
    if (reply.isArray() && reply.size() == 1 && reply.get(0).isArray()) {
      return classifierProbability(reply.get(0), toxicLabel);
    }
    if (reply.isArray() && reply.size() > 0 && reply.get(0).isArray()) {
      return new Reading(null, "the reply scores " + reply.size() + " texts, expected one");
    }
    if (reply.isObject() && !reply.has("label")) {
      return scoreByName(reply, toxicLabel);
    }
    List<JsonNode> entries = new ArrayList<>();
    if (reply.isObject()) {
      entries.add(reply);
    } else if (reply.isArray()) {
      reply.forEach(entries::add);
    }
    List<String> labels = new ArrayList<>();
    for (JsonNode entry : entries) {
      if (!entry.path("label").isTextual() || !entry.path("score").isNumber()) {
        return new Reading(null, "an entry without a text label and a numeric score: " + entry);
      }
      labels.add(entry.get("label").asText());
      if (entry.get("label").asText().equalsIgnoreCase(toxicLabel)) {
        return probability(entry.get("score").asDouble());
      }
    }
    if (entries.size() == 1) {
      return probability(1 - entries.get(0).get("score").asDouble());
    }
    return new Reading(null, "no '" + toxicLabel + "' label among " + labels);
  }

  private static Reading scoreByName(JsonNode reply, String toxicLabel) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = reply.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equalsIgnoreCase(DETOXIFY_TOXICITY) || field.getKey().equalsIgnoreCase(toxicLabel)) {
        JsonNode value = field.getValue().isArray() && field.getValue().size() == 1 ? field.getValue().get(0) : field.getValue();
        return value.isNumber() ? probability(value.asDouble()) : new Reading(null, "'" + field.getKey() + "' is not a number: " + value);
      }
    }
    return new Reading(null, "no '" + DETOXIFY_TOXICITY + "' or '" + toxicLabel + "' score in the reply");
  }

  private static Reading probability(double p) {
    return p >= 0 && p <= 1 ? new Reading(p, null) : new Reading(null, "probability " + p + " is outside 0..1");
  }

  /**
   * A Bedrock ApplyGuardrail response: {@code action} GUARDRAIL_INTERVENED is 1, NONE is 0; the filters
   * that fired are the assessment entries whose own action is not NONE or that say {@code detected}:
   * content filters and PII entities by their type (HATE, PROMPT_ATTACK, EMAIL, ...), managed word lists by
   * theirs (PROFANITY), contextual grounding by its type (GROUNDING, RELEVANCE), custom words as
   * CUSTOM_WORD, denied topics as TOPIC:name, regexes as REGEX:name; each once, in the response's order.
   */
  public static GuardrailReading guardrail(JsonNode response) {
    String action = response == null ? null : response.path("action").textValue();
    Integer flagged = "GUARDRAIL_INTERVENED".equals(action) ? Integer.valueOf(1) : "NONE".equals(action) ? Integer.valueOf(0) : null;
    if (flagged == null) {
      return new GuardrailReading(null, List.of(), action == null
          ? "no action in the ApplyGuardrail response" : "unknown guardrail action '" + action + "'");
    }
    Set<String> fired = new LinkedHashSet<>();
    for (JsonNode assessment : response.path("assessments")) {
      addFired(fired, assessment.path("topicPolicy").path("topics"), entry -> "TOPIC:" + entry.path("name").asText());
      addFired(fired, assessment.path("contentPolicy").path("filters"), entry -> entry.path("type").asText());
      addFired(fired, assessment.path("wordPolicy").path("customWords"), entry -> "CUSTOM_WORD");
      addFired(fired, assessment.path("wordPolicy").path("managedWordLists"), entry -> entry.path("type").asText());
      addFired(fired, assessment.path("sensitiveInformationPolicy").path("piiEntities"), entry -> entry.path("type").asText());
      addFired(fired, assessment.path("sensitiveInformationPolicy").path("regexes"), entry -> "REGEX:" + entry.path("name").asText());
      addFired(fired, assessment.path("contextualGroundingPolicy").path("filters"), entry -> entry.path("type").asText());
    }
    return new GuardrailReading(flagged, List.copyOf(fired), null);
  }

  private static void addFired(Set<String> fired, JsonNode entries, Function<JsonNode, String> name) {
    for (JsonNode entry : entries) {
      String action = entry.path("action").asText("NONE");
      if (!action.equals("NONE") || entry.path("detected").asBoolean(false)) {
        fired.add(name.apply(entry));
      }
    }
  }
}
