package llmops.io;

import llmops.udfs.distance.DistanceQuantiles;

/** The distance quantiles runs store ({@link DistanceQuantiles#NAMES}), by name. */
public record QuantileSet(double p50, double p90, double p95, double p99) {
  /** From values in {@link DistanceQuantiles#NAMES} order. */
  public static QuantileSet of(double[] quantiles) {
    return new QuantileSet(quantiles[DistanceQuantiles.index("p50")], quantiles[DistanceQuantiles.index("p90")],
        quantiles[DistanceQuantiles.index("p95")], quantiles[DistanceQuantiles.index("p99")]);
  }

  /** The values in {@link DistanceQuantiles#NAMES} order. */
  public double[] inOrder() {
    double[] out = new double[DistanceQuantiles.NAMES.size()];
    out[DistanceQuantiles.index("p50")] = p50;
    out[DistanceQuantiles.index("p90")] = p90;
    out[DistanceQuantiles.index("p95")] = p95;
    out[DistanceQuantiles.index("p99")] = p99;
    return out;
  }
}
