package llmops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import llmops.testing.Processes;
import org.junit.jupiter.api.Test;

/**
 * A smoke run of scripts/bench-knn on 2,000 reference vectors and 100 queries, so the benchmark cannot
 * rot: our brute force and index, faiss-cpu and scikit-learn on the same files, the exactness table
 * and the chart. Its speeds at this size measure start-up, not throughput; docs/benchmarks.md has a
 * real run. The exactness it prints is real: the index equals the brute force, and the brute force
 * the float64 definition, at any size.
 */
class BenchKnnScriptTest {
  @Test
  void measuresOursAgainstFaissAndScikitLearnAndChecksExactness() throws Exception {
    // The classes this test runs in are compiled already: --no_build keeps Maven from running inside Maven.
    Processes.Result run = Processes.run("scripts/bench-knn", "--sizes", "2000", "--queries", "100", "--dim", "64", "--no_build");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(run.stdout(), Files.readString(Path.of("target/bench/knn-2000.md")), "the table on stdout is the one written");
    assertTrue(Files.size(Path.of("target/bench/knn-2000.png")) > 0);
    assertTrue(run.stdout().contains("Exact 10-NN, Euclidean, 100 queries x 64 dimensions, one thread each"), run.stdout());
    assertTrue(run.stdout().contains("| 2,000 | "), run.stdout());
    // index vs brute force: 0 (the same distances, computed the same way); brute force vs the definition: last bits.
    assertTrue(run.stdout().matches("(?s).*\\| 2,000 \\| 0\\.0e\\+00 \\| \\d\\.\\de-1[3-6] \\(100\\) \\|.*"), run.stdout());
  }
}
