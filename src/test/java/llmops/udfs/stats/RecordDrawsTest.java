package llmops.udfs.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecordDrawsTest {
  @Test
  void theSameSeedAndKeyDrawTheSameWeights() {
    int[] first = new int[500];
    int[] second = new int[500];
    RecordDraws.poissonWeights(42, "trivia@1044", first);
    RecordDraws.poissonWeights(42, "trivia@1044", second);
    assertArrayEquals(first, second);
    RecordDraws.poissonWeights(43, "trivia@1044", second);
    assertFalse(Arrays.equals(first, second), "another seed draws other weights");
    RecordDraws.poissonWeights(42, "trivia@1045", second);
    assertFalse(Arrays.equals(first, second), "another key draws other weights");
  }

  /**
   * Over 10,000 keys x 100 replicates (a million draws) Poisson(1)'s mean and variance are both 1,
   * with standard errors 0.001 and about 0.0017: 0.01 is over five of them. P(0) = e^-1 = 0.3679 with
   * standard error 0.0005.
   */
  @Test
  void weightsArePoissonWithMeanAndVarianceOne() {
    int[] weights = new int[100];
    double sum = 0;
    double squares = 0;
    long zeros = 0;
    long n = 0;
    for (int key = 0; key < 10_000; key++) {
      RecordDraws.poissonWeights(7, "r" + key, weights);
      for (int w : weights) {
        sum += w;
        squares += (double) w * w;
        zeros += w == 0 ? 1 : 0;
        n++;
      }
    }
    double mean = sum / n;
    assertEquals(1.0, mean, 0.01);
    assertEquals(1.0, squares / n - mean * mean, 0.01);
    assertEquals(Math.exp(-1), (double) zeros / n, 0.003);
  }

  /** Half the signs are -1 (10,000 keys x 100: standard error 0.0005), and a key's replicates differ from the next key's. */
  @Test
  void signsAreFairCoins() {
    double[] signs = new double[100];
    double sum = 0;
    for (int key = 0; key < 10_000; key++) {
      RecordDraws.signs(7, "r" + key, signs);
      sum += Arrays.stream(signs).sum();
    }
    assertEquals(0.0, sum / 1_000_000, 0.003);
  }
}
