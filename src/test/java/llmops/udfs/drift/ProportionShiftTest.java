package llmops.udfs.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Reference values from SciPy 1.10 (Debian's python3-scipy), stated per test; tolerance 1e-12 (double rounding only). */
class ProportionShiftTest {
  @Test
  void psiOfEqualSharesIsZero() {
    assertEquals(0, ProportionShift.psi(new double[] {0.2, 0.3, 0.5}, new double[] {0.2, 0.3, 0.5}), 0);
  }

  @Test
  void psiSumsDifferenceTimesLogRatio() {
    // (0.6 - 0.5) ln(0.6 / 0.5) + (0.4 - 0.5) ln(0.4 / 0.5)
    double expected = 0.1 * Math.log(1.2) - 0.1 * Math.log(0.8);
    assertEquals(expected, ProportionShift.psi(new double[] {0.5, 0.5}, new double[] {0.6, 0.4}), 1e-15);
  }

  @Test
  void psiFloorsAnEmptyClusterInsteadOfDividingByZero() {
    double expected = (0.5 - 1e-4) * Math.log(0.5 / 1e-4) + (0.5 - 1.0) * Math.log(0.5 / 1.0);
    assertEquals(expected, ProportionShift.psi(new double[] {0, 1}, new double[] {0.5, 0.5}), 1e-12);
  }

  @Test
  void jensenShannonDistanceMatchesScipy() {
    // scipy.spatial.distance.jensenshannon(p, q, base=2)
    assertEquals(0.5579230452841438, ProportionShift.jensenShannonDistance(new double[] {0.5, 0.5}, new double[] {1, 0}), 1e-12);
    assertEquals(0.2005033225314282, ProportionShift.jensenShannonDistance(
        new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {0.25, 0.25, 0.25, 0.25}), 1e-12);
  }

  @Test
  void jensenShannonDistanceIsOneForDisjointShares() {
    assertEquals(1, ProportionShift.jensenShannonDistance(new double[] {1, 0}, new double[] {0, 1}), 1e-15);
  }

  @Test
  void chiSquareMatchesScipysContingencyTest() {
    // scipy.stats.chi2_contingency([[5000, 3000, 2000], [5100, 2950, 1950]], correction=False)
    ProportionShift.ChiSquare chi = ProportionShift.chiSquare(new long[] {5000, 3000, 2000}, new long[] {5100, 2950, 1950});
    assertEquals(2.0431784695329442, chi.statistic(), 1e-9);
    assertEquals(2, chi.degreesOfFreedom());
    assertEquals(0.36002232528780265, chi.pValue(), 1e-9);
  }

  @Test
  void chiSquareLeavesOutClustersEmptyOnBothSides() {
    // scipy.stats.chi2_contingency([[120, 80, 40], [100, 90, 70]], correction=False): the empty fourth column dropped
    ProportionShift.ChiSquare chi = ProportionShift.chiSquare(new long[] {120, 80, 40, 0}, new long[] {100, 90, 70, 0});
    assertEquals(9.80392156862745, chi.statistic(), 1e-9);
    assertEquals(2, chi.degreesOfFreedom());
    assertEquals(0.007431996233142849, chi.pValue(), 1e-9);
  }
}
