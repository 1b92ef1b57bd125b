package llmops.udfs.drift;

/** A cluster's radius: the mean distance of its points to its centre, the yardstick shifts and coverage are measured in. */
public final class ClusterRadii {
  private ClusterRadii() {}

  /** The radii with those of empty clusters (zero) replaced by the mean of the others, so every cluster has a yardstick. */
  public static double[] filled(double[] radii) {
    double sum = 0;
    int n = 0;
    for (double r : radii) {
      if (r > 0) {
        sum += r;
        n++;
      }
    }
    double fallback = n == 0 ? 1 : sum / n;
    double[] out = radii.clone();
    for (int c = 0; c < out.length; c++) {
      if (!(out[c] > 0)) {
        out[c] = fallback;
      }
    }
    return out;
  }
}
