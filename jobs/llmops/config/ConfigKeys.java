package llmops.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Collectors;

/** Reading YAML config keys with errors that name the file and the key at fault ("eval.yaml: models[1].endpoint_name: missing"). */
public final class ConfigKeys {
  private ConfigKeys() {}

  /** A non-blank scalar at {@code parent.name}, or null when absent and not required. */
  public static String text(JsonNode node, String name, String source, String parent, boolean required) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      if (required) {
        throw error(source, parent + "." + name, "missing");
      }
      return null;
    }
    if (!value.isValueNode() || value.asText().isBlank()) {
      throw error(source, parent + "." + name, "must be a non-empty string");
    }
    return value.asText();
  }

  /** Fails on the first key of the mapping {@code parent} that is not in {@code known}, listing the known ones. */
  public static void unknownKeys(JsonNode node, Set<String> known, String source, String parent) {
    if (!node.isObject()) {
      throw error(source, parent, "must be a mapping");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw error(source, parent + "." + name, "unknown key (known: " + known.stream().sorted().collect(Collectors.joining(", ")) + ")");
      }
    }
  }

  public static IllegalArgumentException error(String source, String key, String message) {
    return new IllegalArgumentException(source + ": " + (key.isEmpty() ? "" : key + ": ") + message);
  }
}
