package llmops.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import llmops.testing.ChildJvm;
import llmops.testing.SmallJobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job run as users run it (its own JVM, the project's log4j configuration) with AWS credentials
 * set to recognisable fake values, which its DynamoDB client really uses, and prompts carrying a
 * recognisable marker: neither appears anywhere in what it prints or logs (stdout and stderr).
 * The prompts' text belongs in the job's outputs, not in its logs.
 */
class NothingSecretLoggedTest {
  private static final String KEY_ID = "AKIAFAKEKEYID4TEST";
  private static final String SECRET = "fakeSecretAccessKey4Test/xyz+abc";
  private static final String TOKEN = "fakeSessionToken4TestLLMOPS";
  private static final String MARKER = "PROMPTMARKER7F3A";

  @TempDir
  static Path dir;

  @Test
  void anEvalRunLogsNeitherCredentialsNorPromptTexts() throws Exception {
    Path config = SmallJobs.evaluation(dir, MARKER);
    Path log = dir.resolve("eval.log");
    int code = ChildJvm.run("local[2]", log, Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET,
        "AWS_SESSION_TOKEN", TOKEN), List.of("eval", "--config", config.toString(), "--output_path", dir.resolve("out").toString(),
        "--out_table", "secret-eval", "--run_id", "s1"));
    String output = Files.readString(log);
    assertEquals(0, code, output);
    assertTrue(output.contains("\"status\":\"ok\"") || output.contains("\"status\": \"ok\""), "the summary line is there: " + output);
    for (String secret : List.of(KEY_ID, SECRET, TOKEN, MARKER)) {
      assertFalse(output.contains(secret), secret + " appears in the output:\n" + output);
    }
  }
}
