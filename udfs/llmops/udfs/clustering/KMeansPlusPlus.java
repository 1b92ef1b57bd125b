package llmops.udfs.clustering;

import java.util.Random;
import llmops.udfs.linalg.Dots;

/**
 * Greedy k-means++ seeding, as scikit-learn's {@code _kmeans_plusplus}: each new centre is the best
 * of {@code 2 + ln k} candidates drawn with probability proportional to the squared distance to
 * the centres chosen so far.
 */
public final class KMeansPlusPlus {
  private KMeansPlusPlus() {}

  /** Chooses {@code k} of the {@code n} row-major points as initial centres, deterministically for a seed. */
  public static Centroids choose(double[] points, int n, int dim, int k, long seed) {
    if (n < k) {
      throw new IllegalArgumentException("k-means++ needs at least k=" + k + " points, got " + n);
    }
    Random random = new Random(seed);
    int trials = 2 + (int) Math.log(k);
    double[] norms = Dots.squaredNorms(points, n, dim);
    double[] centres = new double[k * dim];

    int first = random.nextInt(n);
    System.arraycopy(points, first * dim, centres, 0, dim);
    double[] closest = squaredDistancesTo(points, norms, n, dim, new int[] {first})[0];
    double potential = sum(closest);

    for (int c = 1; c < k; c++) {
      int[] candidates = new int[trials];
      double[] cumulative = cumulativeSum(closest);
      for (int t = 0; t < trials; t++) {
        candidates[t] = search(cumulative, random.nextDouble() * potential);
      }
      double[][] candidateDistances = squaredDistancesTo(points, norms, n, dim, candidates);
      int best = -1;
      double bestPotential = Double.POSITIVE_INFINITY;
      double[] bestClosest = null;
      for (int t = 0; t < trials; t++) {
        double[] merged = new double[n];
        double pot = 0;
        for (int i = 0; i < n; i++) {
          merged[i] = Math.min(closest[i], candidateDistances[t][i]);
          pot += merged[i];
        }
        if (pot < bestPotential) {
          bestPotential = pot;
          best = candidates[t];
          bestClosest = merged;
        }
      }
      System.arraycopy(points, best * dim, centres, c * dim, dim);
      closest = bestClosest;
      potential = bestPotential;
    }
    return new Centroids(k, dim, centres);
  }

  private static double[][] squaredDistancesTo(double[] points, double[] norms, int n, int dim, int[] chosen) {
    double[] chosenRows = new double[chosen.length * dim];
    for (int t = 0; t < chosen.length; t++) {
      System.arraycopy(points, chosen[t] * dim, chosenRows, t * dim, dim);
    }
    double[] dots = Dots.rowsTimesRows(points, n, chosenRows, chosen.length, dim);
    double[][] out = new double[chosen.length][n];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < chosen.length; t++) {
        out[t][i] = Math.max(0, norms[i] + norms[chosen[t]] - 2 * dots[i * chosen.length + t]);
      }
    }
    return out;
  }

  private static double[] cumulativeSum(double[] v) {
    double[] out = new double[v.length];
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      s += v[i];
      out[i] = s;
    }
    return out;
  }

  /** First index whose cumulative value is at least {@code target}, clipped to the last index. */
  private static int search(double[] cumulative, double target) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] < target) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }
}
