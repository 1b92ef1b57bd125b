package llmops.udfs.clustering;

/**
 * Lloyd's iterations from given centres until the centres move less than a tolerance (summed
 * squared shift, scikit-learn's rule) or an iteration cap. The pass that gathers cluster statistics
 * under the current centres is the caller's: over a Spark RDD in the drift job, over rows in memory
 * for the null resamples' refits.
 */
public final class Lloyd {
  private Lloyd() {}

  /** Cluster statistics of all the data under the given centres. */
  public interface Pass {
    ClusterStats of(Centroids centroids) throws Exception;
  }

  public record Outcome(Centroids centroids, int iterations, boolean converged) {}

  public static Outcome iterate(Centroids start, Pass pass, int maxIterations, double tolerance) throws Exception {
    Centroids centroids = start;
    int iterations = 0;
    while (iterations < maxIterations) {
      iterations++;
      Centroids next = pass.of(centroids).nextCentroids(centroids);
      double shift = ClusterStats.squaredShift(centroids, next);
      centroids = next;
      if (shift <= tolerance) {
        return new Outcome(centroids, iterations, true);
      }
    }
    return new Outcome(centroids, iterations, false);
  }
}
