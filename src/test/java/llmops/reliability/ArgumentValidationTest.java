package llmops.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import llmops.testing.Cli;
import llmops.testing.LocalServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A bad path, table name or run name in any flag of any job: exit code 1, one message naming the flag
 * and the value, and nothing done: no file created, changed or deleted under the test's folder (the
 * inputs are all still there), no local folder named after a mistyped scheme, no DynamoDB table made.
 */
class ArgumentValidationTest {
  /** Every table the cases name starts with this: none of them may exist after a case. */
  private static final String TABLES = "argval-";

  @TempDir
  static Path dir;
  static String data;
  static String evalConfig;
  static DynamoDbClient dynamo;

  /** One bad value: the command line, and the flag and value (as the message shows it) the error must name. */
  record Case(String flag, String shown, List<String> args) {
    @Override
    public String toString() {
      return String.join(" ", args).replace("\n", "\\n");
    }
  }

  @BeforeAll
  static void inputs() throws Exception {
    data = dir.resolve("data").toString();
    assertEquals(0, Cli.run("sample-data", "--output_path", data, "--n", "100", "--dim", "4", "--clusters", "2", "--files", "2").exitCode());
    // The demo config with its dataset in this test's folder, so that an output there is beside an input.
    String demo = Files.readString(Path.of("conf", "evaluation_config.yaml"));
    String located = demo.replace("scripts/demo-corpus/eval/trivia_qa.jsonl", dir.resolve("eval/trivia_qa.jsonl").toString());
    assertTrue(!located.equals(demo), "the demo config's dataset location moved: update this test");
    evalConfig = dir.resolve("evaluation_config.yaml").toString();
    Files.writeString(Path.of(evalConfig), located);
    dynamo = LocalServices.dynamoDbClient();
  }

  static Stream<Case> badValues() {
    String out = dir.resolve("out").toString();
    List<String> drift = List.of("drift", "--job_type", "BASELINE", "--k", "2", "--out_table", TABLES + "drift", "--centroid_table", TABLES + "centroids");
    List<String> distance = List.of("distance", "--out_table", TABLES + "distance", "--drift_table", TABLES + "drift", "--centroid_table", TABLES + "centroids");
    List<String> eval = List.of("eval", "--out_table", TABLES + "eval", "--responses_table", TABLES + "responses");
    return Stream.of(
        // drift: inputs, outputs, config, tables, names inside paths and keys
        bad(drift, "--data_path", ""),
        bad(drift, "--data_path", "s3:/bucket/embeddings"),
        bad(drift, "--data_path", "s3//bucket/embeddings"),
        bad(drift, "--data_path", "gs://bucket/embeddings"),
        bad(drift, "--data_path", "s3://Bucket_Name/embeddings"),
        bad(drift, "--data_path", "s3://"),
        bad(with(drift, "--data_path", data), "--assignments_path", data),
        bad(with(drift, "--data_path", data), "--assignments_path", data + "/assignments"),
        bad(with(drift, "--data_path", data), "--assignments_path", dir.toString()),
        bad(with(drift, "--data_path", data), "--quarantine_path", "s3://llmops-test/"),
        bad(with(drift, "--data_path", data, "--assignments_path", out), "--quarantine_path", out + "/quarantine"),
        bad(with(drift, "--data_path", data), "--verdict_config", "file://conf/drift-verdict.yaml"),
        new Case("--baseline_data_path", "/tmp/a\\u0009b", with(drift, "--data_path", data, "--job_type", "SNAPSHOT", "--baseline_data_path", "/tmp/a\tb")),
        bad(with(drift, "--data_path", data), "--out_table", "ab"),
        bad(with(drift, "--data_path", data), "--centroid_table", "drift centroids"),
        bad(with(drift, "--data_path", data), "--series", "reference/2024"),
        bad(with(drift, "--data_path", data), "--run_id", "scheduled__2024-07-17T00:00:00+00:00"),
        // distance
        bad(with(distance, "--distance_path", out), "--prompt_path", "s3n://bucket/prompts"),
        bad(with(distance, "--prompt_path", data), "--distance_path", data),
        bad(with(distance, "--prompt_path", data, "--distance_path", out), "--quarantine_path", out),
        bad(with(distance, "--prompt_path", data, "--distance_path", out), "--data_path", "s3://bucket//reference"),
        bad(with(distance, "--prompt_path", data, "--distance_path", out), "--outlier_config", " s3://bucket/outliers.yaml"),
        bad(with(distance, "--prompt_path", data, "--distance_path", out), "--drift_table", "x"),
        bad(with(distance, "--prompt_path", data, "--distance_path", out), "--series", "prompts of today"),
        // embed
        bad(List.of("embed", "--input_path", data), "--output_path", data),
        bad(List.of("embed", "--input_path", data), "--output_path", "s3://llmops-test"),
        bad(List.of("embed", "--input_path", data, "--output_path", out), "--quarantine_path", "gs://bucket/quarantine"),
        // eval: the config, the dataset (given, or from the config), the output, the tables, the run id
        bad(with(eval, "--output_path", out), "--config", "s3//bucket/evaluation_config.yaml"),
        bad(with(eval, "--config", evalConfig, "--output_path", out), "--data_path", "s3a://xn/data"),
        new Case("--output_path", dir.resolve("eval").toString(), with(eval, "--config", evalConfig, "--output_path", dir.resolve("eval").toString())),
        bad(with(eval, "--config", evalConfig), "--output_path", "/"),
        bad(with(eval, "--config", evalConfig, "--output_path", out), "--out_table", "ab"),
        bad(with(eval, "--config", evalConfig, "--output_path", out), "--responses_table", "responses!"),
        bad(with(eval, "--config", evalConfig, "--output_path", out), "--run_id", "2024/07/17"),
        // report, results, sample-data
        bad(List.of("report", "--tables", "eval=" + TABLES + "eval"), "--output_path", "s3:/bucket/report"),
        new Case("--tables drift", "ab", List.of("report", "--output_path", out, "--tables", "drift=ab")),
        bad(List.of("results"), "--table", "ab"),
        bad(List.of("sample-data"), "--output_path", "s3://llmops-test"),
        bad(List.of("sample-data", "--format", "npy"), "--output_path", "s3://llmops-test/vectors.npy"));
  }

