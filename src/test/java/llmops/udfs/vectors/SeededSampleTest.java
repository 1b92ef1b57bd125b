package llmops.udfs.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeededSampleTest {
  private static List<VectorBlock> blocks(int n, int perBlock) {
    return blocks(n, perBlock, i -> "id" + i, i -> new float[] {i, -i});
  }

  private static List<VectorBlock> blocks(int n, int perBlock, java.util.function.IntFunction<String> id,
      java.util.function.IntFunction<float[]> vector) {
    List<VectorBlock> out = new ArrayList<>();
    VectorBlock.Builder builder = new VectorBlock.Builder(2);
    for (int i = 0; i < n; i++) {
      builder.add(id.apply(i), vector.apply(i));
      if ((i + 1) % perBlock == 0) {
        out.addAll(builder.build());
        builder = new VectorBlock.Builder(2);
      }
    }
    out.addAll(builder.build());
    return out;
  }

  /** Both passes, each block a partition of its own: what the job does across tasks. */
  private static SeededSample.Rows sample(List<VectorBlock> blocks, int capacity, long seed) {
    SeededSample.Threshold threshold = new SeededSample.Threshold(capacity, seed);
    for (VectorBlock b : blocks) {
      SeededSample.Threshold part = new SeededSample.Threshold(capacity, seed);
      part.add(b);
      threshold.merge(part);
    }
    SeededSample.Rows rows = new SeededSample.Rows(capacity, seed, threshold.value());
    for (VectorBlock b : blocks) {
      SeededSample.Rows part = new SeededSample.Rows(capacity, seed, threshold.value());
      part.add(b);
      rows.merge(part);
    }
    return rows;
  }

  @Test
  void keepsExactlyTheCapacity() {
    assertEquals(50, sample(blocks(1000, 100), 50, 3).size());
  }

  @Test
  void keepsEverythingWhenTheDataIsSmallerThanTheCapacity() {
    assertEquals(30, sample(blocks(30, 7), 50, 3).size());
  }

  @Test
  void doesNotDependOnHowTheDataIsSplit() {
    assertArrayEquals(sample(blocks(500, 500), 40, 9).matrix(2), sample(blocks(500, 37), 40, 9).matrix(2));
  }

  @Test
  void anotherSeedDrawsAnotherSample() {
    assertFalse(java.util.Arrays.equals(sample(blocks(500, 50), 20, 1).matrix(2), sample(blocks(500, 50), 20, 2).matrix(2)));
  }

  @Test
  void dependsOnTheVectorsNotOnTheirIdsOrOrder() {
    double[] byPosition = sample(blocks(500, 50), 40, 9).matrix(2);
    double[] renamedAndReversed = sample(blocks(500, 37, i -> "other:" + (7 * i), i -> new float[] {499 - i, -(499 - i)}), 40, 9).matrix(2);
    assertArrayEquals(byPosition, renamedAndReversed);
  }

  @Test
  void repeatedVectorsStillGiveExactlyTheCapacityWhateverTheirOrder() {
    // 300 vectors, each of 3 values repeated 100 times: every key is shared by 100 vectors.
    SeededSample.Rows grouped = sample(blocks(300, 30, i -> "a" + i, i -> new float[] {i / 100, 1}), 150, 4);
    SeededSample.Rows interleaved = sample(blocks(300, 7, i -> "b" + i, i -> new float[] {i % 3, 1}), 150, 4);
    assertEquals(150, grouped.size());
    assertArrayEquals(grouped.matrix(2), interleaved.matrix(2));
  }
}
