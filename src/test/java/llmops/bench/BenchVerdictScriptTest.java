package llmops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import llmops.testing.Processes;
import org.junit.jupiter.api.Test;

/**
 * A smoke run of scripts/bench-verdict on a few thousand small vectors, so the benchmark cannot rot:
 * a BASELINE, the same SNAPSHOT without and with calibration, a shifted one, the table written to
 * target/bench/. Its seconds at this size measure start-up, not the calibration's cost at scale;
 * docs/benchmarks.md has a real run.
 */
class BenchVerdictScriptTest {
  @Test
  void timesTheSnapshotWithAndWithoutCalibrationAndWritesTheTable() throws Exception {
    // The classes this test runs in are compiled already: --no_build keeps Maven from running inside Maven.
    Processes.Result run = Processes.run("scripts/bench-verdict", "--n", "3000", "--dim", "16", "--k", "4", "--cores", "1", "--no_build");
    assertEquals(0, run.exitCode(), run.stderr());
    Path table = Path.of("target/bench/verdict-n3000-c1.md");
    assertEquals(run.stdout(), Files.readString(table), "the table on stdout is the one written");
    assertTrue(run.stdout().contains("| same distribution, `calibration.enabled: false` | "), run.stdout());
    assertTrue(run.stdout().contains(" | 0.0 | no drift | – |"), "uncalibrated: no calibration time, no level\n" + run.stdout());
    assertTrue(run.stdout().contains("| 15 % new topic and mix 2:1:...:1, calibrated | "), run.stdout());
    assertTrue(run.stdout().contains(" | drift | drift |"), "the shifted SNAPSHOT is drift under both verdicts\n" + run.stdout());
    assertTrue(run.stdout().contains("(200 resamples of 1500 vectors, 20 with K-Means refits)"), run.stdout());
  }
}
