package llmops.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import llmops.testing.Cli;
import llmops.testing.LocalServices;
import llmops.testing.Processes;
import llmops.testing.SparkTest;
import org.apache.spark.sql.RuntimeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@code drift --engine mllib --schema seed} stores the numbers the AWS sample's Glue job stores:
 * the sample's pipeline, restated in scripts/reference/aws_sample_drift.py, runs under PySpark 3.5.6
 * (scripts/requirements/pyspark.txt) and the drift job runs in this JVM, on the same files, both
 * in local[2] with the same spark.sql.files settings; their DynamoDB items are read side by side.
 *
 * <p>Tolerance: integers (varpc, cluster sizes) must be equal, floats (inertia, score, every centre
 * coordinate) within 1e-9 relative. Both sides run the same MLlib code on the same rows in the
 * same partitions and order, so a difference can only come from the order of floating-point sums
 * MLlib leaves open (the training cost is an accumulator summed as tasks finish; reduceByKey and
 * treeAggregate merge partial sums in arrival order) and from the BLAS each JVM picks (this one
 * has the Java Vector API, PySpark's launcher does not add it): each a few ulps, about 1e-16
 * relative, growing through 20 K-Means iterations to far below 1e-12. A real difference, a single
 * point initialised or assigned otherwise, moves a centre by about 1/size of its cluster (1e-3
 * here) and changes the sizes; 1e-9 sits between the two with room on both sides.
 */
class MllibSampleEqualityTest {
  private static final double RELATIVE = 1e-9;
  /**
   * Byte ranges of at most 1.5 MB and a small open cost: each file of about 2 MB is cut in two at a
   * byte that is not a line's start, and the short ends are packed together, so the lines crossing
   * a cut and the order within a shared partition must come out as Spark's text source gives them.
   */
  private static final Map<String, String> FILE_SETTINGS = Map.of(
      "spark.sql.files.maxPartitionBytes", "1500000",
      "spark.sql.files.openCostInBytes", "100000");

  @TempDir
  static Path dir;
  /** The largest relative difference seen, printed: how much of the tolerance the run used. */
  private double largest;

  @Test
  void theMllibEngineStoresTheItemsTheSamplesPipelineStoresOnTheSameFiles() throws Exception {
    String data = dir.resolve("archive").toString();
    // 160 dimensions: PCA(k=100) needs at least 100, and 12 clusters in this much noise need more than 100 components
    // for 95 %, so what both must store is the sample's fallback, varpc = 100.
    assertEquals(0, Cli.run("sample-data", "--output_path", data, "--n", "3000", "--dim", "160", "--clusters", "12",
        "--separation", "1", "--noise", "0.6", "--files", "3").exitCode());
    DynamoDbClient dynamo = LocalServices.dynamoDbClient();

    JsonNode sample = runSample(data, "sample-drift", "sample-centroids");
    long jobdate = sample.get("jobdate").asLong();
    assertTrue(sample.get("partitions").asInt() > 3, "the files were cut into ranges: " + sample);
    assertEquals(100, sample.get("varpc").asInt(), "the data exercises the sample's fallback");

    Cli.Result ours = withFileSettings(() -> Cli.run("drift", "--engine", "mllib", "--schema", "seed", "--k", "10",
        "--seed=" + sample.get("seed").asLong(), "--job_type", "BASELINE", "--run_id", Long.toString(jobdate),
        "--data_path", data, "--out_table", "mllib-drift", "--centroid_table", "mllib-centroids"));
    assertEquals(0, ours.exitCode());
    assertEquals(sample.get("partitions").asInt(), ours.summary().at("/mllib/partitions").asInt());

    Map<String, AttributeValue> expected = runItem(dynamo, "sample-drift", jobdate);
    Map<String, AttributeValue> actual = runItem(dynamo, "mllib-drift", jobdate);
    assertEquals(types(expected), types(actual));
    assertEquals(expected.get("varpc"), actual.get("varpc"));
    assertEquals(expected.get("clustersizes"), actual.get("clustersizes"));
    assertClose("inertia", expected.get("inertia").n(), actual.get("inertia").n());
    assertClose("score", expected.get("score").n(), actual.get("score").n());

    List<Map<String, AttributeValue>> expectedCentres = centroids(dynamo, "sample-centroids", jobdate);
    List<Map<String, AttributeValue>> actualCentres = centroids(dynamo, "mllib-centroids", jobdate);
    assertEquals(10, expectedCentres.size());
    assertEquals(expectedCentres.size(), actualCentres.size());
    for (int c = 0; c < expectedCentres.size(); c++) {
      assertEquals(expectedCentres.get(c).get("centroid"), actualCentres.get(c).get("centroid"));
      String[] e = expectedCentres.get(c).get("center").s().split(",");
      String[] a = actualCentres.get(c).get("center").s().split(",");
      assertEquals(160, e.length);
      assertEquals(e.length, a.length);
      for (int j = 0; j < e.length; j++) {
        assertClose("centre " + c + " coordinate " + j, e[j], a[j]);
      }
    }
    System.out.println("largest relative difference between the sample's items and the MLlib engine's: " + largest);
  }

  /** The restated sample under PySpark: PYTHONHASHSEED fixes its K-Means seed (Python's hash of "KMeans"), which it prints. */
  private static JsonNode runSample(String data, String outTable, String centroidTable) throws Exception {
    List<String> command = new ArrayList<>(List.of("env", "PYTHONHASHSEED=0", "JAVA_HOME=" + System.getProperty("java.home"),
        "AWS_ACCESS_KEY_ID=local", "AWS_SECRET_ACCESS_KEY=local", "AWS_DEFAULT_REGION=us-east-1",
        LocalServices.pythonTool("pyspark", "python").toString(), "scripts/reference/aws_sample_drift.py",
        "--data_path", data, "--job_type", "BASELINE", "--jobdate", "1700000000",
        "--out_table", outTable, "--centroid_table", centroidTable,
        "--endpoint-url", LocalServices.dynamoDb().toString(), "--master", "local[2]"));
    FILE_SETTINGS.forEach((key, value) -> command.addAll(List.of("--conf", key + "=" + value)));
    Processes.Result run = Processes.run(command.toArray(new String[0]));
    assertEquals(0, run.exitCode(), run.stderr());
    List<String> lines = run.stdout().lines().filter(l -> l.startsWith("{")).toList();
    return new ObjectMapper().readTree(lines.get(lines.size() - 1));
  }

  private interface Job {
    Cli.Result run() throws Exception;
  }

  /** The drift job under the sample's spark.sql.files settings; the test session's own are restored after. */
  private static Cli.Result withFileSettings(Job job) throws Exception {
    RuntimeConfig conf = SparkTest.spark().conf();
    Map<String, String> previous = new java.util.HashMap<>();
    FILE_SETTINGS.forEach((key, value) -> {
      previous.put(key, conf.get(key));
      conf.set(key, value);
    });
    try {
      return job.run();
    } finally {
      previous.forEach(conf::set);
    }
  }

  private static Map<String, AttributeValue> runItem(DynamoDbClient dynamo, String table, long jobdate) {
    List<Map<String, AttributeValue>> items = dynamo.query(QueryRequest.builder().tableName(table)
        .keyConditionExpression("jobtype = :t AND jobdate = :d").expressionAttributeValues(Map.of(
            ":t", AttributeValue.fromS("BASELINE"), ":d", AttributeValue.fromN(Long.toString(jobdate)))).build()).items();
    assertEquals(1, items.size(), table);
    return items.get(0);
  }

  private static List<Map<String, AttributeValue>> centroids(DynamoDbClient dynamo, String table, long jobdate) {
    return dynamo.query(QueryRequest.builder().tableName(table).keyConditionExpression("jobtypedate = :k")
        .expressionAttributeValues(Map.of(":k", AttributeValue.fromS("BASELINE-" + jobdate))).build()).items().stream()
        .sorted(Comparator.comparingInt(item -> Integer.parseInt(item.get("centroid").n()))).toList();
  }

  private static Map<String, String> types(Map<String, AttributeValue> item) {
    Map<String, String> out = new java.util.TreeMap<>();
    item.forEach((name, value) -> out.put(name, value.type().toString()));
    return out;
  }

  private void assertClose(String what, String expected, String actual) {
    double e = Double.parseDouble(expected);
    double a = Double.parseDouble(actual);
    double relative = Math.abs(a - e) / Math.max(Math.abs(e), Double.MIN_NORMAL);
    largest = Math.max(largest, relative);
    assertTrue(relative <= RELATIVE, what + ": the sample stored " + expected + ", the MLlib engine " + actual);
  }
}
