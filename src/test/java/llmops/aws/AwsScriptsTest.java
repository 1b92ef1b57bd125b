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

/**
 * The AWS scripts' usage errors and --dry-run's quoting (a user feature: the printed calls paste back
 * into a shell); every script passes shellcheck. What the scripts submit, run for real, is AwsCliDeployTest's.
 */
class AwsScriptsTest {
  private static final String JAR = "s3://my-artifacts/llmops/llmops-spark-0.1.0-cluster.jar";

  @Test
  void everyShellScriptPassesShellcheck() throws Exception {
    assumeTrue(Processes.available("shellcheck"), "shellcheck is not installed (scripts/test installs Debian's when it can)");
    List<String> command = new ArrayList<>(List.of("shellcheck", "-x"));
    command.addAll(shellScripts());
    Processes.Result result = Processes.run(command.toArray(new String[0]));
    assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
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
