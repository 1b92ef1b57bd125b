package llmops.faults;

import static llmops.testing.SmallJobs.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import llmops.testing.DynamoFaultInjector;
import llmops.testing.SmallJobs;
import llmops.testing.TableContents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Whole jobs with DynamoDB faults injected into the client they make themselves
 * ({@link DynamoFaultInjector}, switched on through the SDK's global interceptor list): throttling,
 * answers lost after the write was applied, partial batches, failed reads. Each run must end with
 * exactly the items a clean run of the same id leaves: nothing missing, nothing twice, no stray
 * centroid partitions. (A run is compared with a clean rerun of its id, which {@link RerunsTest}
 * shows rewrites identical items.) {@code llmops.io.DynamoFaultsTest} covers the retry budget running out.
 */
class DynamoFaultsInJobsTest {
  @TempDir
  static Path dir;

  @AfterEach
  void faultsOff() {
    DynamoFaultInjector.off();
  }

  private static Map<String, Set<Map<String, AttributeValue>>> underFaultsThenClean(String[] tables, String[]... runs) throws Exception {
    DynamoFaultInjector.on();
    for (String[] run : runs) {
      ok(run);
    }
    DynamoFaultInjector.off();
    assertTrue(DynamoFaultInjector.injected() >= 5, DynamoFaultInjector.injected() + " faults injected");
    Map<String, Set<Map<String, AttributeValue>>> faulted = TableContents.of(tables);
    for (String[] run : runs) {
      ok(run);
    }
    assertEquals(TableContents.of(tables), faulted);
    return faulted;
  }

  @Test
  void driftRunsUnderDynamoFaultsStoreExactlyTheItemsOfACleanRun() throws Exception {
    Path reference = SmallJobs.embeddings(dir, "reference", 1);
    Path snapshot = SmallJobs.embeddings(dir, "snapshot", 2);
    String[] tables = {"df-runs", "df-centroids"};
    Map<String, Set<Map<String, AttributeValue>>> items = underFaultsThenClean(tables,
        new String[] {"drift", "--job_type", "BASELINE", "--series", "ref", "--data_path", reference.toString(), "--k", "3",
            "--run_id", "b", "--out_table", tables[0], "--centroid_table", tables[1]},
        new String[] {"drift", "--job_type", "SNAPSHOT", "--series", "ref", "--data_path", snapshot.toString(), "--k", "3",
            "--run_id", "s", "--out_table", tables[0], "--centroid_table", tables[1]});
    assertEquals(2, items.get("df-runs").size());
    assertEquals(6, items.get("df-centroids").size());
  }

  @Test
  void anEvalRunUnderDynamoFaultsStoresExactlyTheItemsOfACleanRun() throws Exception {
    Path config = SmallJobs.evaluation(dir.resolve("eval"), "Faults");
    underFaultsThenClean(new String[] {"df-eval"}, new String[] {"eval", "--config", config.toString(),
        "--output_path", dir.resolve("eval-out").toString(), "--out_table", "df-eval", "--run_id", "e"});
  }
}
