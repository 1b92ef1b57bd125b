package llmops.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import llmops.testing.ChildJvm;
import llmops.testing.FailOnceFileSystem;
import llmops.testing.SmallJobs;
import llmops.testing.SparkTest;
import llmops.testing.TableContents;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Spark tasks that fail once and are retried change nothing. Each job runs in its own JVM on
 * {@code local[2,3]} (2 threads, a task may fail 3 times) with {@link FailOnceFileSystem} serving its
 * local files, which fails the first attempt of every task at its first file open or create. Then
 * the same command runs in this JVM with no faults, over the same paths and tables.
 * Both must leave the same items and the same output rows, each row once. The input is the
 * bad-input corpus, so quarantines and the counts by reason are retried too.
 */
class TaskRetriesTest {
  private static final Path CORPUS = Path.of("src", "test", "resources", "bad-input");
  @TempDir
  static Path dir;

  @BeforeAll
  static void aReferenceBaseline() throws Exception {
    SmallJobs.ok("drift", "--job_type", "BASELINE", "--data_path", CORPUS.resolve("embeddings-seed/good").toString(), "--k", "3",
        "--series", "tr-reference", "--run_id", "1", "--out_table", "tr-reference-runs", "--centroid_table", "tr-reference-centroids");
  }

  @Test
  void aDriftRunWhoseTasksFailOnceStoresTheSameItemsAssignmentsAndQuarantine() throws Exception {
    String[] tables = {"tr-drift-runs", "tr-drift-centroids"};
    Outcome outcome = withAndWithoutFaults(tables, List.of("assignments", "quarantine-drift"),
        "drift", "--job_type", "BASELINE", "--data_path", input("embeddings-seed"), "--k", "3", "--series", "tr-drift", "--run_id", "1",
        "--out_table", tables[0], "--centroid_table", tables[1], "--assignments_path", output("assignments"),
        "--quarantine_path", output("quarantine-drift"));
    assertEquals(1, outcome.items().get(tables[0]).size());
    assertEquals(3, outcome.items().get(tables[1]).size(), "3 centroids, none twice");
  }

  @Test
  void aDistanceRunWhoseTasksFailOnceStoresTheSameItemsDistancesAndQuarantine() throws Exception {
    Outcome outcome = withAndWithoutFaults(new String[] {"tr-distance-runs"}, List.of("distance/prompts", "distance/outliers", "quarantine-distance"),
        "distance", "--prompt_path", input("embeddings-jsonl"), "--distance_path", output("distance"), "--series", "tr-prompts",
        "--run_id", "1", "--reference_series", "tr-reference", "--baseline_run", "1", "--drift_table", "tr-reference-runs",
        "--centroid_table", "tr-reference-centroids", "--out_table", "tr-distance-runs", "--quarantine_path", output("quarantine-distance"));
    assertEquals(1, outcome.items().get("tr-distance-runs").size());
  }

  @Test
  void anEvalRunWhoseTasksFailOnceStoresTheSameItemsAndRecords() throws Exception {
    withAndWithoutFaults(new String[] {"tr-eval-runs"}, List.of("eval/records", "eval/fmeval"),
        "eval", "--config", CORPUS.resolve("eval/config.yaml").toString(), "--data_path", input("eval"), "--output_path", output("eval"),
        "--out_table", "tr-eval-runs", "--run_id", "1");
  }

  @Test
  void anEmbedRunWhoseTasksFailOnceWritesTheSameVectorsAndQuarantine() throws Exception {
    withAndWithoutFaults(new String[0], List.of("embeddings", "quarantine-embed"),
        "embed", "--input_path", input("texts-jsonl"), "--output_path", output("embeddings"), "--quarantine_path", output("quarantine-embed"));
  }

  private record Outcome(Map<String, Set<Map<String, AttributeValue>>> items, Map<String, List<String>> rows) {}

  /** Runs the job with faults, then without; asserts both leave the same items and rows, and that faults were injected. */
  private static Outcome withAndWithoutFaults(String[] tables, List<String> outputs, String... args) throws Exception {
    Path log = dir.resolve(args[0] + "-with-faults.log");
    int exit = ChildJvm.run("local[2,3]", log, Map.of(), FailOnceFileSystem.JVM_FLAGS, List.of(args));
    String written = Files.readString(log);
    assertEquals(0, exit, written);
    long injected = written.lines().filter(line -> line.startsWith(FailOnceFileSystem.MARK)).count();
    assertTrue(injected >= 2, "failures were injected into reading and writing tasks: " + injected);
    Outcome withFaults = new Outcome(TableContents.of(tables), rows(outputs));

    SmallJobs.ok(args);
    Outcome withoutFaults = new Outcome(TableContents.of(tables), rows(outputs));
    assertEquals(withoutFaults.items(), withFaults.items());
    for (String output : outputs) {
      assertEquals(withoutFaults.rows().get(output), withFaults.rows().get(output), output);
      assertTrue(!withFaults.rows().get(output).isEmpty(), output + " holds rows");
    }
    return withFaults;
  }

  /** Every row of each output folder (Parquet, JSON Lines or gzipped text), sorted, duplicates kept. */
  private static Map<String, List<String>> rows(List<String> outputs) throws Exception {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    for (String output : outputs) {
      Path folder = dir.resolve(output);
      List<String> rows = new ArrayList<>();
      for (Path file : dataFiles(folder)) {
        String name = file.getFileName().toString();
        var read = SparkTest.spark().read();
        List<Row> fileRows = (name.endsWith(".parquet") ? read.parquet(file.toString()) : read.json(file.toString())).collectAsList();
        String partition = folder.relativize(file.getParent()).toString();
        fileRows.forEach(r -> rows.add(partition + " " + r));
      }
      rows.sort(null);
      out.put(output, rows);
    }
    return out;
  }

  private static List<Path> dataFiles(Path folder) throws Exception {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("_")
          && !f.getFileName().toString().startsWith(".")).sorted().toList();
    }
  }

  private static String input(String dataSet) {
    return CORPUS.resolve(dataSet).resolve("mixed").toString();
  }

  private static String output(String name) {
    return dir.resolve(name).toString();
  }
}
