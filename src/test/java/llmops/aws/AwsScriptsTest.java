package llmops.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import llmops.testing.Processes;
import org.junit.jupiter.api.Test;

/** The AWS scripts' dry runs print exactly the AWS CLI calls they would make; every script passes shellcheck. */
class AwsScriptsTest {
  private static final String JAR = "s3://my-artifacts/llmops/llmops-spark-0.1.0-cluster.jar";
  private static final String LOCAL_JAR = Processes.projectDir().resolve("target/llmops-spark-0.1.0-cluster.jar").toString();

  @Test
  void everyShellScriptPassesShellcheck() throws Exception {
    assumeTrue(Processes.available("shellcheck"), "shellcheck is not installed (scripts/test installs Debian's when it can)");
    List<String> command = new ArrayList<>(List.of("shellcheck", "-x"));
    command.addAll(shellScripts());
    Processes.Result result = Processes.run(command.toArray(new String[0]));
    assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
  }

  @Test
  void emrStepDryRunPrintsTheUploadTheStepAndThePolls() throws Exception {
    Processes.Result result = Processes.run("scripts/emr-submit.sh", "--dry-run", "--cluster-id", "j-2AXXXXXXGAPLF", "--jar", JAR,
        "--upload", "--wait", "--conf", "spark.executor.memory=8g",
        "drift", "--job_type", "SNAPSHOT", "--series", "reference", "--data_path", "s3://my-data/embeddings/reference/dt=2025-01-31/",
        "--fail_on_drift");
    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals(String.join("\n",
        "aws s3 cp " + LOCAL_JAR + " " + JAR,
        "aws emr add-steps --cluster-id j-2AXXXXXXGAPLF --steps '[{\"Type\": \"CUSTOM_JAR\", \"Name\": \"llmops-drift\", "
            + "\"ActionOnFailure\": \"CONTINUE\", \"Jar\": \"command-runner.jar\", \"Args\": [\"spark-submit\", \"--deploy-mode\", "
            + "\"cluster\", \"--class\", \"llmops.Main\", \"--conf\", \"spark.executor.memory=8g\", \"" + JAR + "\", \"drift\", "
            + "\"--job_type\", \"SNAPSHOT\", \"--series\", \"reference\", \"--data_path\", "
            + "\"s3://my-data/embeddings/reference/dt=2025-01-31/\", \"--fail_on_drift\"]}]' --query 'StepIds[0]' --output text",
        "aws emr describe-step --cluster-id j-2AXXXXXXGAPLF --step-id STEP_ID --query Step.Status.State --output text",
        "aws emr describe-step --cluster-id j-2AXXXXXXGAPLF --step-id STEP_ID --query Step.Status.FailureDetails",
        ""), result.stdout());
  }

  @Test
  void emrServerlessDryRunPrintsTheJobRunWithItsSparkSubmitParameters() throws Exception {
    Processes.Result result = Processes.run("scripts/emr-submit.sh", "--dry-run", "--application-id", "00fabc",
        "--execution-role-arn", "arn:aws:iam::123456789012:role/llmops-eval", "--jar", JAR, "--log-uri", "s3://my-logs/emr/",
        "eval", "--config", "s3://my-data/evaluation/evaluation_config.yaml", "--output_path", "s3://my-data/llmops/eval/");
    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals("aws emr-serverless start-job-run --application-id 00fabc --execution-role-arn arn:aws:iam::123456789012:role/llmops-eval "
        + "--name llmops-eval --job-driver '{\"sparkSubmit\": {\"entryPoint\": \"" + JAR + "\", \"entryPointArguments\": [\"eval\", "
        + "\"--config\", \"s3://my-data/evaluation/evaluation_config.yaml\", \"--output_path\", \"s3://my-data/llmops/eval/\"], "
        + "\"sparkSubmitParameters\": \"--class llmops.Main\"}}' --configuration-overrides "
        + "'{\"monitoringConfiguration\": {\"s3MonitoringConfiguration\": {\"logUri\": \"s3://my-logs/emr/\"}}}' "
        + "--query jobRunId --output text\n", result.stdout());
  }

