package llmops.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import llmops.testing.Cli;
import llmops.testing.FakeModelServer;
import llmops.testing.LocalServices;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB items and JSON summary lines are a public schema: notebooks, dashboards and the AWS
 * sample's readers use them. The demo's runs ({@link DemoRun}) plus a seed-schema run and a SNAPSHOT
 * without a BASELINE are compared, attribute by attribute and type by type, with what the code wrote
 * before run results became typed records (captured in {@code src/test/resources/stored-schema}).
 *
 * <p>Only what cannot repeat is masked: the temporary folder's path, the random generation in a
 * centroid partition's key, a fake model server's port, and measured times ({@code timings_s},
 * {@code latency_ms}, {@code latency_p95_ms}: their names are kept).
 * To capture the goldens anew, for an intended schema change written up in docs/changelog.md, run
 * with {@code -Dllmops.goldens.write=true}.
 */
class StoredSchemaTest {
  private static final Path GOLDENS = Path.of("src/test/resources/stored-schema");
  private static final boolean WRITE = Boolean.getBoolean("llmops.goldens.write");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String SEED_DRIFT = "schema-seed-drift-runs";
  private static final String SEED_CENTROIDS = "schema-seed-drift-centroids";
  private static final String SEED_DISTANCE = "schema-seed-distance-runs";
  private static final String LONELY_DRIFT = "schema-lonely-drift-runs";
  private static final String LONELY_CENTROIDS = "schema-lonely-drift-centroids";
  private static final String EVAL = "schema-eval-runs";
  private static final Map<String, JsonNode> EXTRA_SUMMARIES = new TreeMap<>();
  /** The fake model server's address: its port is chosen anew each run. */
  private static String volatileText = "$NONE";
  /**
   * Objects whose key order was never defined: the code before typed records built them with
   * {@code Map.of}, whose order changes from one JVM to the next. Their keys are compared, not their order.
   */
  /** Measured times: their keys are compared, not their values. */
  private static final Set<String> MEASURED = Set.of("timings_s", "latency_ms", "latency_p95_ms");
  private static final Set<String> ORDER_NEVER_DEFINED = Set.of("chi_square", "sample_sizes", "domain_classifier",
      "mean_embedding_distance", "reference", "outputs", "latency_ms", "weights", "errors_by_kind");

  static Stream<String> tables() {
    return Stream.of(DemoRun.DRIFT, DemoRun.CENTROIDS, DemoRun.DISTANCE, DemoRun.EVAL, SEED_DRIFT, SEED_CENTROIDS, SEED_DISTANCE,
        LONELY_DRIFT, LONELY_CENTROIDS, EVAL);
  }

  static Stream<String> summaries() {
    return Stream.of("drift-1000", "drift-1001", "drift-1002", "distance-2000", "distance-2001", "eval-tiny_qa-3000",
        "eval-unmeasured_qa-3000", "drift-seed-1000", "distance-seed-2000", "drift-lonely-1003", "eval-reviews-5000",
        "eval-qa_with_errors-5001", "eval-called-5002");
  }

  @ParameterizedTest
  @MethodSource("tables")
  void theItemsOfEachTableAreAsCaptured(String table) throws Exception {
    compare("items/" + table + ".json", items(table), false);
  }

  @ParameterizedTest
  @MethodSource("summaries")
  void eachJobsSummaryLineIsAsCapturedKeyOrderIncluded(String run) throws Exception {
    JsonNode summary = allSummaries().get(run);
    assertTrue(summary != null, "no run " + run);
    compare("summaries/" + run + ".json", masked(summary), true);
  }

