package llmops.udfs.eval.judge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON objects a model's free-text reply holds: in ```json fences, before or after prose, single
 * quotes and trailing commas tolerated. An object inside another is read as part of it, never on its own.
 */
public final class JsonObjects {
  private static final JsonMapper LENIENT_JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_TRAILING_COMMA)
      .build();

  private JsonObjects() {}

  /** The outermost objects, in the order of the text. */
  public static List<JsonNode> in(String text) {
    List<JsonNode> objects = new ArrayList<>();
    int from = text.indexOf('{');
    while (from >= 0) {
      int next = from + 1;
      try (JsonParser parser = LENIENT_JSON.createParser(text.substring(from))) {
        JsonNode node = LENIENT_JSON.readTree(parser);
        if (node != null && node.isObject()) {
          objects.add(node);
          next = from + (int) parser.currentLocation().getCharOffset();
        }
      } catch (IOException notJson) {
        // Not an object starting here (prose with a brace, or broken JSON): try the next brace.
      }
      from = text.indexOf('{', next);
    }
    return objects;
  }
}
