package llmops.udfs.distance;

import java.io.Serializable;

/**
 * A prompt is an outlier when its distance to its nearest reference centroid exceeds {@code margin}
 * times that cluster's {@code quantile} of the reference points' own distances (from the BASELINE
 * run): with the reference's p99 and margin 1, about 1 % of prompts like the reference data are.
 */
public record OutlierRule(String quantile, double margin) implements Serializable {
  public OutlierRule {
    DistanceQuantiles.index(quantile);
    if (!(margin > 0)) {
      throw new IllegalArgumentException("the outlier margin must be positive, got " + margin);
    }
  }

  /** Per cluster, the distance beyond which a prompt is an outlier, from the clusters' stored quantiles [cluster][quantile]. */
  public double[] thresholds(double[][] referenceQuantiles) {
    int q = DistanceQuantiles.index(quantile);
    double[] out = new double[referenceQuantiles.length];
    for (int c = 0; c < out.length; c++) {
      // An empty reference cluster has no distances: nothing assigned to it counts as covered.
      out[c] = Double.isNaN(referenceQuantiles[c][q]) ? 0 : margin * referenceQuantiles[c][q];
    }
    return out;
  }
}
