package llmops.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import llmops.testing.LocalServices;
import llmops.testing.MotoServer;
import llmops.testing.Processes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * scripts/emr-submit.sh and scripts/glue-deploy.sh run with the real AWS CLI (the awscli of
 * scripts/requirements/aws-tools.txt) against moto's server: what they submit is what moto holds
 * afterwards, and with --wait they exit by the final state the test gives the run, as a cluster would.
 */
class AwsCliDeployTest {
  private static final String ACCOUNT = "123456789012";
  private static final String JAR = "s3://my-artifacts/llmops/llmops-spark-0.1.0-cluster.jar";
  private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/llmops-drift";
  /** A Spark property whose value has spaces: spark-submit must get it as one --conf value. */
  private static final String JAVA_OPTIONS = "spark.driver.extraJavaOptions=-Dllmops.probe=1 -Dllmops.label=two words";
  /** A job argument with a space and a quote, which must arrive as one argument. */
  private static final String DATA_PATH = "s3://my-data/embeddings/it's here/dt=2025-01-31/";
  private static final String GLUE_JOB = "llmops-drift-snapshot-prompts";
  /**
   * Glue jobs are regional, and moto 5.2.5 has no UpdateJob (it answers 500): the runs' jobs are
   * created once in their own region, and the test of creation uses another, so each sees only its own.
   */
  private static final String GLUE_RUN_REGION = "eu-west-1";
  private static final String GLUE_CREATE_REGION = "eu-central-1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static MotoServer moto;
  private static String path;
  private static String clusterId;
  private static String applicationId;

  /** The three ways the scripts run a job, with the final states their APIs report. */
  enum Backend {
    EMR_STEP("emr", "COMPLETED", List.of("FAILED", "CANCELLED", "INTERRUPTED"), true),
    EMR_SERVERLESS("emr-serverless", "SUCCESS", List.of("FAILED", "CANCELLED"), true),
    // moto's Glue JobRun has no ErrorMessage, so the failure reason cannot be seen here (Glue fills it in).
    GLUE("glue", "SUCCEEDED", List.of("FAILED", "STOPPED", "TIMEOUT", "ERROR", "EXPIRED"), false);

    final String service;
    final String success;
    final List<String> failures;
    final boolean motoReportsTheReason;

    Backend(String service, String success, List<String> failures, boolean motoReportsTheReason) {
      this.service = service;
      this.success = success;
      this.failures = failures;
      this.motoReportsTheReason = motoReportsTheReason;
    }

    /** The script's command line that runs a drift SNAPSHOT with DATA_PATH there, plus the given options. */
    List<String> command(String... options) {
      List<String> command = new ArrayList<>();
      if (this == GLUE) {
        command.addAll(List.of("scripts/glue-deploy.sh", "--run-only", "--start-run", GLUE_JOB,
            "--run-arg", "data_path=" + DATA_PATH, "--run-arg", "run_id=2025-01-31"));
        command.addAll(List.of(options));
        return command;
      }
      command.add("scripts/emr-submit.sh");
      if (this == EMR_STEP) {
        command.addAll(List.of("--cluster-id", clusterId));
      } else {
        command.addAll(List.of("--application-id", applicationId, "--log-uri", "s3://my-artifacts/emr-logs/"));
      }
      command.addAll(List.of("--execution-role-arn", ROLE, "--jar", JAR, "--conf", JAVA_OPTIONS));
      command.addAll(List.of(options));
      command.addAll(List.of("drift", "--job_type", "SNAPSHOT", "--series", "prompts", "--data_path", DATA_PATH,
          "--run_id", "2025-01-31", "--fail_on_drift"));
      return command;
    }
  }

  @BeforeAll
  static void cluster() throws Exception {
    moto = LocalServices.moto();
    path = LocalServices.pythonTool("aws-tools", "aws").getParent() + ":" + System.getenv("PATH");
    clusterId = aws("us-east-1", "emr", "create-cluster", "--name", "llmops-test", "--release-label", "emr-7.5.0",
        "--instance-type", "m5.xlarge", "--instance-count", "1", "--service-role", "EMR_DefaultRole",
        "--ec2-attributes", "InstanceProfile=EMR_EC2_DefaultRole", "--query", "ClusterId", "--output", "text");
    applicationId = aws("us-east-1", "emr-serverless", "create-application", "--name", "llmops-test", "--type", "SPARK",
        "--release-label", "emr-7.5.0", "--query", "applicationId", "--output", "text");
    Processes.Result deployed = script(GLUE_RUN_REGION, glueDeploy());
    assertEquals(0, deployed.exitCode(), deployed.stderr());
  }

