package llmops.udfs.drift;

import java.util.ArrayList;
import java.util.List;
import llmops.udfs.clustering.Centroids;
import llmops.udfs.linalg.Dots;

/**
 * Pairs a snapshot's centroids with its baseline's by optimal assignment (least total Euclidean
 * distance), so the shift of each cluster is measured against the cluster it really is, whatever
 * index K-Means happened to give it. Shifts are also stated in the matched baseline cluster's
 * radius, which makes them comparable across embedding models.
 */
public final class CentroidMatch {
  private CentroidMatch() {}

  /**
   * One snapshot centroid: the baseline centroid it was matched with (-1 when the snapshot has more
   * clusters than the baseline) and how far it is from it, and its nearest baseline centroid.
   */
  public record Pair(int snapshot, int baseline, double shift, double relativeShift, int nearestBaseline, double nearestRelativeDistance) {}

  public record Result(List<Pair> pairs, double maxRelativeShift) {}

  public static Result of(Centroids baseline, double[] baselineRadii, Centroids snapshot) {
    if (baseline.dim() != snapshot.dim()) {
      throw new IllegalArgumentException("centroids of dimension " + baseline.dim() + " and " + snapshot.dim() + " cannot be matched");
    }
    double[] radii = ClusterRadii.filled(baselineRadii);
    double[][] distance = new double[snapshot.k()][baseline.k()];
    for (int s = 0; s < snapshot.k(); s++) {
      double[] centre = snapshot.centre(s);
      for (int b = 0; b < baseline.k(); b++) {
        distance[s][b] = Math.sqrt(Dots.squaredDistance(centre, 0, baseline.centre(b), 0, centre.length));
      }
    }
    int[] matched = OptimalAssignment.minimumCost(distance);
    List<Pair> pairs = new ArrayList<>();
    double maxRelative = 0;
    for (int s = 0; s < snapshot.k(); s++) {
      int nearest = 0;
      for (int b = 1; b < baseline.k(); b++) {
        if (distance[s][b] < distance[s][nearest]) {
          nearest = b;
        }
      }
      int b = matched[s];
      double shift = b < 0 ? Double.NaN : distance[s][b];
      double relative = b < 0 ? Double.NaN : shift / radii[b];
      if (b >= 0) {
        maxRelative = Math.max(maxRelative, relative);
      }
      pairs.add(new Pair(s, b, shift, relative, nearest, distance[s][nearest] / radii[nearest]));
    }
    return new Result(pairs, maxRelative);
  }
}
