package llmops.udfs.knn;

import java.util.Arrays;
import llmops.udfs.distance.CentroidDistances.Metric;

/**
 * The k best reference rows found so far for every query: one bounded max-heap per query in flat
 * primitive arrays (no boxing), ordered by ranked distance and then reference index, so equal
 * distances keep the lower index whatever order the rows arrive in.
 */
final class NeighbourHeaps {
  private final int k;
  private final double[] distances;
  private final long[] ids;
  private final int[] sizes;

  NeighbourHeaps(int queries, int k) {
    this.k = k;
    this.distances = new double[queries * k];
    this.ids = new long[queries * k];
    this.sizes = new int[queries];
  }

  /** The ranked distance a row must not exceed to enter query q's heap: its k-th best, or infinity while it has fewer. */
  double bound(int q) {
    return sizes[q] < k ? Double.POSITIVE_INFINITY : distances[q * k];
  }

  /** Offers a row to query q's heap; true when it entered. */
  boolean offer(int q, double distance, long id) {
    int base = q * k;
    int n = sizes[q];
    if (n < k) {
      int i = n;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!after(distance, id, distances[base + parent], ids[base + parent])) {
          break;
        }
        distances[base + i] = distances[base + parent];
        ids[base + i] = ids[base + parent];
        i = parent;
      }
      distances[base + i] = distance;
      ids[base + i] = id;
      sizes[q] = n + 1;
      return true;
    }
    if (!after(distances[base], ids[base], distance, id)) {
      return false;
    }
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= k) {
        break;
      }
      if (child + 1 < k && after(distances[base + child + 1], ids[base + child + 1], distances[base + child], ids[base + child])) {
        child++;
      }
      if (!after(distances[base + child], ids[base + child], distance, id)) {
        break;
      }
      distances[base + i] = distances[base + child];
      ids[base + i] = ids[base + child];
      i = child;
    }
    distances[base + i] = distance;
    ids[base + i] = id;
    return true;
  }

  private static boolean after(double d1, long id1, double d2, long id2) {
    return d1 > d2 || (d1 == d2 && id1 > id2);
  }

  /** Every query's neighbours nearest first, as distances (the square root of the ranked value for Euclidean). */
  Neighbours result(Metric metric, long comparisons) {
    int queries = sizes.length;
    double[] outDistances = new double[queries * k];
    long[] outIds = new long[queries * k];
    Integer[] order = new Integer[k];
    for (int q = 0; q < queries; q++) {
      if (sizes[q] < k) {
        throw new IllegalStateException("query " + q + " found " + sizes[q] + " neighbours, fewer than k = " + k);
      }
      int base = q * k;
      for (int i = 0; i < k; i++) {
        order[i] = i;
      }
      // k is small (tens): boxing the k positions once per query is not in the hot loop.
      Arrays.sort(order, (a, b) -> after(distances[base + a], ids[base + a], distances[base + b], ids[base + b]) ? 1 : -1);
      for (int i = 0; i < k; i++) {
        double d = distances[base + order[i]];
        outDistances[base + i] = metric == Metric.EUCLIDEAN ? Math.sqrt(d) : d;
        outIds[base + i] = ids[base + order[i]];
      }
    }
    return new Neighbours(k, outDistances, outIds, comparisons);
  }
}
