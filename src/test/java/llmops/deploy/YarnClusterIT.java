package llmops.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import llmops.testing.LocalServices;
import llmops.testing.MiniYarn;
import llmops.testing.MiniYarn.Submission;
import llmops.testing.SmallJobs;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The EMR step path on a real YARN: {@code spark-submit --master yarn --deploy-mode cluster --class
 * llmops.Main} with the shaded cluster jar, on a one-node MiniYARNCluster, the driver writing to
 * DynamoDB Local. In cluster mode the driver is the ApplicationMaster's user thread, so a job has to
 * end by returning (SUCCEEDED) or by throwing SparkUserAppException (FAILED, "User application exited
 * with status N"); a System.exit, 0 included, leaves no final status, and YARN runs the application again.
 */
class YarnClusterIT {
  @TempDir
  static Path dir;
  private static MiniYarn yarn;
  private static DynamoDbClient dynamo;

  @BeforeAll
  static void cluster() throws Exception {
    yarn = LocalServices.yarn();
    dynamo = LocalServices.dynamoDbClient();
  }

  @Test
  void aBaselineSucceedsInOneAttemptAndStoresItsRun() throws Exception {
    Path data = SmallJobs.embeddings(dir, "baseline", 1);
    // spark.yarn.maxAppAttempts stays at YARN's 2: a driver that exited instead of returning would get a second attempt.
    Submission run = submit(List.of(), "drift", "--job_type", "BASELINE", "--series", "yarn", "--run_id", "1700000000",
        "--data_path", data.toString(), "--k", "3", "--out_table", "yarn-runs", "--centroid_table", "yarn-centroids");

    assertEquals(0, run.submitExitCode(), what(run));
    assertEquals(YarnApplicationState.FINISHED, run.application().getYarnApplicationState(), what(run));
    assertEquals(FinalApplicationStatus.SUCCEEDED, run.application().getFinalApplicationStatus(), what(run));
    assertEquals(1, run.attempts().size(), what(run));

    List<Map<String, AttributeValue>> runs = query("yarn-runs", "series", "yarn");
    assertEquals(1, runs.size());
    assertEquals("BASELINE#1700000000", runs.get(0).get("run").s());
    assertEquals(600, Long.parseLong(runs.get(0).get("input").m().get("valid").n()));
    assertEquals(3, query("yarn-centroids", "run", runs.get(0).get("centroid_key").s()).size());
  }

  @Test
  void aFailedRunEndsFailedWithStatusOneAndItsReasonInTheDriversLog() throws Exception {
    Path data = dir.resolve("no-vectors");
    Files.createDirectories(data);
    Files.writeString(data.resolve("part-1.jsonl"), "{\"text\": \"a\"}\n{\"text\": \"b\"}\n{\"text\": \"c\"}\n");
    Submission run = submit(List.of("spark.yarn.maxAppAttempts=1"), "drift", "--job_type", "BASELINE", "--series", "yarn-empty",
        "--data_path", data.toString(), "--out_table", "yarn-runs", "--centroid_table", "yarn-centroids");

    assertNotEquals(0, run.submitExitCode(), what(run));
    // FINISHED, not FAILED: the ApplicationMaster itself reported the final status, the job did not crash it.
    assertEquals(YarnApplicationState.FINISHED, run.application().getYarnApplicationState(), what(run));
    assertEquals(FinalApplicationStatus.FAILED, run.application().getFinalApplicationStatus(), what(run));
    assertTrue(run.application().getDiagnostics().contains("User application exited with status 1"), what(run));
    assertEquals(1, run.attempts().size(), what(run));
    // Where a person finds why: the driver's summary line in the ApplicationMaster container's stdout on the node.
    String driverStdout = Files.readString(yarn.containerLog(run.attempts().get(0), "stdout"));
    assertTrue(driverStdout.contains("\"status\":\"failed\""), driverStdout);
    assertTrue(driverStdout.contains("no usable input: 0 valid vectors of 3 records"), driverStdout);
  }

  @Test
  void driftUnderFailOnDriftEndsFailedWithStatusThreeAfterStoringItsRun() throws Exception {
    // The BASELINE is made here, in this JVM, so that this test needs no other YARN run.
    SmallJobs.ok("drift", "--job_type", "BASELINE", "--series", "yarn-drift", "--run_id", "1700000000",
        "--data_path", SmallJobs.embeddings(dir, "drift-baseline", 1).toString(), "--k", "3",
        "--out_table", "yarn-drift-runs", "--centroid_table", "yarn-drift-centroids");
    Path shifted = SmallJobs.embeddings(dir, "shifted", 2, "--shift", "0.4");
    Submission run = submit(List.of("spark.yarn.maxAppAttempts=1"), "drift", "--job_type", "SNAPSHOT", "--series", "yarn-drift",
        "--run_id", "1700086400", "--data_path", shifted.toString(), "--k", "3", "--fail_on_drift",
        "--out_table", "yarn-drift-runs", "--centroid_table", "yarn-drift-centroids");

    assertNotEquals(0, run.submitExitCode(), what(run));
    assertEquals(YarnApplicationState.FINISHED, run.application().getYarnApplicationState(), what(run));
    assertEquals(FinalApplicationStatus.FAILED, run.application().getFinalApplicationStatus(), what(run));
    String diagnostics = run.application().getDiagnostics();
    assertTrue(diagnostics.contains("User application exited with status 3"), what(run));
    assertFalse(diagnostics.contains("status 1"), what(run));
    assertEquals(1, run.attempts().size(), what(run));
    // Status 3 is a verdict, not a crash: the SNAPSHOT's run was stored, with its drift verdict.
    Map<String, AttributeValue> snapshot = query("yarn-drift-runs", "series", "yarn-drift").stream()
        .filter(item -> item.get("run").s().equals("SNAPSHOT#1700086400")).findFirst().orElseThrow();
    assertTrue(snapshot.get("verdict").m().get("drift").bool());
  }

  private static Submission submit(List<String> sparkConf, String... args) throws Exception {
    return yarn.submit(clusterJar(), Map.of("LLMOPS_DYNAMODB_ENDPOINT", LocalServices.dynamoDb().toString()), sparkConf, List.of(args));
  }

  /** The jar `mvn package` builds for EMR and Glue (integration tests run after package). */
  private static Path clusterJar() throws Exception {
    try (Stream<Path> jars = Files.list(Path.of("target"))) {
      return jars.filter(p -> p.getFileName().toString().matches("llmops-spark-.*-cluster\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no target/llmops-spark-*-cluster.jar: run mvn package first"));
    }
  }

  private static List<Map<String, AttributeValue>> query(String table, String keyName, String key) {
    return new ArrayList<>(dynamo.query(q -> q.tableName(table).keyConditionExpression("#k = :k")
        .expressionAttributeNames(Map.of("#k", keyName)).expressionAttributeValues(Map.of(":k", AttributeValue.fromS(key)))).items());
  }

  /** What a failed assertion prints: YARN's view of the application and where spark-submit's output is. */
  private static String what(Submission run) {
    ApplicationReport app = run.application();
    return app.getApplicationId() + " " + app.getYarnApplicationState() + "/" + app.getFinalApplicationStatus() + " after "
        + run.attempts().size() + " attempt(s), spark-submit exit " + run.submitExitCode() + ", diagnostics: " + app.getDiagnostics()
        + " (spark-submit's output: " + run.submitLog().toAbsolutePath() + ")";
  }
}
