package llmops.udfs.knn;

import llmops.udfs.distance.CentroidDistances.Metric;

/**
 * The distances every search reports, computed directly in double precision from the float32
 * values (no expansion into norms and a dot product, whose cancellation would cost digits near 0).
 */
final class Exact {
  private Exact() {}

  static double squaredNorm(float[] x, int from, int dim) {
    double s = 0;
    for (int j = from; j < from + dim; j++) {
      s += (double) x[j] * x[j];
    }
    return s;
  }

  static double squaredDistance(float[] a, int aFrom, float[] b, int bFrom, int dim) {
    double s = 0;
    for (int j = 0; j < dim; j++) {
      double d = (double) a[aFrom + j] - b[bFrom + j];
      s += d * d;
    }
    return s;
  }

  /**
   * 1 - cosine similarity, clipped to [0, 2] as scikit-learn's cosine_distances does; a zero vector is
   * at distance 1 from everything.
   */
  static double cosineDistance(float[] a, int aFrom, double aNorm, float[] b, int bFrom, double bNorm, int dim) {
    if (aNorm == 0 || bNorm == 0) {
      return 1;
    }
    double dot = 0;
    for (int j = 0; j < dim; j++) {
      dot += (double) a[aFrom + j] * b[bFrom + j];
    }
    return Math.min(2, Math.max(0, 1 - dot / (aNorm * bNorm)));
  }

  /** The value a search ranks by: the squared Euclidean distance, or the cosine distance. */
  static double ranked(Metric metric, float[] a, int aFrom, double aNorm, float[] b, int bFrom, double bNorm, int dim) {
    return metric == Metric.EUCLIDEAN ? squaredDistance(a, aFrom, b, bFrom, dim) : cosineDistance(a, aFrom, aNorm, b, bFrom, bNorm, dim);
  }
}
