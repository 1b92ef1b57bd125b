package llmops.udfs.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VarianceProfileTest {
  /** A rotated diagonal covariance: its eigenvalues are the diagonal whatever the rotation. */
  private static double[] rotatedCovariance(double[] eigenvalues) {
    int d = eigenvalues.length;
    double[] q = new double[d * d];
    // Householder reflection I - 2vv^T/|v|^2: orthogonal, so Q diag Q^T has the same eigenvalues.
    double[] v = new double[d];
    double norm = 0;
    for (int i = 0; i < d; i++) {
      v[i] = i + 1.0;
      norm += v[i] * v[i];
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        q[a * d + b] = (a == b ? 1 : 0) - 2 * v[a] * v[b] / norm;
      }
    }
    double[] cov = new double[d * d];
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        double s = 0;
        for (int i = 0; i < d; i++) {
          s += q[a * d + i] * eigenvalues[i] * q[b * d + i];
        }
        cov[a * d + b] = s;
      }
    }
    return cov;
  }

  @Test
  void sortsExplainedVarianceAndItsRatios() {
    VarianceProfile p = VarianceProfile.ofCovariance(rotatedCovariance(new double[] {1, 6, 3}), 3);
    assertArrayEquals(new double[] {6, 3, 1}, p.explainedVariance(), 1e-12);
    assertArrayEquals(new double[] {0.6, 0.3, 0.1}, p.ratio(), 1e-12);
    assertArrayEquals(new double[] {0.6, 0.9, 1.0}, p.cumulative(), 1e-12);
  }

  @Test
  void countsTheComponentsWhoseCumulativeShareFirstExceedsTheTarget() {
    VarianceProfile p = VarianceProfile.ofCovariance(rotatedCovariance(new double[] {50, 30, 14, 5, 1}), 5);
    assertEquals(3, p.componentsFor(0.90)); // 0.50, 0.80, 0.94
    assertEquals(4, p.componentsFor(0.95)); // 0.99
    assertEquals(1, p.componentsFor(0.10));
  }

  @Test
  void aShareExactlyAtTheTargetIsNotPastItAsInScikitLearn() {
    // Powers of two keep the shares exact: 0.5, 0.75, 0.875, 1. searchsorted(side="right") skips 0.75.
    double[] diagonal = new double[16];
    double[] eigen = {4, 2, 1, 1};
    for (int i = 0; i < 4; i++) {
      diagonal[i * 4 + i] = eigen[i];
    }
    VarianceProfile p = VarianceProfile.ofCovariance(diagonal, 4);
    assertEquals(3, p.componentsFor(0.75));
    assertEquals(2, p.componentsFor(0.7499));
  }

  @Test
  void fewRowsGiveTheSameSpectrumAsTheFullCovariance() {
    java.util.Random random = new java.util.Random(8);
    int n = 6;
    int d = 10;
    double[] rows = new double[n * d];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = random.nextGaussian();
    }
    double[] cov = new double[d * d];
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += rows[i * d + j] / n;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          cov[a * d + b] += (rows[i * d + a] - mean[a]) * (rows[i * d + b] - mean[b]) / (n - 1);
        }
      }
    }
    VarianceProfile full = VarianceProfile.ofCovariance(cov, d);
    VarianceProfile few = VarianceProfile.ofFewRows(rows, n, d);
    assertArrayEquals(full.explainedVariance(), few.explainedVariance(), 1e-12);
    assertEquals(full.componentsFor(0.95), few.componentsFor(0.95));
  }

  @Test
  void cutsTheStoredCurveOnceItPassesTheLimit() {
    VarianceProfile p = VarianceProfile.ofCovariance(rotatedCovariance(new double[] {50, 30, 14, 5, 1}), 5);
    assertEquals(3, p.cumulativeUpTo(0.9).length);
  }
}