  @Test
  void anEmrStepRunsSparkSubmitInClusterModeWithOneAttemptAndEachValueAsSent() throws Exception {
    MotoServer.Run step = submit(Backend.EMR_STEP);
    assertEquals(List.of("spark-submit", "--deploy-mode", "cluster", "--class", "llmops.Main",
        "--conf", "spark.yarn.maxAppAttempts=1", "--conf", JAVA_OPTIONS, JAR,
        "drift", "--job_type", "SNAPSHOT", "--series", "prompts", "--data_path", DATA_PATH, "--run_id", "2025-01-31", "--fail_on_drift"),
        strings(step.args()));
    assertEquals("command-runner.jar", step.details().get("Jar").asText());
    assertEquals("CONTINUE", step.details().get("ActionOnFailure").asText());
    // The step's runtime role (--execution-role-arn) is sent, but moto's AddJobFlowSteps drops ExecutionRoleArn.
  }

  @Test
  void anEmrServerlessRunCarriesTheJobsArgumentsItsPropertiesAsSparkDefaultsAndItsRole() throws Exception {
    MotoServer.Run run = submit(Backend.EMR_SERVERLESS);
    JsonNode submit = run.details().at("/jobDriver/sparkSubmit");
    assertEquals(JAR, submit.get("entryPoint").asText());
    assertEquals(List.of("drift", "--job_type", "SNAPSHOT", "--series", "prompts", "--data_path", DATA_PATH,
        "--run_id", "2025-01-31", "--fail_on_drift"), strings(submit.get("entryPointArguments")));
    assertEquals("--class llmops.Main", submit.get("sparkSubmitParameters").asText());
    JsonNode overrides = run.details().get("configurationOverrides");
    assertEquals("spark-defaults", overrides.at("/applicationConfiguration/0/classification").asText());
    assertEquals(Map.of("spark.yarn.maxAppAttempts", "1", "spark.driver.extraJavaOptions", JAVA_OPTIONS.split("=", 2)[1]),
        JSON.convertValue(overrides.at("/applicationConfiguration/0/properties"), Map.class));
    assertEquals("s3://my-artifacts/emr-logs/", overrides.at("/monitoringConfiguration/s3MonitoringConfiguration/logUri").asText());
    assertEquals(ROLE, run.details().get("executionRoleArn").asText());
    // The retry policy (maxAttempts 1) is sent too, but moto's StartJobRun drops retryPolicy.
  }

  @Test
  void aGlueRunHasTheJobsDefaultsWithTheRunsArgumentsOverThem() throws Exception {
    MotoServer.Run run = submit(Backend.GLUE);
    assertEquals(GLUE_JOB, run.name());
    assertEquals(DATA_PATH, run.args().get("--data_path").asText());
    assertEquals("2025-01-31", run.args().get("--run_id").asText());
    assertEquals("drift", run.args().get("--llmops_job").asText());
    assertEquals("SNAPSHOT", run.args().get("--job_type").asText());
  }

