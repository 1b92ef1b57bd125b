package llmops.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import llmops.Main;
import llmops.config.GlueArguments;
import llmops.testing.Cli;
import llmops.testing.LocalServices;
import llmops.testing.MotoServer;
import llmops.testing.SmallJobs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * dags/llmops_dag.py under real Apache Airflow 2.10 and 3.x with the Amazon provider (the pinned
 * environments scripts/requirements/airflow2.txt and airflow3.txt), run by
 * src/test/python/airflow_dag_driver.py with dag.test() against moto's server (EMR, EMR Serverless,
 * Glue) and DynamoDB Local (the drift runs table), for each backend.
 *
 * <p>The verdict items are real drift runs: a BASELINE per series, then SNAPSHOTs with the DAG's run
 * ids (the logical dates) on data that drifted (reference) or did not (prompts), with the known
 * answers of DriftVerdictTest's data. This test plays the cluster behind moto: each submitted run
 * ends as soon as it appears, successfully except the reference SNAPSHOT of {@link #FAILED_DAY},
 * which ends in its service's failure state.
 */
class AirflowDagTest {
  /** Both SNAPSHOTs stored: reference drifted, prompts did not. */
  private static final String DRIFT_DAY = "2025-06-01";
  /** The reference SNAPSHOT's run fails (and stores nothing); the prompts SNAPSHOT is stored, clean. */
  private static final String FAILED_DAY = "2025-06-02";
  /** Both runs succeed in the cluster's eyes, but no SNAPSHOT item was stored for this day. */
  private static final String MISSING_DAY = "2025-06-03";
  private static final String RUNS_TABLE = "airflow-drift-runs";
  private static final String[] TABLES = {"--out_table", RUNS_TABLE, "--centroid_table", "airflow-drift-centroids"};
  private static final List<String> BACKENDS = List.of("emr", "emr_serverless", "glue");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** moto's name of each backend's service, which tells the runs of one backend from the others'. */
  private static final Map<String, String> SERVICES = Map.of("emr", "emr", "emr_serverless", "emr-serverless", "glue", "glue");
  /** The driver's results per Airflow version, then per backend: every day run once, by the first test that needs them. */
  private static final Map<String, Map<String, Runs>> RUNS = new ConcurrentHashMap<>();

  @TempDir
  static Path dir;
  private static MotoServer moto;

  /** One Airflow's DagBag and dag.test() of the three days on one backend: the results, the runs moto received, the log. */
  private record Runs(JsonNode bag, Map<String, JsonNode> days, List<MotoServer.Run> submitted, String log) {}

  static Stream<String> airflows() {
    return Stream.of(System.getProperty("llmops.airflows", "airflow2,airflow3").split(","));
  }

  static Stream<Arguments> airflowsAndBackends() {
    return airflows().flatMap(airflow -> BACKENDS.stream().map(backend -> Arguments.of(airflow, backend)));
  }

  @BeforeAll
  static void storeRealDriftRuns() throws Exception {
    moto = LocalServices.moto();
    String baseline = sample("baseline", "--row_seed", "1");
    String clean = sample("resample", "--row_seed", "2");
    String shifted = sample("shifted", "--row_seed", "6", "--shift", "0.4");
    for (String series : List.of("reference", "prompts")) {
      drift("BASELINE", series, baseline, "baseline");
    }
    assertTrue(drift("SNAPSHOT", "reference", shifted, DRIFT_DAY).at("/verdict/drift").asBoolean());
    assertEquals(false, drift("SNAPSHOT", "prompts", clean, DRIFT_DAY).at("/verdict/drift").asBoolean(true));
    assertEquals(false, drift("SNAPSHOT", "prompts", clean, FAILED_DAY).at("/verdict/drift").asBoolean(true));
  }

  @ParameterizedTest
  @MethodSource("airflows")
  void theDagsLoadInADagBagWithoutImportErrorsForEveryBackend(String airflow) throws Exception {
    Map<String, String> sensors = Map.of("emr", "EmrStepSensor", "emr_serverless", "EmrServerlessJobSensor", "glue", "GlueRunSensor");
    for (String backend : BACKENDS) {
      JsonNode bag = runs(airflow, backend).bag();
      assertEquals(0, bag.get("import_errors").size(), bag.get("import_errors").toString());
      assertEquals(List.of("llmops_daily_drift", "llmops_weekly_eval"), texts(bag.get("dag_ids")));
      assertTrue(texts(bag.get("operators")).contains(sensors.get(backend)), backend + " waits with " + bag.get("operators"));
    }
  }

  @ParameterizedTest
  @MethodSource("airflowsAndBackends")
  void aDriftedSnapshotTakesTheDriftBranchACleanOneTheStableBranchAndTheDistanceJobRunsAfterBoth(String airflow, String backend) throws Exception {
    JsonNode run = runs(airflow, backend).days().get(DRIFT_DAY);
    assertEquals("success", run.get("state").asText(), run.toString());
    Map<String, String> expected = Map.of(
        "reference_drift", "success", "reference_stable", "skipped",
        "prompt_drift", "skipped", "prompt_stable", "success",
        "prompt_distance", "success");
    assertEquals(expected, states(run, expected.keySet()));
  }

  @ParameterizedTest
  @MethodSource("airflowsAndBackends")
  void aFailedJobRunFailsTheDagRunInsteadOfTakingABranch(String airflow, String backend) throws Exception {
    JsonNode run = runs(airflow, backend).days().get(FAILED_DAY);
    assertEquals("failed", run.get("state").asText(), run.toString());
    Map<String, String> expected = Map.of(
        "reference_snapshot", "failed", "reference_verdict", "upstream_failed",
        "reference_drift", "upstream_failed", "reference_stable", "upstream_failed",
        // The other series still gets its verdict; the distance job needs both.
        "prompt_stable", "success", "prompt_distance", "upstream_failed");
    assertEquals(expected, states(run, expected.keySet()));
  }

  @ParameterizedTest
  @MethodSource("airflowsAndBackends")
  void aSnapshotWithNoStoredRunFailsItsVerdictTaskWithoutGuessing(String airflow, String backend) throws Exception {
    Runs runs = runs(airflow, backend);
    JsonNode run = runs.days().get(MISSING_DAY);
    assertEquals("failed", run.get("state").asText(), run.toString());
    Map<String, String> expected = Map.of(
        "reference_snapshot", "success", "reference_verdict", "failed",
        "reference_drift", "upstream_failed", "reference_stable", "upstream_failed",
        "prompt_distance", "upstream_failed");
    assertEquals(expected, states(run, expected.keySet()));
    String message = "no SNAPSHOT run '" + MISSING_DAY + "' of series 'reference' in " + RUNS_TABLE;
    assertTrue(runs.log().contains(message), "the verdict task's log says: " + message);
  }

  @ParameterizedTest
  @MethodSource("airflowsAndBackends")
  void everyJobTheDagSubmitsParsesWithTheJobsOwnCliAndCarriesTheDaysRunId(String airflow, String backend) throws Exception {
    Map<String, List<String>> jobsByDay = new TreeMap<>();
    for (MotoServer.Run run : runs(airflow, backend).submitted()) {
      CommandLine.ParseResult parsed = parse(jobArguments(run));
      String runId = parsed.subcommand().matchedOptionValue("--run_id", "");
      jobsByDay.computeIfAbsent(runId, day -> new ArrayList<>()).add(parsed.subcommand().commandSpec().name());
    }
    // The distance job runs only on the day both verdicts were read.
    jobsByDay.values().forEach(jobs -> jobs.sort(null));
    assertEquals(Map.of(DRIFT_DAY, List.of("distance", "drift", "drift"), FAILED_DAY, List.of("drift", "drift"),
        MISSING_DAY, List.of("drift", "drift")), jobsByDay);
  }

  @ParameterizedTest
  @MethodSource("airflowsAndBackends")
  void yarnRunsEachSubmittedJobOnceOnTheBackendsThatTakeTheFlag(String airflow, String backend) throws Exception {
    for (MotoServer.Run run : runs(airflow, backend).submitted()) {
      switch (backend) {
        case "emr" -> assertTrue(texts(run.args()).containsAll(List.of("--conf", "spark.yarn.maxAppAttempts=1")), run.args().toString());
        case "emr_serverless" -> assertTrue(run.details().at("/jobDriver/sparkSubmit/sparkSubmitParameters").asText()
            .contains("--conf spark.yarn.maxAppAttempts=1"), run.details().toString());
        // A Glue run is not a spark-submit: Glue's own MaxRetries (0 in conf/glue) decides.
        default -> assertEquals("glue", run.service());
      }
    }
  }

  /** The driver's three days on one backend, run once (for every backend of that Airflow) for all the tests that read them. */
  private static synchronized Runs runs(String airflow, String backend) throws Exception {
    if (!RUNS.containsKey(airflow)) {
      Set<String> before = new HashSet<>();
      moto.runs().forEach(r -> before.add(r.id()));
      Cluster cluster = new Cluster();
      cluster.start();
      Driven driven;
      try {
        driven = driver(airflow, List.of(DRIFT_DAY, FAILED_DAY, MISSING_DAY));
      } finally {
        cluster.interrupt();
        cluster.join();
      }
      List<MotoServer.Run> submitted = moto.runs().stream().filter(r -> !before.contains(r.id())).toList();
      Map<String, Runs> byBackend = new HashMap<>();
      for (String name : BACKENDS) {
        JsonNode result = driven.result().get(name);
        Map<String, JsonNode> days = new HashMap<>();
        result.get("days").forEach(day -> days.put(day.get("date").asText(), day));
        byBackend.put(name, new Runs(result, days, submitted.stream().filter(r -> r.service().equals(SERVICES.get(name))).toList(),
            backendLog(driven.log(), name)));
      }
      RUNS.put(airflow, byBackend);
    }
    return RUNS.get(airflow).get(backend);
  }

  /** The lines the driver logged while it ran one backend's days (it marks where each begins). */
  private static String backendLog(String log, String backend) {
    String marker = "=== backend " + backend + " ===";
    int start = log.indexOf(marker);
    int end = log.indexOf("=== backend ", start + marker.length());
    return log.substring(start, end < 0 ? log.length() : end);
  }

  /**
   * Plays the cluster behind moto: ends every run that is not final yet, the reference SNAPSHOT of
   * {@link #FAILED_DAY} in its service's failure state (Glue's ERROR, which the provider's own sensor
   * does not count as failed), every other run successfully.
   */
  private static final class Cluster extends Thread {
    private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "CANCELLED", "INTERRUPTED", "SUCCESS",
        "SUCCEEDED", "ERROR", "EXPIRED", "STOPPED", "TIMEOUT");
    private static final Map<String, String> SUCCESS = Map.of("emr", "COMPLETED", "emr-serverless", "SUCCESS", "glue", "SUCCEEDED");
    private static final Map<String, String> FAILURE = Map.of("emr", "FAILED", "emr-serverless", "FAILED", "glue", "ERROR");

    Cluster() {
      setDaemon(true);
    }

    @Override
    public void run() {
      try {
        while (!isInterrupted()) {
          try {
            finishNewRuns();
          } catch (IOException dropped) {
            // The control port's connection now and then ends without an answer ("header parser
            // received no bytes"); the next poll asks again, and setting a state twice is harmless.
          }
          Thread.sleep(200);
        }
      } catch (InterruptedException stopped) {
        // the driver finished
      }
    }

    private void finishNewRuns() throws IOException, InterruptedException {
      for (MotoServer.Run run : moto.runs()) {
        if (!FINAL.contains(run.state())) {
          List<String> args = List.of(jobArguments(run));
          boolean fails = args.contains("SNAPSHOT") && adjacent(args, "--series", "reference") && adjacent(args, "--run_id", FAILED_DAY);
          moto.finish(run.id(), (fails ? FAILURE : SUCCESS).get(run.service()), fails ? "driver exited with status 1" : null);
        }
      }
    }
  }

  private record Driven(JsonNode result, String log) {}

  /** Runs airflow_dag_driver.py with the venv's python over the given days, in a fresh AIRFLOW_HOME, and returns its JSON and log. */
  private static Driven driver(String airflow, List<String> days) throws Exception {
    Path python = LocalServices.pythonTool(airflow, "python");
    Path home = Files.createTempDirectory(dir, airflow + "-home");
    Path out = home.resolve("result.json");
    Path log = home.resolve("driver.log");
    Map<String, String> env = new HashMap<>(moto.awsEnvironment());
    // DynamoDB Local keeps a database per access key, and the drift jobs stored the runs as "local"
    // (moto takes any key).
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    env.put("AIRFLOW_HOME", home.toString());
    env.put("AIRFLOW__CORE__LOAD_EXAMPLES", "False");
    env.put("AIRFLOW__CORE__DAGS_FOLDER", Path.of("dags").toAbsolutePath().toString());
    env.put("PYTHONPATH", Path.of("src", "test", "python").toAbsolutePath().toString());
    env.put("AIRFLOW_VAR_LLMOPS_DRIFT_RUNS_TABLE", RUNS_TABLE);
    env.put("AIRFLOW_CONN_AWS_DEFAULT", JSON.writeValueAsString(Map.of("conn_type", "aws", "extra", Map.of(
        "region_name", "us-east-1", "endpoint_url", moto.endpoint().toString(),
        "service_config", Map.of("dynamodb", Map.of("endpoint_url", LocalServices.dynamoDb().toString()))))));
    run(env, log, python.getParent().resolve("airflow").toString(), "db", "migrate");
    List<String> command = new ArrayList<>(List.of(python.toString(), "src/test/python/airflow_dag_driver.py", "dags", out.toString()));
    command.addAll(days);
    run(env, log, command.toArray(new String[0]));
    return new Driven(JSON.readTree(out.toFile()), Files.readString(log));
  }

  private static void run(Map<String, String> env, Path log, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    Process process = builder.start();
    // A run the cluster never ended would keep its sensor poking for hours.
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish within 10 minutes; its log is " + log);
    }
    if (process.exitValue() != 0) {
      List<String> lines = Files.readAllLines(log);
      throw new AssertionError(String.join(" ", command) + " failed; the end of its log (" + log + "):\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
    }
  }

  private static String sample(String name, String... drift) throws Exception {
    String path = dir.resolve(name).toString();
    List<String> args = new ArrayList<>(List.of("sample-data", "--output_path", path, "--n", "2000", "--dim", "16",
        "--clusters", "4", "--separation", "2", "--noise", "0.5", "--files", "2"));
    args.addAll(List.of(drift));
    SmallJobs.ok(args.toArray(new String[0]));
    return path;
  }

  /** A drift run stored in the test's runs table; returns its summary. */
  private static JsonNode drift(String type, String series, String data, String runId) throws Exception {
    List<String> args = new ArrayList<>(List.of("drift", "--job_type", type, "--series", series, "--data_path", data,
        "--k", "4", "--run_id", runId));
    args.addAll(List.of(TABLES));
    Cli.Result run = SmallJobs.ok(args.toArray(new String[0]));
    Map<String, AttributeValue> key = Map.of("series", AttributeValue.fromS(series), "run", AttributeValue.fromS(type + "#" + runId));
    assertTrue(LocalServices.dynamoDbClient().getItem(b -> b.tableName(RUNS_TABLE).key(key).consistentRead(true)).hasItem());
    return run.summary();
  }

  /** The job's CLI arguments as the cluster would run them: after the jar on EMR, as Glue's driver rebuilds them on Glue. */
  private static String[] jobArguments(MotoServer.Run run) {
    List<String> args = texts(run.args());
    return switch (run.service()) {
      case "emr" -> args.subList(args.indexOf("llmops.Main") + 2, args.size()).toArray(new String[0]);
      case "glue" -> {
        List<String> glue = new ArrayList<>(List.of("--JOB_ID", "j_1", "--JOB_RUN_ID", "jr_1"));
        run.args().fields().forEachRemaining(a -> {
          glue.add(a.getKey());
          glue.add(a.getValue().asText());
        });
        yield GlueArguments.jobArguments(glue.toArray(new String[0]));
      }
      default -> args.toArray(new String[0]);
    };
  }

  /** Parses with the jobs' own CLI: an option a job does not take fails the test. */
  private static CommandLine.ParseResult parse(String[] args) {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
  }

  private static boolean adjacent(List<String> args, String flag, String value) {
    int at = args.indexOf(flag);
    return at >= 0 && at + 1 < args.size() && args.get(at + 1).equals(value);
  }

  private static Map<String, String> states(JsonNode run, Set<String> tasks) {
    Map<String, String> states = new HashMap<>();
    tasks.forEach(task -> states.put(task, run.at("/tasks/" + task).asText("not run")));
    return states;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
