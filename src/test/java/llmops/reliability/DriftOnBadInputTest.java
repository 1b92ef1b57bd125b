package llmops.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
import org.junit.jupiter.api.Test;

/**
 * A drift BASELINE over the AWS sample's archive format (plain and gzip) with every kind of bad line
 * among 325 good vectors, plus a 50 MB line; compared with a run over the good lines alone.
 */
class DriftOnBadInputTest implements BadInputContract {
  private final BadInputRuns runs = new BadInputRuns();

  @Override
  public String dataSet() {
    return "embeddings-seed";
  }

  @Override
  public void addTheHugeLine(Path mixedCopy) throws IOException {
    HugeLine.seedVector(mixedCopy.resolve("zz-huge.txt")); // sorts last: the other files keep their partitions
  }

  @Override
  public Cli.Result run(String name, Path input, Path dir) throws Exception {
    return Cli.run("drift", "--job_type", "BASELINE", "--data_path", input.toString(), "--k", "3", "--series", "bad-input-" + name,
        "--run_id", "1", "--out_table", "bad-input-drift-runs", "--centroid_table", "bad-input-drift-centroids",
        "--quarantine_path", dir.resolve("quarantine-" + name).toString(), "--assignments_path", dir.resolve("assignments-" + name).toString());
  }

  @Override
  public BadInputRuns runs() {
    return runs;
  }

  @Test
  void theGoodRecordsGiveTheSameAnalysisAsARunWithoutTheBadOnes() {
    for (String part : List.of("/pca", "/kmeans", "/silhouette", "/input/dim", "/input/valid")) {
      assertEquals(runs.good().summary().at(part), runs.mixed().summary().at(part), part);
    }
  }

  @Test
  void theGoodRecordsGetTheSameClustersAndDistancesAsWithoutTheBadOnes() {
    assertEquals(assignments("good"), assignments("mixed"));
  }

  private Map<String, String> assignments(String name) {
    List<Row> rows = SparkTest.spark().read().parquet(runs.dir().resolve("assignments-" + name).toString())
        .select("id", "cluster", "distance").collectAsList();
    return rows.stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.getInt(1) + " " + r.getDouble(2)));
  }

  @Test
  void theFiftyMegabyteLineIsQuarantinedAsTooLongWithItsSizeAndABoundedExcerpt() {
    Row huge = SparkTest.spark().read().json(runs.mixed().summary().at("/input/quarantine_path").asText())
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
    assertEquals(runs.manifest().get("files").asLong() + 1, runs.mixed().summary().at("/input/files").asLong());
    assertEquals(runs.manifest().get("files").asLong(), runs.good().summary().at("/input/files").asLong());
  }

  @Test
  void aPrefixOfEmptyFilesOnlyIsAClearErrorWithExitCode1() throws Exception {
    Path empties = runs.dir().resolve("only-empty-files");
    Files.createDirectories(empties);
    Files.write(empties.resolve("a.txt"), new byte[0]);
    Files.copy(BadInputCorpus.good(dataSet()).resolve("empty.txt.gz"), empties.resolve("b.txt.gz"));
    Cli.Result run = run("only-empty-files", empties, runs.dir());
    assertEquals(1, run.exitCode());
    assertTrue(run.summary().get("error").asText().contains("no usable input: 0 valid vectors of 0 records"), run.summary().toString());
  }
}
