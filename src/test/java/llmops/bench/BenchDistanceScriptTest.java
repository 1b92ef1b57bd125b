package llmops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import llmops.testing.Processes;
import org.junit.jupiter.api.Test;

/**
 * A smoke run of scripts/bench-distance on a few thousand small vectors, so the benchmark cannot rot:
 * the reference BASELINE, the distance job and scikit-learn + NumPy on the same prompts, the table
 * written to target/bench/. Its rates at this size measure start-up, not throughput;
 * docs/benchmarks.md has a real run.
 */
class BenchDistanceScriptTest {
  @Test
  void measuresTheJobAgainstScikitLearnAndWritesTheTable() throws Exception {
    // The classes this test runs in are compiled already: --no_build keeps Maven from running inside Maven.
    Processes.Result run = Processes.run("scripts/bench-distance", "--n", "3000", "--peer_n", "1000", "--reference_n", "4000",
        "--dim", "16", "--k", "4", "--cores", "1", "--no_build");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(run.stdout(), Files.readString(Path.of("target/bench/distance-n3000-d16-k4-c1.md")), "the table on stdout is the one written");
    assertTrue(run.stdout().contains("3,000 prompts x 16 against k=4 centroids, 1 cores (scikit-learn on the first 1,000)."), run.stdout());
    assertTrue(run.stdout().matches("(?s).*\\| \\*\\*prompts/s per core, computing\\*\\* \\| \\*\\*[\\d,]+\\*\\* \\| \\*\\*[\\d,]+\\*\\* \\|.*"), run.stdout());
    // The same generator, seed and reference: the job's median over 3,000 prompts and the peer's over the first
    // 1,000 of them estimate one distribution's median.
    assertTrue(run.stdout().matches("(?s).*median distance \\d+\\.\\d{4} \\(scikit-learn on its subset: \\d+\\.\\d{4}\\).*"), run.stdout());
  }
}
