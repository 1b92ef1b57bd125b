package llmops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import llmops.testing.Processes;
import org.junit.jupiter.api.Test;

/**
 * A smoke run of scripts/bench-scale at one small size, so the benchmark cannot rot: drift, distance
 * and eval each run once under GNU time with Spark's event log, and the table and chart land in
 * target/bench/. Its figures at this size measure start-up; docs/benchmarks.md has a real run.
 */
class BenchScaleScriptTest {
  @Test
  void measuresEachJobAndWritesTheTableAndTheChart() throws Exception {
    // The classes this test runs in are compiled already: --no_build keeps Maven from running inside Maven.
    Processes.Result run = Processes.run("scripts/bench-scale", "--sizes", "3000", "--eval_sizes", "2000", "--dim", "16", "--k", "3",
        "--cores", "1", "--no_build");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(run.stdout(), Files.readString(Path.of("target/bench/scale-c1.md")), "the table on stdout is the one written");
    assertTrue(Files.size(Path.of("target/bench/scale-c1.png")) > 10_000, "a chart, not an empty file");
    for (String job : new String[] {"drift", "distance", "eval"}) {
      String n = job.equals("eval") ? "2,000" : "3,000";
      Matcher row = Pattern.compile("\\| " + job + " \\| " + n + " \\| ([0-9.]+) \\| ([0-9.]+) \\|.*\\| ([0-9.]+) \\| ([0-9.]+) \\| ([0-9.]+) \\|")
          .matcher(run.stdout());
      assertTrue(row.find(), job + " has no row in\n" + run.stdout());
      double wall = Double.parseDouble(row.group(1));
      double phases = Double.parseDouble(row.group(2));
      assertTrue(phases > 0 && phases < wall, job + ": the phases are a part of the whole command");
      assertTrue(Double.parseDouble(row.group(3)) > 0, job + ": the JVM heap's peak comes from the event log");
      assertTrue(Double.parseDouble(row.group(4)) > 0, job + ": the peak resident memory comes from GNU time");
    }
  }
}
