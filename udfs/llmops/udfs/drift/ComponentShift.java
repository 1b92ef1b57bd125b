package llmops.udfs.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import llmops.udfs.linalg.PrincipalAxes;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Which principal components moved: both samples are projected onto the leading principal axes of
 * the two samples pooled, and each component's two distributions are compared with the two-sample
 * Kolmogorov-Smirnov test. Pooled, because axes fitted to one sample alone are those along which
 * that sample happens to spread most: in many dimensions (384, a few thousand vectors) it then looks
 * about twice as wide along them as a fresh draw of the same distribution, which KS calls drift.
 * Axes fitted to both treat both alike, so with no drift the labels are exchangeable and each test
 * keeps its level; a real shift still dominates the pooled axes it moves. A component has drifted when its p-value is below
 * {@code alpha / tested} (Bonferroni), so that with no drift the chance that any component is
 * called drifted is at most alpha, however few components are tested.
 */
public final class ComponentShift {
  private ComponentShift() {}

  public record Component(int index, double variance, double ksStatistic, double pValue, boolean drifted) {}

  public record Result(int tested, int drifted, double share, double alpha, List<Component> components) {}

  /**
   * @param baseline baseline sample, {@code nb x dim} row-major
   * @param snapshot snapshot sample, {@code ns x dim} row-major
   * @param components how many leading components to test (fewer when the sample spans fewer)
   * @param alpha the family-wise chance, with no drift, of calling any component drifted
   */
  public static Result of(double[] baseline, int nb, double[] snapshot, int ns, int dim, int components, double alpha) {
    double[] pooled = Arrays.copyOf(baseline, (nb + ns) * dim);
    System.arraycopy(snapshot, 0, pooled, nb * dim, ns * dim);
    PrincipalAxes axes = PrincipalAxes.of(pooled, nb + ns, dim, components);
    return ofProjections(axes.project(baseline, nb), nb, axes.project(snapshot, ns), ns, axes.variances(), alpha);
  }

  /**
   * The same tests on samples already projected onto the axes, component-major ({@code [a * n + i]},
   * as {@link PrincipalAxes#project} gives them): resamples of one projected sample need no new projection.
   *
   * @param variances the variance of each axis, one per component tested
   */
  public static Result ofProjections(double[] baseline, int nb, double[] snapshot, int ns, double[] variances, double alpha) {
    KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
    int count = variances.length;
    double perComponent = alpha / Math.max(1, count);
    List<Component> out = new ArrayList<>();
    int drifted = 0;
    for (int a = 0; a < count; a++) {
      double[] x = Arrays.copyOfRange(baseline, a * nb, (a + 1) * nb);
      double[] y = Arrays.copyOfRange(snapshot, a * ns, (a + 1) * ns);
      double statistic = ks.kolmogorovSmirnovStatistic(x, y);
      double p = ks.kolmogorovSmirnovTest(x, y);
      boolean moved = p < perComponent;
      drifted += moved ? 1 : 0;
      out.add(new Component(a, variances[a], statistic, p, moved));
    }
    return new Result(out.size(), drifted, out.isEmpty() ? 0 : (double) drifted / out.size(), alpha, out);
  }
}
