package llmops.drift;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import llmops.io.Float32Vector;
import llmops.io.QuantileSet;

/**
 * One cluster of a native drift run, as its centroid item stores it: the centre, the cluster's
 * size and share, and the distances of its own points to the centre.
 *
 * @param encoding how {@code center} is stored: always "float32-le"
 * @param distanceQuantiles null (absent) only in items written before they were stored
 */
public record CentroidRecord(int centroid, Float32Vector center, String encoding, int dim, long size, double proportion,
    double meanDistance, double maxDistance, @JsonInclude(Include.NON_NULL) DistanceProfile distanceQuantiles, String series,
    String jobType, String runId) {
  static final String FLOAT32_LE = "float32-le";

  public record DistanceProfile(QuantileSet euclidean, QuantileSet cosine) {}
}
