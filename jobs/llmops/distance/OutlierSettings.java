package llmops.distance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import llmops.config.LayeredYaml;
import llmops.udfs.distance.OutlierRule;
import org.apache.hadoop.conf.Configuration;

/** The outlier rule: {@code conf/distance-outliers.yaml} (built into the jar), with {@code --outlier_config} laid over it. */
final class OutlierSettings {
  static final String DEFAULT_RESOURCE = "distance-outliers.yaml";
  private static final Set<String> KEYS = Set.of("quantile", "margin");

  private OutlierSettings() {}

  static OutlierRule load(String path, Configuration hadoop) throws IOException {
    ObjectNode merged = LayeredYaml.load(DEFAULT_RESOURCE, path, hadoop);
    for (Iterator<String> names = merged.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KEYS.contains(name)) {
        throw new IllegalArgumentException((path == null ? DEFAULT_RESOURCE : path) + ": unknown entry '" + name + "' (known: " + KEYS + ")");
      }
    }
    return new OutlierRule(merged.path("quantile").asText(), merged.path("margin").asDouble());
  }
}
