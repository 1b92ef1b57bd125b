package llmops.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import llmops.distance.DistanceRunItems;
import llmops.drift.DriftRunItems;
import llmops.drift.DriftRunRecord;
import llmops.eval.EvalItems;
import llmops.eval.EvalRunRecord;
import llmops.eval.SelectionRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each store's serialiser against the items real runs stored ({@code src/test/resources/stored-schema},
 * see StoredSchemaTest): an item read as a record and written again is the same item, attribute by
 * attribute (less the attributes the store adds when it publishes: keys it chooses, pointers); and
 * the record read back from the item it wrote is equal to it.
 */
class StoredRecordsRoundTripTest {
  private static final Path ITEMS = Path.of("src/test/resources/stored-schema/items");
  /**
   * The items of the release before (git 94a708f): tables keep them after an upgrade, and the
   * trend, the history and the report read them beside new ones, so every field added since must
   * be absent-able, never required.
   */
  private static final Path PREVIOUS_RELEASE = Path.of("src/test/resources/stored-schema/previous-release");
  /** The last landed release's items: a field added by this one must read from them too (the demo's tables hold such items). */
  private static final Path LAST_RELEASE = Path.of("src/test/resources/stored-schema/last-release");

  /** One store's serialiser: its item to its record and back, and what the store adds to an item when it publishes it. */
  record Codec<R>(String name, Function<Map<String, AttributeValue>, R> read, Function<R, Map<String, AttributeValue>> write,
      Set<String> addedOnPublication) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final Codec<?> DRIFT_RUN = new Codec<>("drift run", DriftRunItems::run, DriftRunItems::runItem,
      Set.of("centroid_key", "centroid_count", "centroid_digest"));
  private static final Codec<?> CENTROID = new Codec<>("centroid", DriftRunItems::centroid, DriftRunItems::centroidItem, Set.of("run"));
  private static final Codec<?> DISTANCE_RUN = new Codec<>("distance run", DistanceRunItems::run, DistanceRunItems::runItem, Set.of());
  /** The evaluation store's items keep their keys, dataset and run (RUN#, LATEST#, SELECTION#), which the store chooses. */
  private static final Codec<?> EVAL_RUN = new Codec<>("eval run", EvalItems::run,
      (EvalRunRecord r) -> EvalItems.runItem("$DATASET", "$RUN", r), Set.of("dataset", "run"));
  private static final Codec<?> SELECTION = new Codec<>("selection", EvalItems::selection,
      (SelectionRecord r) -> EvalItems.selectionItem("$DATASET", "$RUN", r), Set.of("dataset", "run"));

  static Stream<Arguments> storedItems() throws Exception {
    List<Arguments> cases = new ArrayList<>();
    for (Path folder : List.of(ITEMS, PREVIOUS_RELEASE, LAST_RELEASE)) {
      add(cases, DRIFT_RUN, folder, "report-drift-runs.json");
      add(cases, DRIFT_RUN, folder, "schema-lonely-drift-runs.json");
      add(cases, CENTROID, folder, "report-drift-centroids.json");
      add(cases, CENTROID, folder, "schema-lonely-drift-centroids.json");
      add(cases, DISTANCE_RUN, folder, "report-distance-runs.json");
      for (String file : List.of("report-eval-runs.json", "schema-eval-runs.json")) {
        add(cases, item -> item.get("run").s().startsWith("SELECTION#") ? SELECTION : EVAL_RUN, folder, file);
      }
    }
    return cases.stream();
  }

  private static void add(List<Arguments> cases, Codec<?> codec, Path folder, String file) throws Exception {
    add(cases, item -> codec, folder, file);
  }

