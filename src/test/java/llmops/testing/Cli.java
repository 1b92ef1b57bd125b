package llmops.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import llmops.Main;

/** Runs the CLI in this JVM, as spark-submit would, and captures its exit code and summary line. */
public final class Cli {
  public record Result(int exitCode, String stdout, JsonNode summary) {}

  private Cli() {}

  public static synchronized Result run(String... args) throws Exception {
    SparkTest.spark(); // the jobs reuse the test session
    System.setProperty("llmops.dynamodb.endpoint", LocalServices.dynamoDb().toString());
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(out);
      code = Main.run(args);
    } finally {
      System.setOut(original);
    }
    String stdout = captured.toString(StandardCharsets.UTF_8);
    original.print(stdout);
    List<String> lines = stdout.lines().filter(l -> l.startsWith("{")).toList();
    JsonNode summary = lines.isEmpty() ? null : new ObjectMapper().readTree(lines.get(lines.size() - 1));
    return new Result(code, stdout, summary);
  }
}