  private static void compare(String golden, JsonNode actual, boolean ordered) throws Exception {
    Path file = GOLDENS.resolve(golden);
    if (WRITE) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, JSON.writeValueAsString(actual) + "\n");
    }
    JsonNode expected = JSON.readTree(file.toFile());
    List<String> differences = new ArrayList<>();
    differences("", expected, actual, ordered, differences);
    assertEquals(List.of(), differences, golden);
  }

  /** Every place where {@code actual} differs from {@code expected}: a missing or extra key, another type or value, another key order. */
  private static void differences(String path, JsonNode expected, JsonNode actual, boolean ordered, List<String> out) {
    if (expected.getNodeType() != actual.getNodeType()) {
      out.add(path + ": " + expected.getNodeType() + " " + expected + " became " + actual.getNodeType() + " " + actual);
    } else if (expected.isObject()) {
      List<String> expectedKeys = new ArrayList<>();
      expected.fieldNames().forEachRemaining(expectedKeys::add);
      List<String> actualKeys = new ArrayList<>();
      actual.fieldNames().forEachRemaining(actualKeys::add);
      for (String key : expectedKeys) {
        if (!actual.has(key)) {
          out.add(path + "/" + key + ": missing");
        } else {
          differences(path + "/" + key, expected.get(key), actual.get(key), ordered, out);
        }
      }
      actualKeys.stream().filter(k -> !expected.has(k)).forEach(k -> out.add(path + "/" + k + ": not expected"));
      boolean orderDefined = !ORDER_NEVER_DEFINED.contains(path.substring(path.lastIndexOf('/') + 1));
      if (ordered && orderDefined && out.isEmpty() && !expectedKeys.equals(actualKeys)) {
        out.add(path + ": keys in order " + expectedKeys + " became " + actualKeys);
      }
    } else if (expected.isArray()) {
      if (expected.size() != actual.size()) {
        out.add(path + ": " + expected.size() + " elements became " + actual.size());
      } else {
        for (int i = 0; i < expected.size(); i++) {
          differences(path + "/" + i, expected.get(i), actual.get(i), ordered, out);
        }
      }
    } else if (!expected.equals(actual)) {
      out.add(path + ": " + expected + " became " + actual);
    }
  }

  private static synchronized Map<String, JsonNode> allSummaries() throws Exception {
    if (EXTRA_SUMMARIES.isEmpty()) {
      Path dir = DemoRun.report().dir();
      EXTRA_SUMMARIES.put("drift-seed-1000", ok("drift", "--job_type", "BASELINE", "--series", "reference", "--k", "4", "--run_id", "1000",
          "--data_path", dir.resolve("reference").toString(), "--schema", "seed", "--out_table", SEED_DRIFT, "--centroid_table", SEED_CENTROIDS));
      EXTRA_SUMMARIES.put("distance-seed-2000", ok("distance", "--prompt_path", dir.resolve("prompts-1").toString(),
          "--distance_path", dir.resolve("seed-distances").toString(), "--reference_series", "reference", "--run_id", "2000",
          "--schema", "seed", "--out_table", SEED_DISTANCE, "--drift_table", DemoRun.DRIFT, "--centroid_table", DemoRun.CENTROIDS));
      EXTRA_SUMMARIES.put("drift-lonely-1003", ok("drift", "--job_type", "SNAPSHOT", "--series", "lonely", "--k", "3", "--run_id", "1003",
          "--data_path", dir.resolve("new-topic").toString(), "--out_table", LONELY_DRIFT, "--centroid_table", LONELY_CENTROIDS));
      EXTRA_SUMMARIES.put("eval-reviews-5000", classification(dir));
      EXTRA_SUMMARIES.put("eval-qa_with_errors-5001", summarizationWithErrors(dir));
      EXTRA_SUMMARIES.put("eval-called-5002", called(dir));
      EXTRA_SUMMARIES.putAll(DemoRun.summaries());
    }
    return EXTRA_SUMMARIES;
  }

  /** Classification with categories and a record that cannot be scored: confusion matrices overall and per category, errors. */
  private static JsonNode classification(Path dir) throws Exception {
    Path data = dir.resolve("reviews.jsonl");
    Files.writeString(data, String.join("\n",
        "{\"text\": \"great\", \"label\": \"positive\", \"answer\": \"positive\", \"shop\": \"a\"}",
        "{\"text\": \"fine\", \"label\": \"positive\", \"answer\": \"The review is negative\", \"shop\": \"a\"}",
        "{\"text\": \"awful\", \"label\": \"negative\", \"answer\": \"Negative.\", \"shop\": \"b\"}",
        "{\"text\": \"bad\", \"label\": \"negative\", \"answer\": \"NEGATIVE\", \"shop\": \"b\"}",
        "{\"text\": \"ok\", \"label\": \"negative\", \"shop\": \"b\"}") + "\n");
    Path config = dir.resolve("reviews.yaml");
    Files.writeString(config, """
        dataset: {dataset_name: reviews, model_input_key: text, target_output_key: label, model_output_key: answer, category_key: shop}
        algorithms: [{algorithm: ClassificationAccuracy}]
        """);
    return ok("eval", "--config", config.toString(), "--data_path", data.toString(), "--output_path", dir.resolve("eval-reviews").toString(),
        "--out_table", EVAL, "--model", "classifier", "--run_id", "5000");
  }

  /** Two models, summarization's corpus BLEU, categories and records that cannot be scored. */
  private static JsonNode summarizationWithErrors(Path dir) throws Exception {
    Path data = dir.resolve("qa-with-errors.jsonl");
    Files.writeString(data, String.join("\n",
        "{\"id\": \"r1\", \"q\": \"Capital of France?\", \"a\": \"Paris\", \"cat\": \"geo\", \"out\": {\"good\": \"Paris\", \"bad\": \"It is Lyon.\"}}",
        "{\"id\": \"r2\", \"q\": \"Who wrote Hamlet?\", \"a\": \"William Shakespeare\", \"cat\": \"books\", \"out\": {\"good\": \"William Shakespeare\"}}",
        "{\"id\": \"r3\", \"q\": \"broken\", \"a\": ",
        "{\"id\": \"r4\", \"q\": \"Answer as a list?\", \"a\": [\"x\"], \"cat\": \"geo\", \"out\": {\"good\": \"x\", \"bad\": \"x\"}}") + "\n");
    Path config = dir.resolve("qa-with-errors.yaml");
    Files.writeString(config, """
        pipeline: {name: schema-test}
        dataset: {dataset_name: qa_with_errors, model_input_key: q, target_output_key: a, category_key: cat, record_id_key: id}
        models:
          - {name: good, model_output_key: out.good}
          - {name: bad, model_output_key: out.bad}
        algorithms:
          - {algorithm: FactualKnowledge, target_output_delimiter: "<OR>"}
          - {algorithm: SummarizationAccuracy}
        """);
    return ok("eval", "--config", config.toString(), "--data_path", data.toString(), "--output_path", dir.resolve("eval-qa-errors").toString(),
        "--out_table", EVAL, "--run_id", "5001");
  }

  /**
   * A model called through its endpoint (an OpenAI-compatible fake on loopback, which counts tokens)
   * beside one whose answers are in the data: invocation statistics, their cost, and a selection that
   * drops the latency and cost the second model lacks.
   */
  private static JsonNode called(Path dir) throws Exception {
    Path data = dir.resolve("trivia.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      lines.add("{\"id\": \"q" + i + "\", \"question\": \"What is answer number " + i + "?\", \"answer\": \"answer" + i
          + "\", \"stored\": \"no idea\"}");
    }
    Files.writeString(data, String.join("\n", lines) + "\n");
    try (FakeModelServer server = new FakeModelServer(prompt -> "It is answer" + prompt.replaceAll(".*number (\\d+)\\?.*", "$1") + ".")) {
      volatileText = server.uri().toString();
      Path config = dir.resolve("called.yaml");
      Files.writeString(config, """
          dataset: {dataset_name: called, model_input_key: question, target_output_key: answer, record_id_key: id}
          models:
            - {name: knows, model_provider: openai, model_id: llama3, endpoint_url: "%s/v1", price: {input_per_1k_tokens: 1.0, output_per_1k_tokens: 2.0}}
            - {name: stored, model_output_key: stored}
          algorithms: [{algorithm: FactualKnowledge}]
          """.formatted(server.uri()));
      return ok("eval", "--config", config.toString(), "--data_path", data.toString(), "--output_path", dir.resolve("eval-called").toString(),
          "--out_table", EVAL, "--responses_table", "schema-eval-responses", "--run_id", "5002");
    }
  }

  private static JsonNode ok(String... args) throws Exception {
    Cli.Result run = Cli.run(args);
    assertEquals(0, run.exitCode(), run.stdout());
    return run.summary();
  }

  /** A table's items in key order, each attribute in DynamoDB's typed JSON form ({"N": "3"}), attributes sorted. */
  private static JsonNode items(String table) throws Exception {
    allSummaries();
    List<ObjectNode> items = new ArrayList<>();
    try (DynamoDbClient dynamo = LocalServices.dynamoDbClient()) {
      dynamo.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(item -> {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        new TreeMap<>(item).forEach((name, value) -> node.set(name, typed(name, value)));
        items.add(node);
      });
    }
    items.sort(Comparator.comparing(JsonNode::toString));
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    items.forEach(out::add);
    return masked(out);
  }

  private static JsonNode typed(String name, AttributeValue value) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    switch (value.type()) {
      case S -> node.put("S", value.s());
      case N -> node.put("N", value.n());
      case B -> node.put("B", Base64.getEncoder().encodeToString(value.b().asByteArray()));
      case BOOL -> node.put("BOOL", value.bool());
      case NUL -> node.put("NULL", true);
      case L -> {
        ArrayNode list = node.putArray("L");
        value.l().forEach(v -> list.add(typed(name, v)));
      }
      case M -> {
        ObjectNode map = node.putObject("M");
        new TreeMap<>(value.m()).forEach((k, v) -> map.set(k, typed(k, v)));
      }
      default -> throw new IllegalArgumentException("no golden form for " + value.type() + " (" + name + ")");
    }
    return node;
  }

  /** The same JSON with what cannot repeat from one run to the next replaced by a placeholder. */
  private static JsonNode masked(JsonNode node) throws Exception {
    String dir = DemoRun.report().dir().toString();
    return mask(node.deepCopy(), dir, null);
  }

  /** Every number below a measured value, plain (summary) or typed ({"N": "0.42"} in an item), as a placeholder. */
  private static JsonNode measured(JsonNode node) {
    if (node.isNumber() || node.isTextual()) {
      return TextNode.valueOf("$MEASURED");
    }
    if (node.isObject()) {
      ((ObjectNode) node).fields().forEachRemaining(field -> field.setValue(measured(field.getValue())));
    }
    return node;
  }

  private static JsonNode mask(JsonNode node, String dir, String key) {
    if (node.isTextual()) {
      String text = node.asText().replace(dir, "$DIR").replace(volatileText, "$SERVER");
      if ("run".equals(key) || "centroid_key".equals(key)) {
        // A centroid partition's key, series#TYPE#run_id#generation, ends in a random generation (RunWithCentroids).
        text = text.replaceAll("^([^#]*#[^#]*#[^#]*)#[0-9a-f]+$", "$1#\\$GENERATION");
      }
      return TextNode.valueOf(text);
    }
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (MEASURED.contains(field.getKey())) {
          field.setValue(measured(field.getValue()));
        } else {
          field.setValue(mask(field.getValue(), dir, field.getKey().length() == 1 ? key : field.getKey()));
        }
      }
    } else if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        array.set(i, mask(array.get(i), dir, key));
      }
    }
    return node;
  }
}
