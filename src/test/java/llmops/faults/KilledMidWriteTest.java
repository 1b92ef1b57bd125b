package llmops.faults;

import static llmops.testing.SmallJobs.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import llmops.testing.ChildJvm;
import llmops.testing.SparkTest;
import llmops.testing.TableContents;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The driver and executor JVM lost in the middle of writing its Parquet output (kill -9, as when a
 * node or container dies): the rerun with the same --run_id leaves the outputs and the items of a
 * clean run, with no duplicate rows and no stray items.
 *
 * <p>How the kill lands mid-write, every time: the job runs in its own JVM (local mode), and the test
 * watches its output folder for Spark's {@code _temporary} directory, which exists only while tasks
 * are writing and the commit has not happened; it kills the JVM as soon as it sees it. 200,000
 * vectors make the write last long enough (hundreds of milliseconds) for a 2 ms poll to catch it.
 */
class KilledMidWriteTest {
  @TempDir
  static Path dir;

  @Test
  void aBaselineKilledWhileWritingItsAssignmentsLeavesACleanResultAfterTheRerun() throws Exception {
    Path data = dir.resolve("data");
    ok("sample-data", "--output_path", data.toString(), "--n", "200000", "--dim", "16", "--clusters", "3",
        "--separation", "2", "--noise", "0.4", "--files", "2", "--format", "parquet");
    Path assignments = dir.resolve("assignments");
    List<String> args = List.of("drift", "--job_type", "BASELINE", "--series", "killed", "--data_path", data.toString(),
        "--k", "3", "--run_id", "k1", "--assignments_path", assignments.toString(),
        "--out_table", "km-runs", "--centroid_table", "km-centroids");

    Process job = ChildJvm.start("local[2]", dir.resolve("killed.log"), Map.of(), args);
    long deadline = System.currentTimeMillis() + 180_000;
    while (!Files.isDirectory(assignments.resolve("_temporary")) && job.isAlive() && System.currentTimeMillis() < deadline) {
      Thread.sleep(2);
    }
    job.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no cleanup
    assertTrue(Files.isDirectory(assignments.resolve("_temporary")), "killed while writing: " + Files.readString(dir.resolve("killed.log")));
    assertTrue(!Files.exists(assignments.resolve("_SUCCESS")), "the write had not committed");
    assertEquals(Set.of(), TableContents.of("km-runs").get("km-runs"), "the kill came before any item");

    ok(args.toArray(new String[0]));
    List<Row> rerun = rows(assignments);
    Map<String, Set<Map<String, AttributeValue>>> items = TableContents.of("km-runs", "km-centroids");
    ok(args.toArray(new String[0]));

    assertEquals(200_000, rerun.size(), "every vector once");
    assertEquals(200_000, rerun.stream().map(r -> r.getString(0)).distinct().count(), "no duplicate ids");
    assertEquals(rows(assignments), rerun, "the same rows as a run that was never killed");
    assertEquals(TableContents.of("km-runs", "km-centroids"), items);
    assertEquals(3, items.get("km-centroids").size());
  }

  private static List<Row> rows(Path parquet) {
    return SparkTest.spark().read().parquet(parquet.toString()).select("id", "cluster", "distance", "run_id")
        .orderBy("id").collectAsList();
  }

}
