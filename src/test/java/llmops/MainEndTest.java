package llmops;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkUserAppException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the driver ends per deploy mode: the JVM exits with the code locally and in client mode; in YARN
 * cluster mode it never exits (the ApplicationMaster would report FAILED even for 0) but returns on
 * success and throws SparkUserAppException(code) otherwise, which YARN reports as the exit status.
 */
class MainEndTest {
  private final List<Integer> exits = new ArrayList<>();

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void clientModeExitsWithTheCode(int code) throws Exception {
    Main.end(code, "client", exits::add);
    assertEquals(List.of(code), exits);
  }

  @Test
  void clusterModeReturnsOnSuccessWithoutExiting() {
    assertDoesNotThrow(() -> Main.end(0, "cluster", exits::add));
    assertEquals(List.of(), exits);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void clusterModeThrowsTheCodeInsteadOfExiting(int code) {
    SparkUserAppException thrown = assertThrows(SparkUserAppException.class, () -> Main.end(code, "cluster", exits::add));
    assertEquals(code, thrown.exitCode());
    assertEquals(List.of(), exits);
  }

  @Test
  void badArgumentsInClusterModeThrowCodeTwo() {
    int code = Main.run(new String[] {"drift", "--no_such_flag", "x"});
    SparkUserAppException thrown = assertThrows(SparkUserAppException.class, () -> Main.end(code, "cluster", exits::add));
    assertEquals(2, thrown.exitCode());
  }
}
