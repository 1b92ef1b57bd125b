package llmops.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import llmops.testing.SparkTest;
import llmops.udfs.vectors.VectorBlock;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

class BlockPartitionsTest {
  @Test
  void balanceIsTheIdealPassTimeOverTheBusiestCoresTime() {
    // One partition on two cores: one core idles the whole pass.
    assertEquals(0.5, BlockPartitions.balance(new long[] {100}, 2), 1e-12);
    // Three partitions on two cores: 128 + 59 on the core that frees first, 128 alone on the other.
    assertEquals((128 + 128 + 59) / 2.0 / 187, BlockPartitions.balance(new long[] {128, 128, 59}, 2), 1e-12);
    // Tasks go to the core that frees first, so alternating sizes even out.
    assertEquals(1.0, BlockPartitions.balance(new long[] {128, 59, 128, 59}, 2), 1e-12);
    assertEquals(1.0, BlockPartitions.balance(new long[] {10, 10, 10, 10}, 2), 1e-12);
    assertEquals(1.0, BlockPartitions.balance(new long[] {7, 3, 9}, 1), 1e-12);
  }

  @Test
  void thePlanGivesTheLargestBlocksFirstToTheLeastLoadedPartition() {
    // Blocks of 5, 5, 5, 2, 2, 1 rows over 2 partitions: 5+5 | 5+2+2+1 -> both 10.
    int[] target = BlockPartitions.plan(new long[] {5, 2, 5, 1, 5, 2}, 2);
    assertArrayEquals(new int[] {0, 1, 1, 1, 0, 1}, target);
  }

  /** Blocks of one-dimensional vectors numbered 0, 1, 2, ... across the blocks, in {@code partitions} read partitions. */
  private static JavaRDD<VectorBlock> blocks(long[] rowsPerBlock, int partitions) {
    List<VectorBlock> all = new ArrayList<>();
    int next = 0;
    for (long rows : rowsPerBlock) {
      float[] values = new float[(int) rows];
      String[] ids = new String[(int) rows];
      for (int r = 0; r < rows; r++) {
        values[r] = next;
        ids[r] = "v" + next++;
      }
      all.add(new VectorBlock(1, (int) rows, values, ids));
    }
    return JavaSparkContext.fromSparkContext(SparkTest.spark().sparkContext()).parallelize(all, partitions);
  }

  @Test
  void oneUnsplittableFileIsSpreadOverTheCoresKeepingEveryVectorOnce() {
    long[] rows = {3, 3, 3, 3, 3, 3, 2};
    BlockPartitions.Spread spread = BlockPartitions.spread(blocks(rows, 1), List.of(rows), 2);
    try {
      BlockPartitions.Layout layout = spread.layout();
      assertTrue(layout.rebalanced());
      assertEquals(1, layout.readPartitions());
      assertEquals(4, layout.partitions());
      // Largest first to the least loaded of 4 partitions: 3+3 | 3+3 | 3+2 | 3.
      assertEquals(3, layout.rowsMin());
      assertEquals(6, layout.rowsMax());
      // In partition order on two cores: 6 + 5 against 6 + 3, so the pass takes 11 where 10 is ideal (0.5 as read).
      assertEquals(10.0 / 11, layout.balance(), 1e-12);
      assertEquals(4, spread.blocks().getNumPartitions());
      List<Float> values = new ArrayList<>();
      spread.blocks().collect().forEach(b -> { for (float v : b.values()) { values.add(v); } });
      assertEquals(20, values.size());
      assertEquals(20, values.stream().distinct().count());
    } finally {
      spread.blocks().unpersist(false);
    }
  }

  @Test
  void anEvenSpreadIsKeptAsRead() {
    JavaRDD<VectorBlock> asRead = blocks(new long[] {4, 4, 4, 4}, 4);
    BlockPartitions.Spread spread = BlockPartitions.spread(asRead,
        List.of(new long[] {4}, new long[] {4}, new long[] {4}, new long[] {4}), 2);
    assertFalse(spread.layout().rebalanced());
    assertEquals(1.0, spread.layout().balance(), 1e-12);
    assertEquals(asRead, spread.blocks());
  }
}
