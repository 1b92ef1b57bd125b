package llmops.distance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import llmops.config.LayeredYaml;
import llmops.udfs.distance.NoveltyRule;
import llmops.udfs.distance.OutlierRule;
import org.apache.hadoop.conf.Configuration;

/** The outlier rule: {@code conf/distance-outliers.yaml} (built into the jar), with {@code --outlier_config} laid over it; and the novelty rule. */
final class OutlierSettings {
  static final String DEFAULT_RESOURCE = "distance-outliers.yaml";
  static final String NOVELTY_RESOURCE = "distance-novelty.yaml";
  private static final Set<String> KEYS = Set.of("quantile", "margin");

  private OutlierSettings() {}

  static OutlierRule load(String path, Configuration hadoop) throws IOException {
    ObjectNode merged = quantileAndMargin(DEFAULT_RESOURCE, path, hadoop);
    return new OutlierRule(merged.path("quantile").asText(), merged.path("margin").asDouble());
  }

  /** The novelty rule: {@code conf/distance-novelty.yaml} with {@code --novelty_config} laid over it, the same two entries. */
  static NoveltyRule novelty(String path, Configuration hadoop) throws IOException {
    ObjectNode merged = quantileAndMargin(NOVELTY_RESOURCE, path, hadoop);
    return new NoveltyRule(merged.path("quantile").asText(), merged.path("margin").asDouble());
  }

  private static ObjectNode quantileAndMargin(String resource, String path, Configuration hadoop) throws IOException {
    ObjectNode merged = LayeredYaml.load(resource, path, hadoop);
    for (Iterator<String> names = merged.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KEYS.contains(name)) {
        throw new IllegalArgumentException((path == null ? resource : path) + ": unknown entry '" + name + "' (known: " + KEYS + ")");
      }
    }
    return merged;
  }
}
