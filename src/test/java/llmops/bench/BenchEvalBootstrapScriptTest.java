package llmops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import llmops.testing.Processes;
import org.junit.jupiter.api.Test;

/**
 * A smoke run of {@code scripts/bench-eval --bootstrap} on a few records, so the benchmark cannot rot:
 * the job without and with bootstrap replicates (summarization, whose corpus BLEU is resampled too), the
 * table written to target/bench/. Its figures at
 * this size measure start-up, not the bootstrap's cost; docs/benchmarks.md has a run at 1M records.
 */
class BenchEvalBootstrapScriptTest {
  @Test
  void runsTheJobWithoutAndWithTheBootstrapAndWritesTheTable() throws Exception {
    // The classes this test runs in are compiled already: --no_build keeps Maven from running inside Maven.
    Processes.Result run = Processes.run("scripts/bench-eval", "--bootstrap", "--n", "40", "--cores", "1", "--algorithms",
        "summarization_accuracy", "--replicates", "50", "--no_build");
    assertEquals(0, run.exitCode(), run.stderr());
    Path table = Path.of("target/bench/eval-bootstrap-n40-c1.md");
    assertEquals(run.stdout(), Files.readString(table), "the table on stdout is the one written");
    assertTrue(run.stdout().contains("40 records, one model, local[1]: the eval job without intervals and with 50 Poisson bootstrap"),
        run.stdout());
    assertTrue(run.stdout().matches("(?s).*\\| summarization_accuracy \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\|.*"), run.stdout());
  }
}
