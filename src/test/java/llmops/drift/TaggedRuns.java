package llmops.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import llmops.io.Dynamo;
import llmops.io.TableSpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One drift run, BASELINE#r of series s, written in versions a test can tell apart: the run item
 * and each of its centroids carry the version's tag. For the tests of {@link RunWithCentroids}.
 */
final class TaggedRuns {
  private TaggedRuns() {}

  /** The runs and centroids tables {@code <prefix>-runs} and {@code <prefix>-centroids}, made if missing. */
  record Tables(TableSpec runs, TableSpec centroids) {
    static Tables of(Dynamo dynamo, String prefix) {
      Tables tables = new Tables(new TableSpec(prefix + "-runs", TableSpec.string("series"), TableSpec.string("run"), List.of()),
          new TableSpec(prefix + "-centroids", TableSpec.string("run"), TableSpec.number("centroid"), List.of()));
      dynamo.ensureTable(tables.runs());
      dynamo.ensureTable(tables.centroids());
      return tables;
    }
  }

  /** Writes version {@code tag} of the run with k centroids. */
  static void publish(RunWithCentroids store, String tag, int k) {
    List<Map<String, AttributeValue>> centroids = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      centroids.add(Map.of("centroid", AttributeValue.fromN(Integer.toString(c)), "version", AttributeValue.fromS(tag)));
    }
    store.publish(Map.of("series", AttributeValue.fromS("s"), "run", AttributeValue.fromS("BASELINE#r"),
        "version", AttributeValue.fromS(tag)), "s#BASELINE#r", centroids);
  }

  static Map<String, AttributeValue> runKey() {
    return Map.of("series", AttributeValue.fromS("s"), "run", AttributeValue.fromS("BASELINE#r"));
  }
}
