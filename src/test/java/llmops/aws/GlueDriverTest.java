package llmops.aws;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** The Glue driver script as the build compiled it, called the way Glue calls it: main with Glue's and the job's arguments. */
class GlueDriverTest {
  private static void runDriver(String... sysArgs) throws Throwable {
    // The script has no package, as Glue's examples; Java can reach such a class only by reflection.
    Method main = Class.forName("LlmopsGlueDriver").getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) sysArgs);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Test
  void aRunThatExitsZeroSucceeds() {
    assertDoesNotThrow(() -> runDriver("--JOB_ID", "j_1", "--JOB_RUN_ID", "jr_1", "--job-bookmark-option", "job-bookmark-disable",
        "--llmops_job", "drift", "--help"));
  }

  @Test
  void aNonZeroExitCodeFailsTheGlueRunAndNamesTheCode() {
    Throwable failure = assertThrows(Throwable.class, () -> runDriver("--JOB_ID", "j_1", "--llmops_job", "drift", "--no_such_flag", "x"));
    assertInstanceOf(RuntimeException.class, failure);
    assertTrue(failure.getMessage().startsWith("llmops exited with code 2 "), failure.getMessage());
  }
}
