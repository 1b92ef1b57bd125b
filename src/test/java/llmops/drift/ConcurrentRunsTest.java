package llmops.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import llmops.Main;
import llmops.io.Dynamo;
import llmops.io.TableSpec;
import llmops.testing.LocalServices;
import llmops.testing.SmallJobs;
import llmops.testing.SparkTest;
import llmops.testing.TableContents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Runs of one series at the same time, with real threads against DynamoDB Local: a BASELINE replaced
 * while others read it is seen whole, old or new, never a mix; writers of one run at once leave one
 * whole run; two SNAPSHOTs at once both store their own complete items.
 */
class ConcurrentRunsTest {
  @TempDir
  static Path dir;

  @BeforeAll
  static void endpoint() throws Exception {
    System.setProperty("llmops.dynamodb.endpoint", LocalServices.dynamoDb().toString());
  }

  @Test
  void aBaselineReplacedWhileItIsReadIsAlwaysSeenWholeOldOrNew() throws Exception {
    try (Dynamo dynamo = Dynamo.connect()) {
      TaggedRuns.Tables tables = TaggedRuns.Tables.of(dynamo, "cc-replace");
      TableSpec runs = tables.runs();
      TableSpec centroids = tables.centroids();
      RunWithCentroids store = new RunWithCentroids(dynamo, runs, centroids);
      TaggedRuns.publish(store, "A", 3);
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicInteger reads = new AtomicInteger();
      List<String> mixed = java.util.Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        readers.add(pool.submit(() -> {
          while (writing.get()) {
            RunWithCentroids.Read read = store.complete(dynamo.get(runs.name(), TaggedRuns.runKey()).orElseThrow());
            String version = read.run().get("version").s();
            int expectedK = version.equals("A") ? 3 : 5;
            boolean whole = read.centroids().size() == expectedK
                && read.centroids().stream().allMatch(c -> c.get("version").s().equals(version));
            if (!whole) {
              mixed.add(version + ": " + read.centroids());
            }
            reads.incrementAndGet();
          }
          return null;
        }));
      }
      // Alternate between versions of different k, so a mix would show in the count as well as in the tags.
      for (int i = 0; i < 30; i++) {
        TaggedRuns.publish(store, i % 2 == 0 ? "B" : "A", i % 2 == 0 ? 5 : 3);
      }
      writing.set(false);
      for (Future<?> reader : readers) {
        reader.get();
      }
      pool.shutdown();
      assertEquals(List.of(), mixed, "every read is one whole version");
      assertTrue(reads.get() >= 30, "the readers overlapped the replacements: " + reads.get() + " reads");
      assertEquals(3, TableContents.of(centroids.name()).get(centroids.name()).size(), "superseded centroids are deleted");
    }
  }

  @Test
  void writersOfOneRunAtOnceLeaveOneWholeRunAndNoStrayCentroids() throws Exception {
    try (Dynamo dynamo = Dynamo.connect()) {
      TaggedRuns.Tables tables = TaggedRuns.Tables.of(dynamo, "cc-writers");
      TableSpec runs = tables.runs();
      TableSpec centroids = tables.centroids();
      RunWithCentroids store = new RunWithCentroids(dynamo, runs, centroids);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<?>> writers = new ArrayList<>();
      for (String tag : List.of("A", "B")) {
        writers.add(pool.submit(() -> {
          for (int i = 0; i < 10; i++) {
            TaggedRuns.publish(store, tag, tag.equals("A") ? 3 : 5);
          }
          return null;
        }));
      }
      for (Future<?> writer : writers) {
        writer.get();
      }
      pool.shutdown();
      RunWithCentroids.Read read = store.complete(dynamo.get(runs.name(), TaggedRuns.runKey()).orElseThrow());
      String version = read.run().get("version").s();
      assertTrue(read.centroids().stream().allMatch(c -> c.get("version").s().equals(version)));
      assertEquals(read.centroids().size(), TableContents.of(centroids.name()).get(centroids.name()).size(),
          "only the winning version's centroids are left");
    }
  }

  @Test
  void twoSnapshotsOfOneSeriesAtOnceBothStoreTheirOwnCompleteItems() throws Exception {
    Path reference = SmallJobs.embeddings(dir, "reference", 1);
    Path snapshot = SmallJobs.embeddings(dir, "snapshot", 2);
    String[] tables = {"--out_table", "cc-snap-runs", "--centroid_table", "cc-snap-centroids"};
    SmallJobs.ok(concat(new String[] {"drift", "--job_type", "BASELINE", "--series", "ref", "--data_path", reference.toString(),
        "--k", "3", "--run_id", "base"}, tables));
    SparkTest.spark();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Integer>> snapshots = new ArrayList<>();
    for (String runId : List.of("snap-a", "snap-b")) {
      // Main.run directly: the CLI helper captures System.out and so runs one job at a time.
      snapshots.add(pool.submit(() -> Main.run(concat(new String[] {"drift", "--job_type", "SNAPSHOT", "--series", "ref",
          "--data_path", snapshot.toString(), "--k", "3", "--run_id", runId}, tables))));
    }
    for (Future<Integer> run : snapshots) {
      assertEquals(0, run.get());
    }
    pool.shutdown();
    var runs = TableContents.of("cc-snap-runs").get("cc-snap-runs");
    assertEquals(3, runs.size(), "the BASELINE and both SNAPSHOTs");
    var centroidItems = TableContents.of("cc-snap-centroids").get("cc-snap-centroids");
    assertEquals(9, centroidItems.size(), "3 centroids for each run");
    for (Map<String, AttributeValue> run : runs) {
      long own = centroidItems.stream().filter(c -> c.get("run").equals(run.get("centroid_key"))).count();
      assertEquals(3, own, run.get("run").s());
      if (run.get("run").s().startsWith("SNAPSHOT")) {
        assertEquals("base", run.get("comparison").m().get("baseline").m().get("run_id").s());
      }
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
