package llmops.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import llmops.io.BadRecord;
import llmops.io.LineSplits;
import llmops.testing.Cli;
import llmops.testing.SparkTest;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drift BASELINE over the AWS sample's archive format (plain and gzip) with every kind of bad line
 * among 325 good vectors, plus a 50 MB line; compared with a run over the good lines alone.
 */
class DriftOnBadInputTest {
  private static final String DATA = "embeddings-seed";
  @TempDir
  static Path dir;
  static JsonNode expected;
  static Cli.Result mixed;
  static Cli.Result good;

  @BeforeAll
  static void runOnMixedAndOnGoodOnly() throws Exception {
    expected = BadInputCorpus.manifest(DATA);
    Path input = BadInputCorpus.mixedCopy(DATA, dir);
    HugeLine.seedVector(input.resolve("zz-huge.txt")); // sorts last: the other files keep their partitions
    mixed = drift("mixed", input);
    good = drift("good", BadInputCorpus.good(DATA));
  }

  private static Cli.Result drift(String name, Path input) throws Exception {
    return Cli.run("drift", "--job_type", "BASELINE", "--data_path", input.toString(), "--k", "3", "--series", "bad-input-" + name,
        "--run_id", "1", "--out_table", "bad-input-drift-runs", "--centroid_table", "bad-input-drift-centroids",
        "--quarantine_path", dir.resolve("quarantine-" + name).toString(), "--assignments_path", dir.resolve("assignments-" + name).toString());
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
  void nothingElseIsLostEveryLineIsAValidRecordABadOneOrBlank() {
    JsonNode in = mixed.summary().get("input");
    assertEquals(expected.get("records").asLong() + 1, in.get("records").asLong()); // + the 50 MB line
    assertEquals(expected.get("good").asLong(), in.get("valid").asLong());
    assertEquals(expected.get("blank_lines").asLong(), in.get("blank_lines_skipped").asLong());
    // a corrupt file is quarantined once but is not a record
    assertEquals(in.get("records").asLong() + expected.get("corrupt_files").asLong(), in.get("valid").asLong() + in.get("quarantined").asLong());
  }

  @Test
  void theGoodRecordsGiveTheSameAnalysisAsARunWithoutTheBadOnes() {
    for (String part : List.of("/pca", "/kmeans", "/silhouette", "/input/dim", "/input/valid")) {
      assertEquals(good.summary().at(part), mixed.summary().at(part), part);
    }
  }

  @Test
  void theGoodRecordsGetTheSameClustersAndDistancesAsWithoutTheBadOnes() {
    assertEquals(assignments("good"), assignments("mixed"));
  }

  private static Map<String, String> assignments(String name) {
    List<Row> rows = SparkTest.spark().read().parquet(dir.resolve("assignments-" + name).toString()).select("id", "cluster", "distance").collectAsList();
    return rows.stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.getInt(1) + " " + r.getDouble(2)));
  }

  @Test
  void theFiftyMegabyteLineIsQuarantinedAsTooLongWithItsSizeAndABoundedExcerpt() {
    Row huge = SparkTest.spark().read().json(mixed.summary().at("/input/quarantine_path").asText())
        .where("reason = 'line_too_long'").first();
    assertEquals("zz-huge.txt", huge.getString(huge.fieldIndex("source")));
    assertEquals(0, huge.getLong(huge.fieldIndex("offset")));
    assertTrue(huge.getString(huge.fieldIndex("detail")).contains("longer than the limit of " + LineSplits.DEFAULT_MAX_LINE_BYTES + " bytes"),
        huge.toString());
    assertTrue(huge.getString(huge.fieldIndex("raw")).startsWith("[0.1, 0.1"));
    assertEquals(BadRecord.MAX_RAW_CHARS, huge.getString(huge.fieldIndex("raw")).length());
  }

  @Test
  void emptyFilesAreReadAsFilesThatHoldNothing() {
    assertEquals(expected.get("files").asLong() + 1, mixed.summary().at("/input/files").asLong());
    assertEquals(expected.get("files").asLong(), good.summary().at("/input/files").asLong());
  }

  @Test
  void anEmptyPrefixIsAClearErrorWithExitCode1() throws Exception {
    Path empty = dir.resolve("empty-prefix");
    Files.createDirectories(empty.resolve("_temporary"));
    Cli.Result run = drift("empty-prefix", empty);
    assertEquals(1, run.exitCode());
    assertTrue(run.summary().get("error").asText().contains("no input files under " + empty), run.summary().toString());
  }

  @Test
  void aPrefixOfEmptyFilesOnlyIsAClearErrorWithExitCode1() throws Exception {
    Path empties = dir.resolve("only-empty-files");
    Files.createDirectories(empties);
    Files.write(empties.resolve("a.txt"), new byte[0]);
    Files.copy(BadInputCorpus.good(DATA).resolve("empty.txt.gz"), empties.resolve("b.txt.gz"));
    Cli.Result run = drift("only-empty-files", empties);
    assertEquals(1, run.exitCode());
    assertTrue(run.summary().get("error").asText().contains("no usable input: 0 valid vectors of 0 records"), run.summary().toString());
  }
}
