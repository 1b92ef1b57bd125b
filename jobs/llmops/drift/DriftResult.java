package llmops.drift;

import java.util.List;
import llmops.udfs.clustering.Centroids;
import llmops.udfs.clustering.ClusterStats;
import llmops.udfs.linalg.VarianceProfile;

/** Everything the analysis of one run found. */
public record DriftResult(
    long vectors,
    int dim,
    VarianceProfile variance,
    int componentsForVariance,
    Centroids centroids,
    ClusterStats clusters,
    /** K-Means' objective as the engine reports it: the native engine's under the final centres; MLlib's trainingCost, under the centres of its last assignment step. */
    double inertia,
    int iterations,
    boolean converged,
    List<KCandidate> kCandidates,
    double silhouetteSquaredEuclidean,
    double silhouetteEuclidean,
    int silhouetteSampleSize,
    ReferenceDistances referenceDistances) {

  /** One k tried by --k auto, with the silhouette that ranked it. */
  public record KCandidate(int k, double silhouetteEuclidean, double inertia, int iterations) {}
}