  private static Case bad(List<String> command, String flag, String value) {
    return new Case(flag, value, with(command, flag, value));
  }

  /** The command with each flag set to its value, replacing the value it had. */
  private static List<String> with(List<String> command, String... flagsAndValues) {
    List<String> args = new ArrayList<>(command);
    for (int i = 0; i < flagsAndValues.length; i += 2) {
      int at = args.indexOf(flagsAndValues[i]);
      if (at < 0) {
        args.addAll(List.of(flagsAndValues[i], flagsAndValues[i + 1]));
      } else {
        args.set(at + 1, flagsAndValues[i + 1]);
      }
    }
    return args;
  }

  @ParameterizedTest
  @MethodSource("badValues")
  void aBadValueFailsWithExitCode1BeforeAnyWork(Case bad) throws Exception {
    Map<String, Long> before = files(dir);

    Cli.Result run = Cli.run(bad.args().toArray(new String[0]));

    assertEquals(1, run.exitCode());
    String error = run.summary().get("error").asText();
    assertTrue(error.startsWith("IllegalArgumentException: --"), error);
    assertTrue(error.contains(bad.flag() + " "), error);
    assertTrue(error.contains("'" + bad.shown() + "'"), error);
    assertEquals(before, files(dir), "files under the test's folder changed");
    assertFalse(Files.exists(Path.of("s3")), "a local folder s3/ was written");
    assertTrue(dynamo.listTables().tableNames().stream().noneMatch(t -> t.startsWith(TABLES)), "a table was created");
  }

  @Test
  void anOutputInsideTheConfigsDatasetLocationIsNamedByWhereItComesFrom() throws Exception {
    Cli.Result run = Cli.run("eval", "--config", evalConfig, "--output_path", dir.resolve("eval").toString(),
        "--out_table", TABLES + "eval");

    assertEquals(1, run.exitCode());
    assertEquals("IllegalArgumentException: --output_path '" + dir.resolve("eval") + "' is a folder holding the config's"
        + " dataset.input_data_location '" + dir.resolve("eval/trivia_qa.jsonl") + "': writing the output there would delete or mix"
        + " with it; give each its own folder", run.summary().get("error").asText());
  }

