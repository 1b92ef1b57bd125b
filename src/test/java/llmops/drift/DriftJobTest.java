package llmops.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import llmops.testing.Cli;
import llmops.testing.LocalServices;
import llmops.testing.SparkTest;
import llmops.udfs.vectors.Float32Codec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** The drift CLI end to end: sample data on disk, the job in local Spark, items in a real DynamoDB Local. */
class DriftJobTest {
  @TempDir
  static Path dir;
  static String data;
  static DynamoDbClient dynamo;

  @BeforeAll
  static void sampleData() throws Exception {
    data = dir.resolve("reference").toString();
    assertEquals(0, Cli.run("sample-data", "--output_path", data, "--n", "1500", "--dim", "24", "--clusters", "3",
        "--separation", "2", "--noise", "0.4", "--files", "3").exitCode());
    dynamo = LocalServices.dynamoDbClient();
  }

  private static Cli.Result drift(String... extra) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("drift", "--data_path", data, "--k", "3"));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(new String[0]));
  }

  private static List<Map<String, AttributeValue>> query(String table, String keyName, String key) {
    return dynamo.query(QueryRequest.builder().tableName(table).keyConditionExpression("#k = :k")
        .expressionAttributeNames(Map.of("#k", keyName)).expressionAttributeValues(Map.of(":k", AttributeValue.fromS(key)))
        .build()).items();
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "mllib"})
  void aBaselineStoresItsSummaryAndOneItemPerCentroid(String engine) throws Exception {
    Cli.Result run = drift("--engine", engine, "--job_type", "BASELINE", "--series", "docs", "--run_id", "1700000000",
        "--out_table", "t1-runs-" + engine, "--centroid_table", "t1-centroids-" + engine);
    assertEquals(0, run.exitCode());
    JsonNode s = run.summary();
    assertEquals("ok", s.get("status").asText());
    assertEquals(engine, s.get("engine").asText());
    assertEquals(1500, s.at("/input/valid").asLong());
    assertEquals(3, s.at("/kmeans/k").asInt());
    assertEquals(4, s.at("/outputs/items_written").asInt());

    Map<String, AttributeValue> item = query("t1-runs-" + engine, "series", "docs").get(0);
    assertEquals("BASELINE#1700000000", item.get("run").s());
    assertEquals(engine, item.get("engine").s());
    assertEquals("1700000000", item.get("run_ts").n());
    assertEquals(s.at("/kmeans/inertia").asDouble(), Double.parseDouble(item.get("kmeans").m().get("inertia").n()), 1e-9);
    assertEquals(s.at("/silhouette/euclidean").asDouble(), Double.parseDouble(item.get("silhouette").m().get("euclidean").n()), 1e-12);

    assertTrue(item.get("centroid_key").s().startsWith("docs#BASELINE#1700000000#"), item.get("centroid_key").s());
    List<Map<String, AttributeValue>> centroids = query("t1-centroids-" + engine, "run", item.get("centroid_key").s());
    assertEquals(3, centroids.size());
    long sizes = 0;
    for (Map<String, AttributeValue> c : centroids) {
      assertEquals(24, Float32Codec.decode(c.get("center").b().asByteArray()).length);
      sizes += Long.parseLong(c.get("size").n());
    }
    assertEquals(1500, sizes);
  }

  @Test
  void theLatestBaselineIsOneQueryAwayAndHistoryListsInTimeOrder() throws Exception {
    String[] tables = {"--out_table", "t2-runs", "--centroid_table", "t2-centroids", "--series", "prompts"};
    for (String[] run : new String[][] {{"BASELINE", "1000"}, {"SNAPSHOT", "2000"}, {"BASELINE", "3000"}, {"SNAPSHOT", "4000"}}) {
      List<String> args = new java.util.ArrayList<>(List.of("--job_type", run[0], "--run_id", run[1]));
      args.addAll(List.of(tables));
      assertEquals(0, drift(args.toArray(new String[0])).exitCode());
    }
    List<Map<String, AttributeValue>> latest = dynamo.query(QueryRequest.builder().tableName("t2-runs")
        .indexName(NativeDriftStore.BY_TYPE_TIME)
        .keyConditionExpression("series = :s AND begins_with(type_ts, :t)")
        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("prompts"), ":t", AttributeValue.fromS("BASELINE#")))
        .scanIndexForward(false).limit(1).build()).items();
    assertEquals("3000", latest.get(0).get("run_id").s());

    List<String> history = dynamo.query(QueryRequest.builder().tableName("t2-runs").indexName(NativeDriftStore.BY_TIME)
        .keyConditionExpression("series = :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromS("prompts")))
        .build()).items().stream().map(i -> i.get("run").s()).toList();
    assertEquals(List.of("BASELINE#1000", "SNAPSHOT#2000", "BASELINE#3000", "SNAPSHOT#4000"), history);
  }

  @Test
  void aRerunWithTheSameRunIdRewritesTheSameItems() throws Exception {
    String[] args = {"--job_type", "BASELINE", "--series", "rerun", "--run_id", "nightly-7",
        "--out_table", "t3-runs", "--centroid_table", "t3-centroids"};
    assertEquals(0, drift(args).exitCode());
    Map<String, AttributeValue> first = query("t3-runs", "series", "rerun").get(0);
    List<Map<String, AttributeValue>> firstCentroids = query("t3-centroids", "run", first.get("centroid_key").s());
    Thread.sleep(1100); // a later wall-clock second: the rerun must keep the first run's time
    assertEquals(0, drift(args).exitCode());
    List<Map<String, AttributeValue>> runs = query("t3-runs", "series", "rerun");
    assertEquals(1, runs.size());
    Map<String, AttributeValue> second = runs.get(0);
    for (String attribute : List.of("run_ts", "type_ts", "kmeans", "pca", "silhouette", "input", "centroid_key")) {
      assertEquals(first.get(attribute), second.get(attribute), attribute);
    }
    assertEquals(firstCentroids, query("t3-centroids", "run", second.get("centroid_key").s()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "mllib"})
  void theSeedSchemaWritesExactlyTheAwsSampleItems(String engine) throws Exception {
    assertEquals(0, drift("--engine", engine, "--job_type", "BASELINE", "--schema", "seed", "--run_id", "1689611647",
        "--out_table", "seed-drift-" + engine, "--centroid_table", "seed-centroids-" + engine).exitCode());
    List<Map<String, AttributeValue>> items = query("seed-drift-" + engine, "jobtype", "BASELINE");
    assertEquals(1, items.size());
    Map<String, AttributeValue> item = items.get(0);
    assertEquals(Map.of("jobtype", "S", "jobdate", "N", "score", "N", "inertia", "N", "varpc", "N", "clustersizes", "S"), types(item));
    assertEquals("1689611647", item.get("jobdate").n());
    assertTrue(item.get("clustersizes").s().matches("\\[\\d+, \\d+, \\d+\\]"), item.get("clustersizes").s());
    long total = java.util.Arrays.stream(item.get("clustersizes").s().replaceAll("[\\[\\]]", "").split(", ")).mapToLong(Long::parseLong).sum();
    assertEquals(1500, total);
    assertTrue(Integer.parseInt(item.get("varpc").n()) >= 1);

    List<Map<String, AttributeValue>> centroids = query("seed-centroids-" + engine, "jobtypedate", "BASELINE-1689611647");
    assertEquals(3, centroids.size());
    for (Map<String, AttributeValue> c : centroids) {
      assertEquals(Map.of("jobtypedate", "S", "centroid", "N", "center", "S"), types(c));
      String[] values = c.get("center").s().split(",");
      assertEquals(24, values.length);
      for (String v : values) {
        Double.parseDouble(v); // Python's float() reads the same strings
      }
    }
  }

  @Test
  void theSampleGlueJobsOwnArgumentsAreAccepted() throws Exception {
    Cli.Result run = Cli.run("drift", "--JOB_NAME", "embedding-drift-analysis", "--job-bookmark-option", "job-bookmark-disable",
        "--TempDir", "s3://temp/", "--job_type", "SNAPSHOT", "--data_path", data, "--out_table", "t5-runs",
        "--centroid_table", "t5-centroids", "--k", "3");
    assertEquals(0, run.exitCode());
  }

  @Test
  void aMisspeltFlagIsAUsageError() throws Exception {
    assertEquals(2, Cli.run("drift", "--job_type", "BASELINE", "--data_path", data, "--data-pth", "x").exitCode());
  }

  @Test
  void badRecordsAreQuarantinedCountedAndReported() throws Exception {
    Path input = dir.resolve("with-bad");
    Files.createDirectories(input);
    Files.copy(Path.of(data, "part-00000.txt"), input.resolve("good.txt"));
    Files.writeString(input.resolve("bad.txt"), "[1, 2, oops]\n[NaN, 1]\n[]\n[1.0, 2.0]\n");
    Path quarantine = dir.resolve("quarantine");
    Cli.Result run = Cli.run("drift", "--job_type", "BASELINE", "--data_path", input.toString(), "--k", "3",
        "--quarantine_path", quarantine.toString(), "--out_table", "t6-runs", "--centroid_table", "t6-centroids", "--series", "bad");
    assertEquals(0, run.exitCode());
    assertEquals(4, run.summary().at("/input/quarantined").asLong());
    assertEquals(1, run.summary().at("/input/quarantined_by_reason/dimension_mismatch").asLong());
    Map<String, Long> written = SparkTest.spark().read().json(quarantine.toString()).collectAsList().stream()
        .collect(Collectors.groupingBy(r -> r.getString(r.fieldIndex("reason")), TreeMap::new, Collectors.counting()));
    assertEquals(Map.of("dimension_mismatch", 1L, "empty_vector", 1L, "non_finite_value", 1L, "unparseable", 1L), written);
    Map<String, AttributeValue> item = query("t6-runs", "series", "bad").get(0);
    assertEquals("1", item.get("input").m().get("quarantined_by_reason").m().get("empty_vector").n());
  }

  @Test
  void inputWithNoValidRecordsFailsLoudly() throws Exception {
    Path input = dir.resolve("all-bad");
    Files.createDirectories(input);
    Files.writeString(input.resolve("bad.txt"), "not a vector\n[NaN]\n");
    Cli.Result run = Cli.run("drift", "--job_type", "BASELINE", "--data_path", input.toString(),
        "--quarantine_path", dir.resolve("q2").toString(), "--out_table", "t7-runs", "--centroid_table", "t7-centroids");
    assertEquals(1, run.exitCode());
    assertEquals("failed", run.summary().get("status").asText());
    assertTrue(run.summary().get("error").asText().contains("no usable input"), run.summary().get("error").asText());
  }

  @Test
  void assignmentsGiveEveryRecordItsClusterAndDistance() throws Exception {
    Path out = dir.resolve("assignments");
    assertEquals(0, drift("--job_type", "BASELINE", "--series", "assign", "--assignments_path", out.toString(),
        "--out_table", "t8-runs", "--centroid_table", "t8-centroids").exitCode());
    var rows = SparkTest.spark().read().parquet(out.toString());
    assertEquals(1500, rows.count());
    assertEquals(Set.of(0, 1, 2), new java.util.HashSet<>(rows.select("cluster").distinct().as(org.apache.spark.sql.Encoders.INT()).collectAsList()));
    assertEquals(1500, rows.select("id").distinct().count());
  }

  @Test
  void resultsPrintsWhatARunWroteAsJsonLines() throws Exception {
    assertEquals(0, drift("--job_type", "BASELINE", "--series", "shown", "--run_id", "42",
        "--out_table", "t10-runs", "--centroid_table", "t10-centroids").exitCode());
    Cli.Result runs = Cli.run("results", "--table", "t10-runs");
    assertEquals(0, runs.exitCode());
    assertEquals("BASELINE#42", runs.summary().get("run").asText());
    assertEquals(3, runs.summary().at("/kmeans/k").asInt());
    Cli.Result centroids = Cli.run("results", "--table", "t10-centroids");
    long lines = centroids.stdout().lines().filter(l -> l.startsWith("{")).count();
    assertEquals(3, lines);
    byte[] center = java.util.Base64.getDecoder().decode(centroids.summary().get("center").asText());
    assertEquals(24 * 4, center.length);
  }

  private static Map<String, String> types(Map<String, AttributeValue> item) {
    Map<String, String> out = new HashMap<>();
    item.forEach((k, v) -> out.put(k, v.type().toString()));
    return out;
  }

  @Test
  void aSeedRunIdThatIsNotATimeIsRejectedBeforeAnyWork() throws Exception {
    Cli.Result run = drift("--job_type", "BASELINE", "--schema", "seed", "--run_id", "nightly", "--out_table", "t9-runs", "--centroid_table", "t9-centroids");
    assertEquals(1, run.exitCode());
    assertNotNull(run.summary());
    assertTrue(run.summary().get("error").asText().contains("epoch seconds"));
  }
}
