package llmops.udfs.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The Benjamini-Hochberg step-up procedure: p-values adjusted so that rejecting every hypothesis
 * whose adjusted value is at most q keeps the expected share of false rejections among the
 * rejections at most q (for independent or positively dependent tests). The same values as
 * statsmodels' {@code multipletests(p, method="fdr_bh")[1]} and R's {@code p.adjust(p, "BH")}.
 */
public final class BenjaminiHochberg {
  private BenjaminiHochberg() {}

  /**
   * The i-th smallest p-value adjusted is {@code min over j >= i of (m / j) p_(j)}, capped at 1.
   * Undefined p-values (NaN) are not hypotheses: they stay NaN and do not count in m.
   */
  public static double[] adjust(double[] pValues) {
    Integer[] order = IntStream.range(0, pValues.length).filter(i -> !Double.isNaN(pValues[i])).boxed()
        .sorted(Comparator.comparingDouble(i -> pValues[i])).toArray(Integer[]::new);
    double[] adjusted = new double[pValues.length];
    Arrays.fill(adjusted, Double.NaN);
    int m = order.length;
    double running = 1.0;
    for (int rank = m; rank >= 1; rank--) {
      int i = order[rank - 1];
      running = Math.min(running, pValues[i] * m / rank);
      adjusted[i] = running;
    }
    return adjusted;
  }
}
