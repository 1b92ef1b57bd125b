package llmops.drift;

import java.util.List;
import java.util.Objects;
import llmops.io.EmbeddingFields;
import llmops.io.InputFormat;
import llmops.udfs.clustering.Centroids;

/**
 * What a SNAPSHOT or a distance run needs of a BASELINE run, as the native schema stored it.
 *
 * @param seed the run's K-Means seed: the distance job's kNN yardstick samples with it, so the same BASELINE gives the same yardstick
 */
public record StoredBaseline(
    String runId,
    long runTs,
    String dataPath,
    InputFormat format,
    EmbeddingFields fields,
    int dim,
    Centroids centroids,
    long[] clusterSizes,
    double[] radii,
    double[] mean,
    int components,
    double inertiaPerPoint,
    double silhouetteEuclidean,
    double silhouetteSquaredEuclidean,
    ReferenceDistances referenceDistances,
    long seed) {

  /** From the run's record and its centroids' (in centroid order), as the native store read them. */
  static StoredBaseline of(DriftRunRecord run, List<CentroidRecord> centroids) {
    DriftRunRecord.Input input = run.input();
    int dim = input.dim();
    int k = centroids.size();
    double[] centres = new double[k * dim];
    double[] radii = new double[k];
    double[][] euclideanQuantiles = new double[k][];
    double[][] cosineQuantiles = new double[k][];
    for (int c = 0; c < k; c++) {
      CentroidRecord centroid = centroids.get(c);
      if (centroid.center().dim() != dim) {
        throw new IllegalStateException("baseline centroid " + c + " has dimension " + centroid.center().dim() + ", its run " + dim);
      }
      System.arraycopy(centroid.center().values(), 0, centres, c * dim, dim);
      radii[c] = centroid.meanDistance();
      if (centroid.distanceQuantiles() == null) {
        throw new IllegalStateException("baseline run " + run.runKey() + " stored no distance quantiles with its centroids"
            + " (it predates them): run the BASELINE again");
      }
      euclideanQuantiles[c] = centroid.distanceQuantiles().euclidean().inOrder();
      cosineQuantiles[c] = centroid.distanceQuantiles().cosine().inOrder();
    }
    long[] clusterSizes = run.kmeans().clusterSizes().stream().mapToLong(Long::longValue).toArray();
    if (clusterSizes.length != k) {
      throw new IllegalStateException("baseline run " + run.runKey() + " lists " + clusterSizes.length + " clusters but has " + k + " centroid items");
    }
    return new StoredBaseline(
        run.runId(),
        run.runTs(),
        input.dataPath(),
        InputFormat.parse(input.format()),
        new EmbeddingFields(Objects.requireNonNullElse(input.idField(), "id"), Objects.requireNonNullElse(input.embeddingField(), "embedding"), "text"),
        dim,
        new Centroids(k, dim, centres),
        clusterSizes,
        radii,
        run.mean() == null ? null : run.mean().values(),
        run.pca().components(),
        run.kmeans().inertiaPerPoint(),
        run.silhouette().euclidean(),
        run.silhouette().squaredEuclidean(),
        new ReferenceDistances(euclideanQuantiles, cosineQuantiles),
        run.kmeans().seed());
  }
}
