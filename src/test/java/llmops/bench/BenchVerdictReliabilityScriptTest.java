package llmops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import llmops.testing.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke run of scripts/bench-verdict-reliability on two draws of 100 synopses a kind, from the first
 * 40 synopses of every section, so the benchmark cannot rot: the corpus embedded, the BASELINE, one
 * windowed job per kind, the cost runs on one draw, the table written to target/bench/. Two draws
 * measure nothing about reliability; docs/benchmarks.md has a real run.
 */
class BenchVerdictReliabilityScriptTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  Path dir;

  @Test
  void judgesEachDrawAsAWindowAndWritesTheTable() throws Exception {
    Map<String, Integer> perSection = new HashMap<>();
    List<String> corpus = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/knn/debian-descriptions.jsonl"))) {
      if (perSection.merge(JSON.readTree(line).get("section").asText(), 1, Integer::sum) <= 40) {
        corpus.add(line);
      }
    }
    Path small = Files.write(dir.resolve("corpus.jsonl"), corpus);
    // The classes this test runs in are compiled already: --no_build keeps Maven from running inside Maven.
    Processes.Result run = Processes.run("scripts/bench-verdict-reliability", "--draws", "2", "--snapshot", "100", "--cost", "1",
        "--cores", "1", "--corpus", small.toString(), "--no_build");
    assertEquals(0, run.exitCode(), run.stderr());
    String table = run.stdout();
    assertEquals(table, Files.readString(Path.of("target/bench/verdict-reliability-d2-s100-r200.md")), "the table on stdout is the one written");
    // 55 % of each reference section's 40 synopses: 22 of each of the ten.
    assertTrue(table.contains("a BASELINE of 220 vectors (k=10, seed 21)"), table);
    assertTrue(table.contains("| unchanged (same mix, fresh draws) (2) | "), "every draw judged as a window of its own\n" + table);
    assertTrue(table.contains("| shifted (15 from new sections, mix 2:1:...:1) (2) | "), table);
    // The pseudo-snapshots are as large as a draw: 100 is below the bound (2,500) and half the BASELINE's sample (110).
    assertTrue(table.contains("200 resamples of 100 vectors, 20 with K-Means refits; history rule off."), table);
    assertTrue(table.contains("| one job, --window 1d | "), table);
    assertTrue(table.contains("| separate SNAPSHOT jobs, one per draw | "), table);
  }
}
