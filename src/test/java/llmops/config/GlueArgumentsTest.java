package llmops.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import llmops.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class GlueArgumentsTest {
  @Test
  void dropsGluesOwnArgumentsAndKeepsTheJobs() {
    String[] glue = {"drift", "--JOB_NAME", "embedding-drift-analysis", "--job_type", "BASELINE", "--JOB_RUN_ID", "jr_1",
        "--job-bookmark-option", "job-bookmark-disable", "--TempDir", "s3://tmp/", "--enable-metrics", "true",
        "--enable-glue-datacatalog", "--data_path", "s3://b/e/", "--continuous-log-logGroup=/aws-glue/jobs"};
    assertArrayEquals(new String[] {"drift", "--job_type", "BASELINE", "--data_path", "s3://b/e/"},
        GlueArguments.withoutGlueArguments(glue));
  }

  @Test
  void keepsMisspeltFlagsOfOursSoTheParserCanRejectThem() {
    String[] args = {"drift", "--data-path", "x"};
    assertArrayEquals(args, GlueArguments.withoutGlueArguments(args));
  }

  @Test
  void theJobNamedByLlmopsJobBecomesTheSubcommand() {
    String[] glue = {"--JOB_ID", "j_1", "--job_type", "BASELINE", "--llmops_job", "drift", "--data_path", "s3://b/e/",
        "--job-language", "scala", "--class", "LlmopsGlueDriver"};
    assertArrayEquals(new String[] {"drift", "--job_type", "BASELINE", "--data_path", "s3://b/e/"},
        GlueArguments.jobArguments(glue));
  }

  @Test
  void argumentsWithoutLlmopsJobKeepTheirOrder() {
    String[] args = {"distance", "--prompt_path", "p", "--distance_path", "d"};
    assertArrayEquals(args, GlueArguments.jobArguments(args));
  }

  @Test
  void llmopsJobWithoutANameIsABadArgument() {
    assertEquals(2, Main.run(new String[] {"--llmops_job"}));
  }

  @Test
  void booleanFlagsTakeTheValueGluePassesWithEveryKey() {
    ParseResult glue = new CommandLine(new Main()).parseArgs(GlueArguments.jobArguments(new String[] {
        "--llmops_job", "drift", "--job_type", "SNAPSHOT", "--data_path", "s3://b/e/", "--fail_on_drift", "true"}));
    assertTrue((Boolean) glue.subcommand().matchedOptionValue("--fail_on_drift", false));
    ParseResult off = new CommandLine(new Main()).parseArgs(
        "distance", "--prompt_path", "p", "--distance_path", "d", "--fit_baseline", "false");
    assertFalse((Boolean) off.subcommand().matchedOptionValue("--fit_baseline", true));
    ParseResult bare = new CommandLine(new Main()).parseArgs(
        "drift", "--job_type", "SNAPSHOT", "--data_path", "x", "--fail_on_drift", "--series", "prompts");
    assertTrue((Boolean) bare.subcommand().matchedOptionValue("--fail_on_drift", false));
  }
}
