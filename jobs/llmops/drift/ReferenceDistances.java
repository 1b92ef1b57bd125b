package llmops.drift;

import llmops.udfs.distance.CentroidDistances;

/**
 * Per cluster [c][q], the quantiles {@link llmops.udfs.distance.DistanceQuantiles#NAMES} of its points'
 * distances to its centre, Euclidean and cosine: the yardstick the distance job's outlier rule uses.
 */
public record ReferenceDistances(double[][] euclidean, double[][] cosine) {

  /** The quantiles in this metric. */
  public double[][] of(CentroidDistances.Metric metric) {
    return metric == CentroidDistances.Metric.EUCLIDEAN ? euclidean : cosine;
  }
}
