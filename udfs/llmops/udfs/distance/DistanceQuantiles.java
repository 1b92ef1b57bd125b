package llmops.udfs.distance;

import java.util.List;

/** The quantiles of distances to a centroid that runs report and store, and the outlier rule's choice among them. */
public final class DistanceQuantiles {
  public static final List<String> NAMES = List.of("p50", "p90", "p95", "p99");
  public static final double[] PROBABILITIES = {0.5, 0.9, 0.95, 0.99};

  private DistanceQuantiles() {}

  public static int index(String name) {
    int i = NAMES.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no distance quantile '" + name + "' (stored: " + NAMES + ")");
    }
    return i;
  }
}
