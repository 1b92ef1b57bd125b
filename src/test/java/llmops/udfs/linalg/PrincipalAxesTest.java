package llmops.udfs.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PrincipalAxesTest {
  @Test
  void findsTheAxesOfLargestVarianceInOrder() {
    int n = 20000;
    int dim = 3;
    double[] spread = {1, 3, 2};
    Random random = new Random(1);
    double[] rows = new double[n * dim];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < dim; j++) {
        rows[i * dim + j] = 5 + spread[j] * random.nextGaussian();
      }
    }
    PrincipalAxes axes = PrincipalAxes.of(rows, n, dim, 2);
    assertEquals(2, axes.count());
    // Sampling error of a variance of 9 from 20,000 points is about 0.09; of a unit vector's components, about 0.01.
    assertEquals(9, axes.variances()[0], 0.3);
    assertEquals(4, axes.variances()[1], 0.15);
    assertEquals(1, Math.abs(axes.axis(0)[1]), 1e-3);
    assertEquals(1, Math.abs(axes.axis(1)[2]), 1e-3);
  }

  @Test
  void fewerRowsThanDimensionsGiveTheSameAxesThroughTheGramMatrix() {
    int n = 40;
    int dim = 60;
    Random random = new Random(2);
    double[] rows = new double[n * dim];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = random.nextGaussian() * (1 + (i % dim) / 10.0);
    }
    PrincipalAxes viaGram = PrincipalAxes.of(rows, n, dim, 5);
    // The same rows repeated so that there are more rows than dimensions: the covariance path, same axes.
    double[] doubled = new double[2 * rows.length];
    System.arraycopy(rows, 0, doubled, 0, rows.length);
    System.arraycopy(rows, 0, doubled, rows.length, rows.length);
    PrincipalAxes viaCovariance = PrincipalAxes.of(doubled, 2 * n, dim, 5);
    for (int a = 0; a < 5; a++) {
      double dot = 0;
      double[] x = viaGram.axis(a);
      double[] y = viaCovariance.axis(a);
      for (int j = 0; j < dim; j++) {
        dot += x[j] * y[j];
      }
      assertEquals(1, Math.abs(dot), 1e-9, "axis " + a);
      // Doubling the rows changes the divisor from n - 1 to 2n - 1, nothing else.
      assertEquals(viaGram.variances()[a] * (n - 1) * 2 / (2 * n - 1), viaCovariance.variances()[a], 1e-9);
    }
  }
}