  /** Every item of a golden file, each with the codec of its kind. */
  private static void add(List<Arguments> cases, Function<Map<String, AttributeValue>, Codec<?>> codecOf, Path folder, String file)
      throws Exception {
    JsonNode items = new ObjectMapper().readTree(folder.resolve(file).toFile());
    for (int i = 0; i < items.size(); i++) {
      Map<String, AttributeValue> item = new LinkedHashMap<>();
      items.get(i).fields().forEachRemaining(f -> item.put(f.getKey(), attribute(f.getValue())));
      cases.add(Arguments.of(codecOf.apply(item), folder.getFileName() + "/" + file + "[" + i + "]", item));
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("storedItems")
  <R> void anItemReadAsARecordAndWrittenAgainIsTheSameItem(Codec<R> codec, String where, Map<String, AttributeValue> stored) {
    Map<String, AttributeValue> expected = new HashMap<>(stored);
    codec.addedOnPublication().forEach(expected::remove);
    // A drift run's knn left the item on purpose (the distance job measures the yardstick now): an older item's is read past, not kept.
    if (codec == DRIFT_RUN) {
      expected.remove("knn");
    }
    Map<String, AttributeValue> written = new HashMap<>(codec.write().apply(codec.read().apply(stored)));
    codec.addedOnPublication().forEach(written::remove);
    assertEquals(expected, written);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("storedItems")
  <R> void aRecordWrittenAndReadBackIsEqualToIt(Codec<R> codec, String where, Map<String, AttributeValue> stored) {
    R record = codec.read().apply(stored);
    assertEquals(record, codec.read().apply(codec.write().apply(record)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("storedItems")
  <R> void aRenamedAttributeFailsTheReadInsteadOfGoingMissing(Codec<R> codec, String where, Map<String, AttributeValue> stored) {
    Map<String, AttributeValue> renamed = new HashMap<>(stored);
    String name = stored.keySet().stream().filter(k -> !codec.addedOnPublication().contains(k)).sorted().findFirst().orElseThrow();
    renamed.put(name + "_renamed", renamed.remove(name));
    IllegalStateException failure = assertThrows(IllegalStateException.class, () -> codec.read().apply(renamed));
    assertTrue(failure.getMessage().contains("\"" + name + "_renamed\""), failure.getMessage());
  }

  @Test
  void aDriftRunStoredBeforeEnginesAndDuplicateIdsWereRecordedStillReads() throws Exception {
    Map<String, AttributeValue> current = currentDriftRunItem();
    Map<String, AttributeValue> older = new HashMap<>(current);
    older.remove("engine");
    Map<String, AttributeValue> quality = new HashMap<>(older.get("data_quality").m());
    quality.remove("duplicate_ids");
    older.put("data_quality", AttributeValue.fromM(quality));

    DriftRunRecord read = DriftRunItems.run(older);

    assertNull(read.engine());
    assertNull(read.dataQuality().duplicateIds());
    assertEquals(DriftRunItems.run(current).input(), read.input());
  }

  @Test
  void aBaselineStoredWithItsOwnKnnYardstickStillReads() throws Exception {
    Map<String, AttributeValue> current = currentDriftRunItem();
    Map<String, AttributeValue> older = new HashMap<>(current);
    // The 2026-12 builds before the distance job measured the yardstick stored it with the BASELINE, in this shape.
    AttributeValue quantiles = AttributeValue.fromM(Map.of("p50", AttributeValue.fromN("1.2"), "p90", AttributeValue.fromN("1.5"),
        "p95", AttributeValue.fromN("1.6"), "p99", AttributeValue.fromN("1.9")));
    older.put("knn", AttributeValue.fromM(Map.of("k", AttributeValue.fromN("10"), "sample_size", AttributeValue.fromN("3000"),
        "sample_seed", AttributeValue.fromN("42"), "reference_vectors", AttributeValue.fromN("3000"), "euclidean", quantiles,
        "cosine", quantiles)));

    assertEquals(DriftRunItems.run(current), DriftRunItems.run(older));
  }

  /** The first drift run item of today's goldens. */
  @SuppressWarnings("unchecked")
  private static Map<String, AttributeValue> currentDriftRunItem() throws Exception {
    List<Arguments> runs = new ArrayList<>();
    add(runs, DRIFT_RUN, ITEMS, "report-drift-runs.json");
    return (Map<String, AttributeValue>) runs.get(0).get()[2];
  }

  /** DynamoDB's typed JSON form ({"N": "3"}) as the attribute it describes. */
  private static AttributeValue attribute(JsonNode typed) {
    Map.Entry<String, JsonNode> only = typed.fields().next();
    JsonNode value = only.getValue();
    return switch (only.getKey()) {
      case "S" -> AttributeValue.fromS(value.asText());
      // The goldens keep no measured time (StoredSchemaTest masks them): any number stands in for one.
      case "N" -> AttributeValue.fromN(value.asText().equals("$MEASURED") ? "1.5" : value.asText());
      case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(value.asText())));
      case "BOOL" -> AttributeValue.fromBool(value.asBoolean());
      case "NULL" -> AttributeValue.fromNul(true);
      case "L" -> {
        List<AttributeValue> list = new ArrayList<>();
        value.forEach(v -> list.add(attribute(v)));
        yield AttributeValue.fromL(list);
      }
      case "M" -> {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        value.fields().forEachRemaining(f -> map.put(f.getKey(), attribute(f.getValue())));
        yield AttributeValue.fromM(map);
      }
      default -> throw new IllegalArgumentException("not a typed attribute: " + typed);
    };
  }
}
