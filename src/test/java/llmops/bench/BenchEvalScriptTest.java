package llmops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import llmops.testing.Processes;
import org.junit.jupiter.api.Test;

/**
 * A smoke run of {@code scripts/bench-eval} on a few records, so the benchmark cannot rot: the job, the
 * Java and Python functions and the plain Python read-score-write process for two cheap algorithms, and
 * the table with the job's overhead per record written to target/bench/. Its figures at this size
 * measure start-up; docs/benchmarks.md has the runs at 20,000 and 200,000 records.
 */
class BenchEvalScriptTest {
  @Test
  void runsTheJobAndItsPythonPeersAndWritesTheTable() throws Exception {
    // The classes this test runs in are compiled already: --no_build keeps Maven from running inside Maven.
    Processes.Result run = Processes.run("scripts/bench-eval", "--n", "40", "--cores", "1", "--python_n", "40", "--algorithms",
        "factual_knowledge,classification_accuracy", "--no_build");
    assertEquals(0, run.exitCode(), run.stderr());
    Path table = Path.of("target/bench/eval-n40-c1.md");
    assertEquals(run.stdout(), Files.readString(table), "the table on stdout is the one written");
    assertTrue(run.stdout().startsWith("40 records, the job on local[1]"), run.stdout());
    for (String algorithm : new String[] {"factual_knowledge", "classification_accuracy"}) {
      // Every column measured: the functions, the job, its overhead (a number, perhaps negative at this size), the plain Python process.
      assertTrue(run.stdout().matches("(?s).*\\| " + algorithm + " \\| [0-9,]+ \\| [0-9,]+ \\| [0-9.]+ \\| [0-9,]+ \\| [0-9,]+ \\| -?[0-9,.]+ \\| [0-9,]+ \\| [0-9.]+ \\|.*"),
          run.stdout());
    }
  }
}
