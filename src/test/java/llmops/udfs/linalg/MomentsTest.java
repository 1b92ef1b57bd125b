package llmops.udfs.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import llmops.udfs.vectors.VectorBlock;
import org.junit.jupiter.api.Test;

class MomentsTest {
  @Test
  void givesTheSampleCovarianceEvenFarFromTheOrigin() {
    Random random = new Random(3);
    int n = 500;
    int d = 4;
    float[][] rows = new float[n][d];
    VectorBlock.Builder builder = new VectorBlock.Builder(d);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        rows[i][j] = (float) (1000 + random.nextGaussian() * (j + 1)); // large mean, small spread
      }
      builder.add("r" + i, rows[i]);
    }
    Moments first = new Moments(new double[] {1000, 1000, 1000, 1000});
    Moments second = new Moments(new double[] {1000, 1000, 1000, 1000});
    var blocks = builder.build();
    first.add(blocks.get(0));
    for (int b = 1; b < blocks.size(); b++) {
      second.add(blocks.get(b));
    }
    Moments all = blocks.size() > 1 ? first.merge(second) : first;

    double[] mean = new double[d];
    for (float[] r : rows) {
      for (int j = 0; j < d; j++) {
        mean[j] += r[j] / (double) n;
      }
    }
    double[] expected = new double[d * d];
    for (float[] r : rows) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          expected[a * d + b] += (r[a] - mean[a]) * (r[b] - mean[b]) / (n - 1);
        }
      }
    }
    assertEquals(n, all.count());
    assertArrayEquals(mean, all.mean(), 1e-9);
    assertArrayEquals(expected, all.covariance(), 1e-9);
  }
}
