package llmops.udfs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PermutedAucTest {
  @Test
  void theAucIsTheShareOfPositiveNegativePairsInOrderTiesCountingOneHalf() {
    // sklearn.metrics.roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.75
    assertEquals(0.75, new PermutedAuc(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}).auc(), 1e-15);
    // roc_auc_score([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9]) = 0.875: one tied pair of the four
    assertEquals(0.875, new PermutedAuc(new double[] {0.5, 0.5, 0.2, 0.9}, new boolean[] {false, true, false, true}).auc(), 1e-15);
  }

  @Test
  void shuffledLabelsCentreOnOneHalfWithMannWhitneysSpread() {
    Random random = new Random(1);
    double[] scores = new double[200];
    boolean[] positive = new boolean[200];
    for (int i = 0; i < scores.length; i++) {
      positive[i] = i % 2 == 0;
      scores[i] = random.nextGaussian() + (positive[i] ? 1 : 0);
    }
    PermutedAuc auc = new PermutedAuc(scores, positive);
    EmpiricalNull permuted = auc.permutationNull(2000, 7);
    // Under shuffling the AUC has mean 0.5 and sd sqrt(201 / (12 * 100 * 100)) = 0.0409; 2000 draws pin the median to about 0.002.
    assertEquals(0.5, permuted.quantile(0.5), 0.005);
    assertEquals(1.6449 * Math.sqrt(201.0 / 120000), permuted.quantile(0.95) - 0.5, 0.006, "the 95th percentile near 1.645 sd");
    assertTrue(auc.auc() > 0.7, "the scores do separate the classes");
    // No shuffle reaches the real labels' AUC, more than 5 sd out: the null's tail puts it below the empirical floor 1/2001.
    assertTrue(permuted.pValue(auc.auc()) < 1.0 / 2001, "p " + permuted.pValue(auc.auc()));
  }

  @Test
  void anAucNeedsBothClasses() {
    assertThrows(IllegalArgumentException.class, () -> new PermutedAuc(new double[] {0.1, 0.2}, new boolean[] {true, true}));
  }
}
