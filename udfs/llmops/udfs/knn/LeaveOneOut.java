package llmops.udfs.knn;

import java.util.Arrays;
import llmops.udfs.distance.CentroidDistances.Metric;

/**
 * The reference's own yardstick for kNN distances: for a sample of its points, each point's distance
 * to its k-th nearest <em>other</em> reference point (leave-one-out), and quantiles of those.
 *
 * <p>A sampled point is itself in the reference, so its nearest neighbour is its own copy (at
 * distance 0; for cosine, within rounding of 0, and a scaled copy at the same direction is as near):
 * the search asks for k + 1 and drops the nearest, as scikit-learn's {@code kneighbors()} without
 * a query drops the point itself. Copies of the point beyond its own remain, at distance 0. A search
 * done another way (partition by partition) gives the same: the (k + 1)-th distance of each sample row.
 */
public final class LeaveOneOut {
  private LeaveOneOut() {}

  /** Each sample row's distance to its k-th nearest other reference row; every sample row must be a reference row. */
  public static double[] kthDistances(NearestNeighbours reference, float[] sample, int rows, int k, Metric metric) {
    if (k + 1 > reference.size()) {
      throw new IllegalArgumentException("leave-one-out with k = " + k + " needs more than k reference vectors, got " + reference.size());
    }
    return reference.search(sample, rows, k + 1, metric).kthDistances();
  }

  /** Quantiles by linear interpolation between order statistics, as NumPy's default {@code np.percentile}; NaN for no values. */
  public static double[] quantiles(double[] values, double[] probabilities) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] out = new double[probabilities.length];
    for (int i = 0; i < probabilities.length; i++) {
      if (sorted.length == 0) {
        out[i] = Double.NaN;
        continue;
      }
      double h = (sorted.length - 1) * probabilities[i];
      int lo = (int) Math.floor(h);
      int hi = Math.min(lo + 1, sorted.length - 1);
      out[i] = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
    return out;
  }
}
