package llmops.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import llmops.testing.SmallJobs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every job leaves in local output folders: its outputs, and none of Hadoop's {@code .crc}
 * side files. Every job runs once in this JVM on the bad-input corpus, writing Parquet, JSON Lines,
 * quarantines, fmeval's files and the report under one folder.
 */
class LocalOutputFoldersTest {
  private static final Path CORPUS = Path.of("src", "test", "resources", "bad-input");
  private static final String[] DRIFT_TABLES = {"--out_table", "lof-drift-runs", "--centroid_table", "lof-drift-centroids"};
  @TempDir
  static Path dir;

  @BeforeAll
  static void runEveryJobWritingLocally() throws Exception {
    SmallJobs.ok("sample-data", "--output_path", out("sample-parquet"), "--n", "200", "--dim", "8", "--format", "parquet", "--files", "2");
    SmallJobs.ok("sample-data", "--output_path", out("sample-jsonl"), "--n", "200", "--dim", "8", "--format", "jsonl", "--files", "2");
    SmallJobs.ok("drift", "--job_type", "BASELINE", "--data_path", input("embeddings-seed"), "--k", "3", "--series", "lof-reference",
        "--run_id", "1", DRIFT_TABLES[0], DRIFT_TABLES[1], DRIFT_TABLES[2], DRIFT_TABLES[3], "--assignments_path", out("assignments"),
        "--quarantine_path", out("quarantine-drift"));
    SmallJobs.ok("distance", "--prompt_path", input("embeddings-jsonl"), "--distance_path", out("distance"), "--series", "lof-prompts",
        "--run_id", "1", "--reference_series", "lof-reference", "--baseline_run", "1", "--drift_table", DRIFT_TABLES[1],
        "--centroid_table", DRIFT_TABLES[3], "--out_table", "lof-distance-runs", "--quarantine_path", out("quarantine-distance"));
    SmallJobs.ok("embed", "--input_path", input("texts-jsonl"), "--output_path", out("embeddings"), "--quarantine_path", out("quarantine-embed"));
    SmallJobs.ok("eval", "--config", CORPUS.resolve("eval/config.yaml").toString(), "--data_path", input("eval"), "--output_path", out("eval"),
        "--out_table", "lof-eval-runs", "--run_id", "1");
    SmallJobs.ok("report", "--output_path", out("report"), "--series", "lof-reference", "--distance_series", "lof-prompts",
        "--datasets", "bad_input_qa", "--tables", "drift=lof-drift-runs,centroids=lof-drift-centroids,distance=lof-distance-runs,eval=lof-eval-runs");
  }

  private static String input(String dataSet) {
    return CORPUS.resolve(dataSet).resolve("mixed").toString();
  }

  private static String out(String name) {
    return dir.resolve(name).toString();
  }

  private static List<Path> files(Path folder) throws Exception {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void noFolderHoldsHadoopChecksumFiles() throws Exception {
    List<Path> all = files(dir);
    assertTrue(all.stream().anyMatch(f -> f.toString().endsWith(".parquet")) && all.stream().anyMatch(f -> f.toString().endsWith(".html")),
        "the jobs wrote Parquet and the report: " + all);
    assertEquals(List.of(), all.stream().filter(f -> f.getFileName().toString().endsWith(".crc")).toList());
  }

  @Test
  void fmevalsPerRecordFilesAreJsonLinesEndingInJsonl() throws Exception {
    List<Path> records = files(dir.resolve("eval/fmeval")).stream().filter(f -> f.getFileName().toString().startsWith("part-")).toList();
    for (String folder : List.of("factual_knowledge_bad_input_qa/model=m1", "factual_knowledge_bad_input_qa/model=m2",
        "qa_accuracy_bad_input_qa/model=m1", "qa_accuracy_bad_input_qa/model=m2")) {
      assertTrue(records.stream().anyMatch(f -> f.getParent().endsWith(folder)), folder + " holds records: " + records);
    }
    assertEquals(List.of(), records.stream().filter(f -> !f.getFileName().toString().endsWith(".jsonl")).toList());
  }
}
