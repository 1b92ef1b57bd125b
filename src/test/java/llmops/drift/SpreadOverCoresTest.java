package llmops.drift;

import static llmops.testing.SmallJobs.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import llmops.testing.Synthetic;
import llmops.udfs.vectors.GaussianClusters;
import llmops.udfs.vectors.VectorBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vectors of one file arrive in one partition; the native engine spreads them over the cores
 * before the analysis, and the run gives the numbers the same vectors give when read from files that
 * are spread already (up to the order of floating-point sums).
 */
class SpreadOverCoresTest {
  private static final int DIM = 1024;
  /** Two full blocks and a part of a third: one partition as read, three blocks to spread. */
  private static final int N = 2 * VectorBlock.rowsPerBlock(DIM) + 300;

  @TempDir
  Path dir;

  private JsonNode run(String name, int files) throws Exception {
    float[][] rows = Synthetic.vectors(new GaussianClusters(DIM, 3, 3.0, 0.5, 21, 0, 0), N, 4);
    Path data = Files.createDirectories(dir.resolve(name));
    int perFile = (N + files - 1) / files;
    for (int f = 0; f < files; f++) {
      List<String> lines = new ArrayList<>();
      for (int i = f * perFile; i < Math.min(N, (f + 1) * perFile); i++) {
        lines.add(Synthetic.seedLine(rows[i]));
      }
      Files.write(data.resolve("part-" + f + ".txt"), lines);
    }
    return ok("drift", "--job_type", "BASELINE", "--series", "spread-" + name, "--data_path", data.toString(), "--k", "3",
        "--run_id", "spread-" + name, "--out_table", "spread-runs", "--centroid_table", "spread-centroids").summary();
  }

  @Test
  void oneFileIsSpreadOverTheCoresAndGivesTheNumbersOfSpreadFiles() throws Exception {
    JsonNode one = run("one", 1);
    JsonNode four = run("four", 4);

    JsonNode spread = one.get("partitions");
    assertEquals(1, spread.get("read_partitions").asInt(), spread.toString());
    assertTrue(spread.get("rebalanced").asBoolean(), spread.toString());
    assertEquals(3, spread.get("partitions").asInt(), "three blocks, at most two partitions per core: " + spread);
    // Blocks of 1,024, 1,024 and 300 rows: 1,024 + 300 on the core that frees first against 1,024 (0.5 as read, on one core).
    assertEquals((2 * 1024 + 300) / 2.0 / (1024 + 300), spread.get("balance").asDouble(), 1e-12, spread.toString());
    assertFalse(four.at("/partitions/rebalanced").asBoolean(), "four equal files on two cores are spread already");

    assertEquals(four.at("/pca/components").asInt(), one.at("/pca/components").asInt());
    assertEquals(four.at("/kmeans/cluster_sizes"), one.at("/kmeans/cluster_sizes"));
    double inertia = four.at("/kmeans/inertia").asDouble();
    // Only the grouping of the sums differs: a relative 1e-9 is far above float64 rounding over 2,300 points.
    assertEquals(inertia, one.at("/kmeans/inertia").asDouble(), 1e-9 * inertia);
    assertEquals(four.at("/silhouette/squared_euclidean").asDouble(), one.at("/silhouette/squared_euclidean").asDouble(), 1e-9);
    assertEquals(four.at("/silhouette/euclidean").asDouble(), one.at("/silhouette/euclidean").asDouble(), 1e-9);
  }
}
