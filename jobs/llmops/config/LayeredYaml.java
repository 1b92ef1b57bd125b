package llmops.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A job's rules: a YAML file from {@code conf/}, built into the jar as the defaults, with a user's
 * file (local, {@code s3://}, {@code s3a://}) laid over it, so that the user's file names only what
 * it changes: a top-level entry replaces the default's, and a section's entries (a rule, a parameter)
 * each replace the default's entry of that name.
 */
public final class LayeredYaml {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private LayeredYaml() {}

  /** The built-in {@code resource}, with the file at {@code path} (if not null) laid over it. */
  public static ObjectNode load(String resource, String path, Configuration hadoop) throws IOException {
    ObjectNode merged;
    try (InputStream in = LayeredYaml.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar");
      }
      merged = read(in, resource);
    }
    if (path != null) {
      Path file = new Path(path);
      try (InputStream in = file.getFileSystem(hadoop).open(file)) {
        overlay(merged, read(in, path));
      }
    }
    return merged;
  }

  /** The built-in {@code resource} with a YAML document laid over it (for tests and callers that hold the text). */
  public static ObjectNode load(String resource, InputStream yaml, String source) throws IOException {
    ObjectNode merged = load(resource, (String) null, null);
    overlay(merged, read(yaml, source));
    return merged;
  }

  private static ObjectNode read(InputStream yaml, String source) throws IOException {
    JsonNode root = YAML.readTree(yaml);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(source + ": expected a YAML mapping");
    }
    return (ObjectNode) root;
  }

  /** Top-level entries are replaced; a section (a mapping) takes the user's entries one by one, each replaced whole. */
  private static void overlay(ObjectNode base, ObjectNode top) {
    for (Iterator<Map.Entry<String, JsonNode>> it = top.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode under = base.get(e.getKey());
      if (under != null && under.isObject() && e.getValue().isObject()) {
        ((ObjectNode) under).setAll((ObjectNode) e.getValue());
      } else {
        base.set(e.getKey(), e.getValue());
      }
    }
  }
}