  @Test
  void dryRunQuotesArgumentsSoTheShellReadsThemBack() throws Exception {
    Processes.Result printed = Processes.run("scripts/emr-submit.sh", "--dry-run", "--cluster-id", "j-1", "--jar", JAR,
        "embed", "--input_path", "s3://my-data/it's here/", "--output_path", "s3://my-data/out/");
    Processes.Result reread = Processes.run("bash", "-c", "eval \"set -- $1\"; printf '%s\\n' \"$7\"", "_", printed.stdout().strip());
    assertTrue(reread.stdout().contains("\"--input_path\", \"s3://my-data/it's here/\""), reread.stdout() + reread.stderr());
  }

  @Test
  void emrSubmitWithoutATargetIsAUsageError() throws Exception {
    Processes.Result result = Processes.run("scripts/emr-submit.sh", "--jar", JAR, "drift");
    assertEquals(2, result.exitCode());
    assertTrue(result.stderr().contains("give --cluster-id (EMR on EC2) or --application-id (EMR Serverless)"), result.stderr());
  }

  @Test
  void glueDeployDryRunUploadsAndCreatesOrUpdatesEachJob() throws Exception {
    Processes.Result result = Processes.run("scripts/glue-deploy.sh", "--dry-run", "--account-id", "123456789012",
        "--artifact-bucket", "my-artifacts", "--data-bucket", "my-data", "--glue-version", "5.1", "--upload", "conf/glue/llmops-distance.json");
    assertEquals(0, result.exitCode(), result.stderr());
    Path out = Processes.projectDir().resolve("target/glue");
    assertEquals(String.join("\n",
        "aws s3 cp " + LOCAL_JAR + " " + JAR,
        "aws s3 cp " + Processes.projectDir().resolve("conf/glue/LlmopsGlueDriver.scala") + " s3://my-artifacts/llmops/LlmopsGlueDriver.scala",
        "if aws glue get-job --job-name llmops-distance >/dev/null; then aws glue update-job --cli-input-json file://"
            + out.resolve("llmops-distance.update.json") + "; else aws glue create-job --cli-input-json file://"
            + out.resolve("llmops-distance.create.json") + "; fi",
        ""), result.stdout());
    String created = Files.readString(out.resolve("llmops-distance.create.json"));
    assertTrue(created.contains("\"Role\": \"arn:aws:iam::123456789012:role/llmops-distance\""), created);
    assertTrue(created.contains("\"GlueVersion\": \"5.1\""), created);
    assertTrue(!created.contains("${"), created);
  }

  @Test
  void glueDeployRejectsAnAccountIdThatIsNotOne() throws Exception {
    Processes.Result result = Processes.run("scripts/glue-deploy.sh", "--dry-run", "--account-id", "my-account",
        "--artifact-bucket", "my-artifacts", "--data-bucket", "my-data");
    assertEquals(2, result.exitCode());
    assertTrue(result.stderr().contains("--account-id must be a 12-digit AWS account id"), result.stderr());
  }

  /** Every bash script of the project: scripts/ (its libraries included) and .ci/. */
  private static List<String> shellScripts() throws Exception {
    try (Stream<Path> files = Stream.concat(Files.walk(Path.of("scripts")), Files.walk(Path.of(".ci")))) {
      return files.filter(Files::isRegularFile).filter(AwsScriptsTest::isBash).map(Path::toString).sorted().toList();
    }
  }

  private static boolean isBash(Path file) {
    try {
      String first = Files.readAllLines(file).stream().findFirst().orElse("");
      return first.equals("#!/usr/bin/env bash") || first.equals("# shellcheck shell=bash");
    } catch (java.io.IOException | java.io.UncheckedIOException notText) {
      return false;
    }
  }
}
