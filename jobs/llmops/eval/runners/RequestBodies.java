package llmops.eval.runners;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPath;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/** Request bodies from the config's templates, and answers out of replies, shared by the runners. */
final class RequestBodies {
  static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private static final JmesPath<JsonNode> JMESPATH = new JacksonRuntime();

  private RequestBodies() {}

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }

  /** A copy of the template with {@value ModelEndpoint#PROMPT_PLACEHOLDER} replaced by the prompt wherever it appears in a string. */
  static JsonNode withPrompt(JsonNode template, String prompt) {
    if (template.isTextual()) {
      return TextNode.valueOf(template.asText().replace(ModelEndpoint.PROMPT_PLACEHOLDER, prompt));
    }
    if (template.isArray()) {
      ArrayNode out = JSON.createArrayNode();
      template.forEach(element -> out.add(withPrompt(element, prompt)));
      return out;
    }
    if (template.isObject()) {
      ObjectNode out = JSON.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> fields = template.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        out.set(field.getKey(), withPrompt(field.getValue(), prompt));
      }
      return out;
    }
    return template;
  }

  static Expression<JsonNode> compile(String expression) {
    return JMESPATH.compile(expression);
  }

  /**
   * The answer at {@code output} in a JSON reply: text as it is, anything else (a classifier's scores)
   * as its JSON. A broken reply may be a glitch worth retrying; a reply without the answer is not.
   */
  static String answerAt(Expression<JsonNode> output, String outputText, String reply) {
    JsonNode tree;
    try {
      tree = JSON.readTree(reply);
    } catch (IOException e) {
      throw new InvocationFailure(InvocationFailure.Kind.MALFORMED_REPLY, "the reply is not JSON: " + shortened(reply));
    }
    JsonNode answer = tree == null ? null : output.search(tree);
    if (answer == null || answer.isNull() || answer.isMissingNode()) {
      throw new InvocationFailure(InvocationFailure.Kind.NO_OUTPUT, "nothing at '" + outputText + "' in the reply: " + shortened(reply));
    }
    return answer.isTextual() ? answer.asText() : answer.toString();
  }

  /** Canonical text of a request: keys sorted, so the same request always hashes the same. */
  static String canonical(JsonNode node) {
    try {
      return JSON.writeValueAsString(JSON.treeToValue(node, Object.class));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String shortened(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
