package llmops.udfs.linalg;

/**
 * The AWS sample's {@code varpc}: the 0-based index of the first principal component at which
 * the cumulative share of the variance exceeds the target (strictly), or the number of
 * components computed when none does. The sample computes 100 components, so a dataset that
 * needs more than 100 to pass the target is stored as 100, one more than any index it could find.
 */
public final class SampleComponentCount {
  private SampleComponentCount() {}

  /** {@code cumulative}: the running sums of the components' shares, largest first. */
  public static int varpc(double[] cumulative, double target) {
    for (int i = 0; i < cumulative.length; i++) {
      if (cumulative[i] > target) {
        return i;
      }
    }
    return cumulative.length;
  }
}
