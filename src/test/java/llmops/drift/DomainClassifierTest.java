package llmops.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import llmops.testing.SparkTest;
import org.junit.jupiter.api.Test;

/**
 * The domain classifier on samples where every vector occurs three times in a row, as a seeded
 * sample orders the copies of a repeated text: 150 distinct vectors a side in 20 dimensions.
 */
class DomainClassifierTest {
  private static final int DIM = 20;
  private static final int DISTINCT = 150;
  private static final int COPIES = 3;

  /** Rows drawn N(shift on the first coordinate, 1), each repeated {@code COPIES} times in a row. */
  private static double[] repeated(long seed, double shift) {
    Random random = new Random(seed);
    double[] rows = new double[DISTINCT * COPIES * DIM];
    for (int v = 0; v < DISTINCT; v++) {
      double[] vector = new double[DIM];
      for (int j = 0; j < DIM; j++) {
        // Float32 values, as every sample holds.
        vector[j] = (float) (random.nextGaussian() + (j == 0 ? shift : 0));
      }
      for (int c = 0; c < COPIES; c++) {
        System.arraycopy(vector, 0, rows, (v * COPIES + c) * DIM, DIM);
      }
    }
    return rows;
  }

  @Test
  void repeatedVectorsFromOneDistributionAreIndistinguishable() {
    // Split by position, two copies of most vectors trained and the third was tested under the same
    // label: the model recognised what it had memorised (AUC 0.63, p 1e-6 here), which is not drift.
    DomainClassifier.Result r = DomainClassifier.rocAuc(SparkTest.spark(), repeated(1, 0), repeated(2, 0), DIM, 0.01, 7);
    assertTrue(r.rocAuc() < 0.55 && r.pValue() > 0.001, r.toString());
  }

  @Test
  void repeatedVectorsFromShiftedDistributionsAreTold() {
    // One standard deviation along one axis: a linear model separates the two at AUC about 0.78.
    DomainClassifier.Result r = DomainClassifier.rocAuc(SparkTest.spark(), repeated(1, 0), repeated(2, 1), DIM, 0.01, 7);
    assertTrue(r.rocAuc() > 0.65 && r.pValue() < 0.001, r.toString());
  }

  @Test
  void theTestScoresItReturnsGiveMllibsAuc() {
    // The calibrated verdict permutes these scores' labels: unpermuted, they must be the AUC MLlib measured.
    DomainClassifier.Result r = DomainClassifier.rocAuc(SparkTest.spark(), repeated(1, 0), repeated(2, 1), DIM, 0.01, 7);
    assertEquals(r.rocAuc(), r.testScores().auc(), 1e-12);
  }
}
