package llmops.drift;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import llmops.io.EmbeddingFields;
import llmops.io.InputFormat;
import llmops.udfs.clustering.Centroids;
import llmops.udfs.distance.DistanceQuantiles;

/** What a SNAPSHOT or a distance run needs of a BASELINE run, as the native schema stored it. */
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
    ReferenceDistances referenceDistances) {

  /** From the run item and its centroid items (in centroid order), both read back as plain values. */
  @SuppressWarnings("unchecked")
  static StoredBaseline of(Map<String, Object> run, List<Map<String, Object>> centroidItems) {
    Map<String, Object> input = (Map<String, Object>) run.get("input");
    Map<String, Object> pca = (Map<String, Object>) run.get("pca");
    Map<String, Object> kmeans = (Map<String, Object>) run.get("kmeans");
    Map<String, Object> silhouette = (Map<String, Object>) run.get("silhouette");
    int dim = number(input.get("dim")).intValue();
    int k = centroidItems.size();
    double[] centres = new double[k * dim];
    double[] radii = new double[k];
    double[][] euclideanQuantiles = new double[k][];
    double[][] cosineQuantiles = new double[k][];
    for (int c = 0; c < k; c++) {
      Map<String, Object> item = centroidItems.get(c);
      double[] centre = llmops.udfs.vectors.Float32Codec.decode((byte[]) item.get("center"));
      if (centre.length != dim) {
        throw new IllegalStateException("baseline centroid " + c + " has dimension " + centre.length + ", its run " + dim);
      }
      System.arraycopy(centre, 0, centres, c * dim, dim);
      radii[c] = number(item.get("mean_distance")).doubleValue();
      Map<String, Object> quantiles = (Map<String, Object>) item.get("distance_quantiles");
      if (quantiles == null) {
        throw new IllegalStateException("baseline run " + run.get("run") + " stored no distance quantiles with its centroids"
            + " (it predates them): run the BASELINE again");
      }
      euclideanQuantiles[c] = named((Map<String, Object>) quantiles.get("euclidean"));
      cosineQuantiles[c] = named((Map<String, Object>) quantiles.get("cosine"));
    }
    List<Object> sizes = (List<Object>) kmeans.get("cluster_sizes");
    long[] clusterSizes = new long[sizes.size()];
    for (int c = 0; c < clusterSizes.length; c++) {
      clusterSizes[c] = number(sizes.get(c)).longValue();
    }
    if (clusterSizes.length != k) {
      throw new IllegalStateException("baseline run " + run.get("run") + " lists " + clusterSizes.length + " clusters but has " + k + " centroid items");
    }
    byte[] mean = (byte[]) run.get("mean");
    return new StoredBaseline(
        String.valueOf(run.get("run_id")),
        number(run.get("run_ts")).longValue(),
        String.valueOf(input.get("data_path")),
        InputFormat.parse(String.valueOf(input.get("format"))),
        new EmbeddingFields(text(input.get("id_field"), "id"), text(input.get("embedding_field"), "embedding"), "text"),
        dim,
        new Centroids(k, dim, centres),
        clusterSizes,
        radii,
        mean == null ? null : llmops.udfs.vectors.Float32Codec.decode(mean),
        number(pca.get("components")).intValue(),
        number(kmeans.get("inertia_per_point")).doubleValue(),
        orNaN(silhouette.get("euclidean")),
        orNaN(silhouette.get("squared_euclidean")),
        new ReferenceDistances(euclideanQuantiles, cosineQuantiles));
  }

  private static double[] named(Map<String, Object> quantiles) {
    double[] out = new double[DistanceQuantiles.NAMES.size()];
    for (int q = 0; q < out.length; q++) {
      out[q] = orNaN(quantiles.get(DistanceQuantiles.NAMES.get(q)));
    }
    return out;
  }

  private static BigDecimal number(Object value) {
    if (!(value instanceof BigDecimal n)) {
      throw new IllegalStateException("the baseline run item lacks a number where one was stored (got " + value + ")");
    }
    return n;
  }

  private static double orNaN(Object value) {
    return value instanceof BigDecimal n ? n.doubleValue() : Double.NaN;
  }

  private static String text(Object value, String fallback) {
    return value == null ? fallback : value.toString();
  }
}
