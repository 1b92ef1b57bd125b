package llmops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import llmops.testing.Processes;
import org.junit.jupiter.api.Test;

/**
 * A smoke run of scripts/bench-embed on a few texts, so the benchmark cannot rot: both models through
 * the embed job and through langchain4j directly, batches as they come against length-sorted ones, the
 * agreement read back, the table written to target/bench/. Its figures at this size measure start-up, not throughput; docs/benchmarks.md has a real run.
 */
class BenchEmbedScriptTest {
  @Test
  void measuresFp32AndInt8SideBySideAndWritesTheTable() throws Exception {
    // The classes this test runs in are compiled already: --no_build keeps Maven from running inside Maven.
    Processes.Result run = Processes.run("scripts/bench-embed", "--n", "24", "--cores", "1", "--no_build");
    assertEquals(0, run.exitCode(), run.stderr());
    Path table = Path.of("target/bench/embed-n24-c1.md");
    assertEquals(run.stdout(), Files.readString(table), "the table on stdout is the one written");
    assertTrue(run.stdout().contains("24 sentences, all-MiniLM-L6-v2 FP32 and int8, 1 core "), run.stdout());
    assertTrue(run.stdout().contains("| **this job, sentences/s per core** |"), run.stdout());
    assertTrue(run.stdout().contains("| langchain4j's model directly, no Spark, sentences/s per core |"), run.stdout());
    assertTrue(run.stdout().contains("| length-sorted / as they come |"), run.stdout());
    assertTrue(run.stdout().contains("int8 against FP32, cosine of each text's two vectors (24): mean 0.99"), run.stdout());
  }
}
