package llmops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import llmops.testing.Processes;
import org.junit.jupiter.api.Test;

/**
 * A smoke run of scripts/bench on 3,000 small vectors, so the benchmark cannot rot: whole BASELINE
 * commands from the sample's gzipped text and from Parquet against scikit-learn reading the same
 * files and a .npy, the tables written to target/bench/. Its seconds at this size measure start-up,
 * not the analysis; docs/benchmarks.md has real runs.
 */
class BenchScriptTest {
  @Test
  void timesWholeCommandsAgainstScikitLearnReadingTheSameFiles() throws Exception {
    // The classes this test runs in are compiled already: --no_build keeps Maven from running inside Maven.
    Processes.Result run = Processes.run("scripts/bench", "--n", "3000", "--dim", "16", "--k", "4", "--cores", "1", "--no_aws_sample",
        "--no_build");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(run.stdout(), Files.readString(Path.of("target/bench/drift-n3000-d16-k4-c1.md")), "the table on stdout is the one written");
    String number = "\\d+\\.\\d";
    for (String input : new String[] {"the sample's gzipped text", "Parquet", "Parquet \\(ours\\) against a ready `\\.npy` \\(scikit-learn\\), the strictest"}) {
      assertTrue(run.stdout().matches("(?s).*\\| " + input + " \\| " + number + " \\| " + number + " \\| \\d+\\.\\d\\d \\|.*"),
          "a whole command each and their ratio, from " + input + "\n" + run.stdout());
    }
    assertTrue(run.stdout().matches("(?s).*\\| read \\(ours: [^|]*\\)( \\| " + number + "){5} \\|.*"), "the reading of every run\n" + run.stdout());
    // Four well-separated clusters: both find the same number of components and the same K-Means optimum.
    assertTrue(run.stdout().matches("(?s).*Same answer: components (\\d+) vs \\1, .* inertia (\\S+) vs \\2\n.*"), run.stdout());
  }
}
