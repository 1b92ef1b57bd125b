package llmops.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

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
}
