package llmops.distance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Set;
import llmops.udfs.distance.OutlierRule;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** The outlier rule: {@code conf/distance-outliers.yaml} (built into the jar), with {@code --outlier_config} laid over it. */
final class OutlierSettings {
  static final String DEFAULT_RESOURCE = "distance-outliers.yaml";
  private static final Set<String> KEYS = Set.of("quantile", "margin");

  private OutlierSettings() {}

  static OutlierRule load(String path, Configuration hadoop) throws IOException {
    ObjectNode merged;
    try (InputStream in = OutlierSettings.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the jar");
      }
      merged = read(in, DEFAULT_RESOURCE);
    }
    if (path != null) {
      Path file = new Path(path);
      try (InputStream in = file.getFileSystem(hadoop).open(file)) {
        merged.setAll(read(in, path));
      }
    }
    return new OutlierRule(merged.path("quantile").asText(), merged.path("margin").asDouble());
  }

  private static ObjectNode read(InputStream yaml, String source) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(source + ": expected a mapping with 'quantile' and/or 'margin'");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KEYS.contains(name)) {
        throw new IllegalArgumentException(source + ": unknown entry '" + name + "' (known: " + KEYS + ")");
      }
    }
    return (ObjectNode) root;
  }
}
