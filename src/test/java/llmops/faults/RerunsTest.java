package llmops.faults;

import static llmops.testing.SmallJobs.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import llmops.testing.SmallJobs;
import llmops.testing.TableContents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every job that writes DynamoDB items, run twice with the same --run_id, leaves exactly the items of
 * one run: the same keys, the same values, nothing extra. Only {@code timings_s} (wall time per
 * phase, see {@link TableContents}) may differ. The embed job writes no items; its output is Parquet.
 */
class RerunsTest {
  @TempDir
  static Path dir;
  static Path reference;
  static Path snapshot;

  @BeforeAll
  static void data() throws Exception {
    reference = SmallJobs.embeddings(dir, "reference", 1);
    snapshot = SmallJobs.embeddings(dir, "snapshot", 2);
  }

  private static Map<String, Set<Map<String, AttributeValue>>> twice(String[] tables, String... args) throws Exception {
    ok(args);
    Map<String, Set<Map<String, AttributeValue>>> first = TableContents.of(tables);
    ok(args);
    Map<String, Set<Map<String, AttributeValue>>> second = TableContents.of(tables);
    assertEquals(first, second);
    return second;
  }

  private static String[] baseline(String series, String runs, String centroids) {
    return new String[] {"drift", "--job_type", "BASELINE", "--series", series, "--data_path", reference.toString(), "--k", "3",
        "--run_id", "base-1", "--out_table", runs, "--centroid_table", centroids};
  }

  @Test
  void aDriftBaselineRerunLeavesTheSameItems() throws Exception {
    Map<String, Set<Map<String, AttributeValue>>> items = twice(new String[] {"rr-b-runs", "rr-b-centroids"},
        baseline("ref", "rr-b-runs", "rr-b-centroids"));
    assertEquals(1, items.get("rr-b-runs").size());
    assertEquals(3, items.get("rr-b-centroids").size(), "one partition of 3 centroids, no leftovers");
  }

  @Test
  void aDriftSnapshotRerunLeavesTheSameItems() throws Exception {
    ok(baseline("ref", "rr-s-runs", "rr-s-centroids"));
    Map<String, Set<Map<String, AttributeValue>>> items = twice(new String[] {"rr-s-runs", "rr-s-centroids"},
        "drift", "--job_type", "SNAPSHOT", "--series", "ref", "--data_path", snapshot.toString(), "--k", "3",
        "--run_id", "snap-1", "--out_table", "rr-s-runs", "--centroid_table", "rr-s-centroids");
    assertEquals(2, items.get("rr-s-runs").size());
    assertEquals(6, items.get("rr-s-centroids").size());
  }

  @Test
  void aDistanceRerunLeavesTheSameItems() throws Exception {
    ok(baseline("ref", "rr-d-runs", "rr-d-centroids"));
    Map<String, Set<Map<String, AttributeValue>>> items = twice(new String[] {"rr-d-distance"},
        "distance", "--prompt_path", snapshot.toString(), "--distance_path", dir.resolve("distance").toString(),
        "--reference_series", "ref", "--drift_table", "rr-d-runs", "--centroid_table", "rr-d-centroids",
        "--out_table", "rr-d-distance", "--run_id", "dist-1");
    assertEquals(1, items.get("rr-d-distance").size());
  }

  @Test
  void anEvalRerunLeavesTheSameItems() throws Exception {
    Path config = SmallJobs.evaluation(dir.resolve("eval"), "Rerun");
    Map<String, Set<Map<String, AttributeValue>>> items = twice(new String[] {"rr-eval"},
        "eval", "--config", config.toString(), "--output_path", dir.resolve("eval-out").toString(),
        "--out_table", "rr-eval", "--run_id", "eval-1");
    assertEquals(true, items.get("rr-eval").size() >= 2, "a run item per model at least: " + items.get("rr-eval").size());
  }
}
