package llmops.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import llmops.Main;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A drift analysis flag whose value is not of the flag's form is a bad argument, as a value picocli
 * cannot convert is: exit code 2 and a message naming the flag and the value, before any work.
 */
class AnalysisFlagValuesTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--k_range | a-b  | --k_range must be FROM-TO in whole numbers, like 2-12 (got 'a-b')",
      "--k_range | 2-   | --k_range must look like 2-12 (got '2-')",
      "--k       | many | --k must be a whole number or auto (got 'many')",
      "--k       | 1    | --k must be at least 2, or auto (got 1)",
      "--variance| 1.5  | --variance must be between 0 and 1 (got 1.5)",
      "--variance| lots | Invalid value for option '--variance': 'lots' is not a double"})
  void aValueNotOfItsFlagsFormExitsTwoNamingIt(String flag, String value, String message) {
    String[] args = {"drift", "--job_type", "BASELINE", "--data_path", "/nonexistent/never-read", flag, value};
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      code = Main.run(args);
    } finally {
      System.setErr(err);
    }
    String said = captured.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, said);
    assertTrue(said.contains(message), said);
    assertTrue(!said.contains("NumberFormatException"), said);
  }
}
