package llmops.udfs.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeededSampleTest {
  private static List<VectorBlock> blocks(int n, int perBlock) {
    VectorBlock.Builder builder = new VectorBlock.Builder(2);
    java.util.List<VectorBlock> out = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      builder.add("id" + i, new float[] {i, -i});
      if ((i + 1) % perBlock == 0) {
        out.addAll(builder.build());
        builder = new VectorBlock.Builder(2);
      }
    }
    out.addAll(builder.build());
    return out;
  }

  @Test
  void keepsExactlyTheCapacity() {
    SeededSample sample = new SeededSample(50, 3);
    blocks(1000, 1000).forEach(sample::add);
    assertEquals(50, sample.size());
  }

  @Test
  void doesNotDependOnHowTheDataIsSplit() {
    SeededSample whole = new SeededSample(40, 9);
    blocks(500, 500).forEach(whole::add);
    SeededSample merged = new SeededSample(40, 9);
    for (VectorBlock block : blocks(500, 37)) {
      SeededSample part = new SeededSample(40, 9);
      part.add(block);
      merged.merge(part);
    }
    assertArrayEquals(whole.rows(2), merged.rows(2));
  }

  @Test
  void anotherSeedDrawsAnotherSample() {
    SeededSample a = new SeededSample(20, 1);
    SeededSample b = new SeededSample(20, 2);
    blocks(500, 500).forEach(block -> {
      a.add(block);
      b.add(block);
    });
    org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(a.rows(2), b.rows(2)));
  }
}
