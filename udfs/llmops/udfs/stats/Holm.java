package llmops.udfs.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down correction of p-values for testing several hypotheses at once (here: every pair
 * of models), which keeps the chance of any false "significant" at most alpha whatever the tests'
 * dependence: the i-th smallest p-value (from 0) is multiplied by {@code m - i}, then made
 * non-decreasing in that order and capped at 1, as statsmodels' {@code multipletests(p,
 * method="holm")}. A p-value is significant at alpha when its adjusted value is below alpha.
 */
public final class Holm {
  private Holm() {}

  /** The adjusted p-values, in the order given. */
  public static double[] adjust(double[] pValues) {
    int m = pValues.length;
    Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
    double[] adjusted = new double[m];
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      int i = order[rank];
      running = Math.max(running, Math.min(1.0, (m - rank) * pValues[i]));
      adjusted[i] = running;
    }
    return adjusted;
  }
}
