package llmops.udfs.distance;

import java.io.Serializable;
import llmops.udfs.clustering.Centroids;
import llmops.udfs.vectors.VectorBlock;

/**
 * Each vector of a block with its nearest centroid (Euclidean, as K-Means assigns) and its distance
 * to it, both Euclidean (not squared) and cosine (1 - cosine similarity; a zero vector is at cosine
 * distance 1 from everything, as scikit-learn's cosine_distances has it).
 */
public record CentroidDistances(String[] ids, int[] clusters, double[] euclidean, double[] cosine) implements Serializable {
  public static CentroidDistances of(VectorBlock block, Centroids centroids) {
    int rows = block.rows();
    int dim = block.dim();
    double[] x = block.valuesAsDoubles();
    double[] squared = new double[rows];
    int[] clusters = centroids.assign(block, x, squared);
    double[] centreNorms = new double[centroids.k()];
    double[][] centres = new double[centroids.k()][];
    for (int c = 0; c < centroids.k(); c++) {
      centres[c] = centroids.centre(c);
      double s = 0;
      for (double v : centres[c]) {
        s += v * v;
      }
      centreNorms[c] = Math.sqrt(s);
    }
    String[] ids = new String[rows];
    double[] euclidean = new double[rows];
    double[] cosine = new double[rows];
    for (int r = 0; r < rows; r++) {
      ids[r] = block.id(r);
      euclidean[r] = Math.sqrt(squared[r]);
      double[] centre = centres[clusters[r]];
      double dot = 0;
      double norm = 0;
      for (int j = 0; j < dim; j++) {
        double v = x[r * dim + j];
        dot += v * centre[j];
        norm += v * v;
      }
      double denominator = Math.sqrt(norm) * centreNorms[clusters[r]];
      cosine[r] = denominator == 0 ? 1 : 1 - dot / denominator;
    }
    return new CentroidDistances(ids, clusters, euclidean, cosine);
  }

  public int rows() {
    return ids.length;
  }

  public double distance(Metric metric, int row) {
    return metric == Metric.EUCLIDEAN ? euclidean[row] : cosine[row];
  }

  /** Which distance the statistics and the outlier rule use. */
  public enum Metric {
    EUCLIDEAN, COSINE;

    public static Metric parse(String name) {
      return switch (name.toLowerCase()) {
        case "euclidean" -> EUCLIDEAN;
        case "cosine" -> COSINE;
        default -> throw new IllegalArgumentException("--metric must be euclidean or cosine (got '" + name + "')");
      };
    }
  }
}
