package llmops.udfs.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.stream.StreamSupport;
import llmops.testing.FidelityVectors;

/** The known answers scripts/fidelity/stats_vectors.py computed with scipy, statsmodels and numpy, by kind. */
final class StatsVectors {
  private StatsVectors() {}

  static List<JsonNode> of(String kind) throws IOException {
    List<JsonNode> cases = FidelityVectors.jsonLines("stats.jsonl").stream().filter(c -> c.get("kind").asText().equals(kind)).toList();
    if (cases.isEmpty()) {
      throw new IllegalStateException("no '" + kind + "' cases in stats.jsonl");
    }
    return cases;
  }

  static double[] doubles(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).mapToDouble(JsonNode::asDouble).toArray();
  }
}
