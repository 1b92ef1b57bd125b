package llmops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import llmops.testing.Processes;
import org.junit.jupiter.api.Test;

/**
 * A smoke run of scripts/bench-invoke on 200 prompts against the local OpenAI-compatible server, so the
 * benchmark cannot rot: a clean run and one where a share of first attempts fail, the table written to
 * target/bench/. Its rates at this size measure start-up, not the runners' ceiling; docs/benchmarks.md
 * has a real run. What it checks at any size: every prompt answered exactly once, failures or not.
 */
class BenchInvokeScriptTest {
  @Test
  void answersEveryPromptOnceWithAndWithoutFailuresAndWritesTheTable() throws Exception {
    // The classes this test runs in are compiled already: --no_build keeps Maven from running inside Maven.
    Processes.Result run = Processes.run("scripts/bench-invoke", "--n", "200", "--latency_ms", "20", "--concurrency", "4",
        "--failure_share", "0.2", "--no_build");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(run.stdout(), Files.readString(Path.of("target/bench/invoke-n200-l20-c4.md")), "the table on stdout is the one written");
    assertTrue(run.stdout().contains("200 prompts, latency 20 ms, concurrency 4: ceiling C/L = 200 answers/s"), run.stdout());
    assertTrue(run.stdout().matches("(?s).*\\| clean \\| \\d+ \\| \\d\\.\\d\\d \\| 200 \\| 0 \\|.*"), run.stdout());
    // A fifth of first attempts fail and are retried: more calls than prompts, still no prompt answered twice.
    assertTrue(run.stdout().matches("(?s).*\\| 20% of first attempts fail \\(503\\) \\| \\d+ \\| \\d\\.\\d\\d \\| 2\\d\\d \\| 0 \\|.*"), run.stdout());
  }
}
