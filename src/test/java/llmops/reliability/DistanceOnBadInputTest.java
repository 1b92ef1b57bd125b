package llmops.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import llmops.testing.Cli;
import llmops.testing.SparkTest;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distance job over JSON Lines prompts (plain and gzip) with every kind of bad record among 166
 * good ones, plus a 50 MB line, against a BASELINE fitted on the corpus's good reference vectors;
 * compared with a run over the good prompts alone.
 */
class DistanceOnBadInputTest {
  private static final String DATA = "embeddings-jsonl";
  private static final String[] TABLES = {"--drift_table", "bad-input-distance-drift", "--centroid_table", "bad-input-distance-centroids",
      "--out_table", "bad-input-distance-runs", "--reference_series", "bad-input-reference", "--baseline_run", "1"};
  @TempDir
  static Path dir;
  static JsonNode expected;
  static Cli.Result mixed;
  static Cli.Result good;

  @BeforeAll
  static void runOnMixedAndOnGoodOnly() throws Exception {
    expected = BadInputCorpus.manifest(DATA);
    assertEquals(0, Cli.run("drift", "--job_type", "BASELINE", "--data_path", BadInputCorpus.good("embeddings-seed").toString(), "--k", "3",
        "--series", "bad-input-reference", "--run_id", "1", "--out_table", "bad-input-distance-drift",
        "--centroid_table", "bad-input-distance-centroids").exitCode());
    Path input = BadInputCorpus.mixedCopy(DATA, dir);
    HugeLine.jsonVector(input.resolve("zz-huge.jsonl"), "huge", "embedding");
    mixed = distance("mixed", input);
    good = distance("good", BadInputCorpus.good(DATA));
  }

  private static Cli.Result distance(String name, Path prompts) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("distance", "--prompt_path", prompts.toString(),
        "--distance_path", dir.resolve("distance-" + name).toString(), "--series", "bad-input-" + name, "--run_id", "1",
        "--quarantine_path", dir.resolve("quarantine-" + name).toString()));
    args.addAll(List.of(TABLES));
    return Cli.run(args.toArray(new String[0]));
  }

  @Test
  void theRunCompletesWithExitCode0() {
    assertEquals(0, mixed.exitCode());
    assertEquals(0, good.exitCode());
  }

  @Test
  void everyBadRecordIsCountedByReasonInTheSummary() {
    assertEquals(BadInputCorpus.withTheHugeLine(expected.get("quarantined_by_reason")),
        BadInputCorpus.counts(mixed.summary().at("/input/quarantined_by_reason")));
    assertTrue(good.summary().at("/input/quarantined_by_reason").isEmpty());
  }

  @Test
  void everyBadRecordIsInTheQuarantineWithItsReason() {
    assertEquals(BadInputCorpus.withTheHugeLine(expected.get("quarantined_by_reason")),
        BadInputCorpus.quarantinedByReason(mixed.summary().at("/input/quarantine_path").asText()));
  }

  @Test
  void nothingElseIsLostEveryLineIsAMeasuredPromptABadOneOrBlank() {
    JsonNode in = mixed.summary().get("input");
    assertEquals(expected.get("records").asLong() + 1, in.get("records").asLong());
    assertEquals(expected.get("good").asLong(), in.get("valid").asLong());
    assertEquals(expected.get("blank_lines").asLong(), in.get("blank_lines_skipped").asLong());
    assertEquals(in.get("records").asLong() + expected.get("corrupt_files").asLong(), in.get("valid").asLong() + in.get("quarantined").asLong());
    assertEquals(expected.get("good").asLong(), mixed.summary().at("/distances/overall/count").asLong());
  }

  @Test
  void theGoodPromptsGetTheSameDistancesAsWithoutTheBadOnes() {
    Map<String, String> withBad = prompts("mixed");
    assertEquals(expected.get("good").asInt(), withBad.size());
    assertEquals(prompts("good"), withBad);
  }

  @Test
  void theStatisticsAndCoverageAreThoseOfTheGoodPromptsAlone() {
    assertEquals(good.summary().get("distances"), mixed.summary().get("distances"));
    assertEquals(good.summary().get("coverage"), mixed.summary().get("coverage"));
  }

  private static Map<String, String> prompts(String name) {
    List<Row> rows = SparkTest.spark().read().parquet(dir.resolve("distance-" + name + "/prompts").toString())
        .select("id", "cluster", "euclidean_distance", "cosine_distance", "outlier").collectAsList();
    return rows.stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.get(1) + " " + r.get(2) + " " + r.get(3) + " " + r.get(4)));
  }

  @Test
  void anEmptyPrefixIsAClearErrorWithExitCode1() throws Exception {
    Path empty = dir.resolve("empty-prefix");
    Files.createDirectories(empty);
    Cli.Result run = distance("empty-prefix", empty);
    assertEquals(1, run.exitCode());
    assertTrue(run.summary().get("error").asText().contains("no input files under " + empty), run.summary().toString());
  }
}