  @Test
  void anOutputOnItsInputIsRefusedAndEveryInputFileIsStillThere() throws Exception {
    Map<String, Long> input = files(Path.of(data));
    assertEquals(2, input.size(), "the two part files (no checksum files beside them)");

    Cli.Result run = Cli.run("drift", "--job_type", "BASELINE", "--k", "2", "--data_path", data, "--assignments_path", data + "/",
        "--out_table", TABLES + "drift", "--centroid_table", TABLES + "centroids");

    assertEquals(1, run.exitCode());
    assertEquals("IllegalArgumentException: --assignments_path '" + data + "/' is the same place as --data_path '" + data
        + "': writing the output there would delete or mix with it; give each its own folder", run.summary().get("error").asText());
    assertEquals(input, files(Path.of(data)));
  }

  @Test
  void aSnapshotsOutputInsideItsBaselinesDataIsRefusedBeforeAnythingIsWritten() throws Exception {
    assertEquals(0, Cli.run("drift", "--job_type", "BASELINE", "--k", "2", "--data_path", data, "--run_id", "1", "--series", "argval",
        "--out_table", "baseline-data-runs", "--centroid_table", "baseline-data-centroids").exitCode());
    Map<String, Long> before = files(dir);

    // The SNAPSHOT's own data is elsewhere: only the BASELINE's stored data path is under the output.
    Cli.Result run = Cli.run("drift", "--job_type", "SNAPSHOT", "--k", "2", "--data_path", BadInputCorpus.good("embeddings-seed").toString(),
        "--run_id", "2", "--series", "argval", "--assignments_path", data + "/assignments",
        "--out_table", "baseline-data-runs", "--centroid_table", "baseline-data-centroids");

    assertEquals(1, run.exitCode());
    assertEquals("IllegalArgumentException: --assignments_path '" + data + "/assignments' is inside the BASELINE's --data_path '" + data
        + "': writing the output there would delete or mix with it; give each its own folder", run.summary().get("error").asText());
    assertEquals(before, files(dir));
    assertEquals(1, dynamo.scan(r -> r.tableName("baseline-data-runs")).count(), "only the BASELINE's item");
  }

  @Test
  void anUnknownSampleDataFormatNoLongerDeletesTheOutputFolderFirst() throws Exception {
    Path kept = dir.resolve("kept");
    Files.createDirectories(kept);
    Files.writeString(kept.resolve("part-0.txt"), "[1.0, 2.0]\n");

    Cli.Result run = Cli.run("sample-data", "--output_path", kept.toString(), "--format", "csv");

    assertEquals(1, run.exitCode());
    assertEquals("IllegalArgumentException: --format must be seed, seed-gz, jsonl, parquet or npy (got 'csv')", run.summary().get("error").asText());
    assertEquals("[1.0, 2.0]\n", Files.readString(kept.resolve("part-0.txt")));
  }

  /**
   * The DAG's run id ({{ ds }}) and an ISO time with colons name the default quarantine folder
   * (_llmops_quarantine/SERIES/BASELINE-RUN_ID beside the data); Spark and Hadoop write there and the
   * bad records are all in it.
   */
  @Test
  void runIdsWithDashesAndColonsNameAWorkingQuarantineFolder() throws Exception {
    Path input = BadInputCorpus.mixedCopy("embeddings-seed", dir.resolve("colons"));
    for (String runId : List.of("2024-07-17", "2024-07-17T00:00:00")) {
      Cli.Result run = Cli.run("drift", "--job_type", "BASELINE", "--k", "2", "--data_path", input.toString(), "--series", "a:b",
          "--run_id", runId, "--out_table", "colons-runs", "--centroid_table", "colons-centroids");

      assertEquals(0, run.exitCode());
      String quarantine = input.getParent().resolve("_llmops_quarantine/a:b/BASELINE-" + runId).toString();
      assertEquals(quarantine, run.summary().at("/input/quarantine_path").asText());
      assertEquals(BadInputCorpus.counts(BadInputCorpus.manifest("embeddings-seed").get("quarantined_by_reason")),
          BadInputCorpus.quarantinedByReason(quarantine));
    }
    dynamo.deleteTable(r -> r.tableName("colons-runs"));
    dynamo.deleteTable(r -> r.tableName("colons-centroids"));
  }

  /** Every file under {@code root} with its size. */
  private static Map<String, Long> files(Path root) throws IOException {
    Map<String, Long> sizes = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        sizes.put(root.relativize(p).toString(), Files.size(p));
      }
    }
    return sizes;
  }
}