  @Test
  void glueDeployCreatesEveryJobOfConfGlueAsItsDefinitionSaysWithNoGlueRetry() throws Exception {
    Processes.Result deployed = script(GLUE_CREATE_REGION, glueDeploy());
    assertEquals(0, deployed.exitCode(), deployed.stderr());
    for (Path definition : GlueJobDefinitionsTest.definitions().toList()) {
      JsonNode expected = GlueJobDefinitionsTest.filledIn(definition);
      JsonNode job = JSON.readTree(aws(GLUE_CREATE_REGION, "glue", "get-job", "--job-name", expected.get("Name").asText())).get("Job");
      for (String field : List.of("Description", "Role", "ExecutionProperty", "Command", "DefaultArguments", "MaxRetries", "Timeout",
          "GlueVersion", "WorkerType", "NumberOfWorkers")) {
        assertEquals(expected.get(field), job.get(field), definition + ": " + field);
      }
      assertEquals(0, job.get("MaxRetries").asInt(), "Airflow watches the run: a Glue retry would run it again behind it");
      assertTrue(deployed.stderr().contains("created Glue job " + expected.get("Name").asText()), deployed.stderr());
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void waitExitsZeroWhenTheRunSucceeds(Backend backend) throws Exception {
    Processes.Result result = runToTheEnd(backend, backend.success, null);
    assertEquals(0, result.exitCode(), result.stderr());
    assertTrue(result.stderr().contains(": " + backend.success), result.stderr());
  }

  static Stream<Arguments> failures() {
    return Stream.of(Backend.values()).flatMap(backend -> backend.failures.stream().map(state -> Arguments.of(backend, state)));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void waitExitsNonZeroAndSaysWhyWhenTheRunEndsAnyOtherWay(Backend backend, String state) throws Exception {
    String reason = "User application exited with status 3";
    Processes.Result result = runToTheEnd(backend, state, reason);
    assertEquals(1, result.exitCode(), result.stderr());
    assertTrue(result.stderr().contains(": " + state + "\n"), result.stderr());
    if (backend.motoReportsTheReason) {
      assertTrue(result.stderr().contains(reason), result.stderr());
    }
  }

  /**
   * Runs the backend's command without --wait and returns the one run it submitted, as moto holds it;
   * the run is then ended, since a Glue job takes one run at a time (MaxConcurrentRuns 1).
   */
  private static MotoServer.Run submit(Backend backend) throws Exception {
    Set<String> before = runIds();
    Processes.Result result = script(region(backend), backend.command().toArray(new String[0]));
    assertEquals(0, result.exitCode(), result.stderr());
    List<MotoServer.Run> submitted = newRuns(backend, before);
    assertEquals(1, submitted.size(), submitted.toString());
    moto.finish(submitted.get(0).id(), backend.success, null);
    return submitted.get(0);
  }

  /** Runs the backend's command with --wait, ends its run in the given state once moto holds it, and returns how the script ended. */
  private static Processes.Result runToTheEnd(Backend backend, String state, String reason) throws Exception {
    Set<String> before = runIds();
    String[] command = backend.command("--wait").toArray(new String[0]);
    CompletableFuture<Processes.Result> script = CompletableFuture.supplyAsync(() -> {
      try {
        return script(region(backend), command);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<MotoServer.Run> submitted = newRuns(backend, before);
    while (submitted.isEmpty() && !script.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(200);
      submitted = newRuns(backend, before);
    }
    assertEquals(1, submitted.size(), "runs submitted: " + submitted + (script.isDone() ? "; the script ended: " + script.join() : ""));
    moto.finish(submitted.get(0).id(), state, reason);
    return script.get(60, TimeUnit.SECONDS);
  }

  private static List<MotoServer.Run> newRuns(Backend backend, Set<String> before) throws Exception {
    return moto.runs().stream().filter(run -> run.service().equals(backend.service) && !before.contains(run.id())).toList();
  }

  private static Set<String> runIds() throws Exception {
    return moto.runs().stream().map(MotoServer.Run::id).collect(Collectors.toSet());
  }

  private static String region(Backend backend) {
    return backend == Backend.GLUE ? GLUE_RUN_REGION : "us-east-1";
  }

  private static String[] glueDeploy() {
    return new String[] {"scripts/glue-deploy.sh", "--account-id", ACCOUNT, "--artifact-bucket", "my-artifacts", "--data-bucket", "my-data"};
  }

  /** Runs a command with moto's AWS environment in the region, the pinned AWS CLI first on the PATH and a 1 s poll. */
  private static Processes.Result script(String region, String... command) throws Exception {
    List<String> line = new ArrayList<>(List.of("env"));
    moto.awsEnvironment().forEach((name, value) -> line.add(name + "=" + value));
    line.addAll(List.of("AWS_DEFAULT_REGION=" + region, "PATH=" + path, "LLMOPS_POLL_SECONDS=1"));
    line.addAll(List.of(command));
    return Processes.run(line.toArray(new String[0]));
  }

  /** An AWS CLI call against moto; its standard output, stripped. */
  static String aws(String region, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("aws"));
    command.addAll(List.of(arguments));
    Processes.Result result = script(region, command.toArray(new String[0]));
    assertEquals(0, result.exitCode(), String.join(" ", command) + ": " + result.stderr());
    return result.stdout().strip();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
