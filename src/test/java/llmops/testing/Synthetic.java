package llmops.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import llmops.udfs.vectors.GaussianClusters;
import llmops.udfs.vectors.VectorBlock;

/** Small synthetic data sets with a known answer, held in memory. */
public final class Synthetic {
  private Synthetic() {}

  public static float[][] vectors(GaussianClusters model, int n, long rowSeed) {
    Random random = new Random(rowSeed);
    float[][] out = new float[n][model.dim()];
    for (int i = 0; i < n; i++) {
      model.next(random, out[i]);
    }
    return out;
  }

  public static List<VectorBlock> blocks(float[][] rows, int rowsPerBlock) {
    List<VectorBlock> out = new ArrayList<>();
    VectorBlock.Builder builder = new VectorBlock.Builder(rows[0].length);
    for (int i = 0; i < rows.length; i++) {
      builder.add("v" + i, rows[i]);
      if ((i + 1) % rowsPerBlock == 0) {
        out.addAll(builder.build());
        builder = new VectorBlock.Builder(rows[0].length);
      }
    }
    out.addAll(builder.build());
    return out;
  }

  /** The AWS sample's line format. */
  public static String seedLine(float[] v) {
    return llmops.udfs.vectors.EmbeddingText.format(v);
  }
}
