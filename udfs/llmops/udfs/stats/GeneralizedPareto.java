package llmops.udfs.stats;

import java.util.Arrays;

/**
 * The generalized Pareto distribution of excesses over a threshold, with location 0, shape
 * {@code xi} (scipy's {@code c}; 0 is the exponential, above 0 a heavy tail, below 0 a tail that
 * ends at {@code sigma / -xi}) and scale {@code sigma}: {@code S(y) = (1 + xi y / sigma)^(-1/xi)}.
 * By the Pickands-Balkema-de Haan theorem it is the limit of the excesses of almost any
 * distribution over a high threshold, which is what lets a null's tail be extrapolated beyond its
 * largest value (Knijnenburg et al. 2009, {@link EmpiricalNull}).
 */
public record GeneralizedPareto(double xi, double sigma) {
  private static final int GRID_SIDE = 100;
  private static final int REFINEMENTS = 100;

  public GeneralizedPareto {
    if (!(sigma > 0) || Double.isNaN(xi)) {
      throw new IllegalArgumentException("a generalized Pareto distribution needs a positive scale and a shape, got " + sigma + ", " + xi);
    }
  }

  /** The chance of an excess larger than {@code y}: 1 for {@code y <= 0}, 0 beyond a bounded tail's end. */
  public double survival(double y) {
    if (y <= 0) {
      return 1;
    }
    if (xi == 0) {
      return Math.exp(-y / sigma);
    }
    double base = 1 + xi * y / sigma;
    return base <= 0 ? 0 : Math.exp(-Math.log(base) / xi);
  }

  /** The log-likelihood of excesses {@code y} (all positive); minus infinity where one lies beyond the tail's end. */
  public double logLikelihood(double[] y) {
    double sum = -y.length * Math.log(sigma);
    for (double v : y) {
      double base = 1 + xi * v / sigma;
      if (base <= 0) {
        return Double.NEGATIVE_INFINITY;
      }
      sum -= xi == 0 ? v / sigma : (1 + 1 / xi) * Math.log(base);
    }
    return sum;
  }

  /**
   * The maximum-likelihood fit to positive excesses, by Grimshaw's (1993) reduction to one
   * parameter: for {@code theta = xi / sigma} the likelihood is maximised at
   * {@code xi(theta) = mean(log(1 + theta y))}, so only the profile over theta is searched
   * (a grid over {@code theta * max(y)} in (-1, 10^4], then golden-section refinement around its
   * best point; theta = 0 is the exponential). Where the likelihood grows without bound towards
   * {@code theta * max(y) = -1} (shape below -1), the grid's end nearest it is returned.
   */
  public static GeneralizedPareto fit(double[] y) {
    if (y.length < 2) {
      throw new IllegalArgumentException("a generalized Pareto fit needs at least 2 excesses, got " + y.length);
    }
    double max = 0;
    for (double v : y) {
      if (!(v > 0)) {
        throw new IllegalArgumentException("excesses over a threshold are positive, got " + v);
      }
      max = Math.max(max, v);
    }
    double[] grid = thetaGrid();
    int best = 0;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < grid.length; j++) {
      double value = profile(y, grid[j] / max);
      if (value > bestValue) {
        bestValue = value;
        best = j;
      }
    }
    double lo = grid[Math.max(0, best - 1)];
    double hi = grid[Math.min(grid.length - 1, best + 1)];
    double golden = (Math.sqrt(5) - 1) / 2;
    double a = hi - golden * (hi - lo);
    double b = lo + golden * (hi - lo);
    double fa = profile(y, a / max);
    double fb = profile(y, b / max);
    for (int i = 0; i < REFINEMENTS; i++) {
      if (fa < fb) {
        lo = a;
        a = b;
        fa = fb;
        b = lo + golden * (hi - lo);
        fb = profile(y, b / max);
      } else {
        hi = b;
        b = a;
        fb = fa;
        a = hi - golden * (hi - lo);
        fa = profile(y, a / max);
      }
    }
    double theta = (fa > fb ? a : b) / max;
    if (Math.max(fa, fb) < bestValue) {
      theta = grid[best] / max;
    }
    return atTheta(y, theta);
  }

  /**
   * Where the profile is evaluated, as {@code theta * max(y)}: towards -1 from above on a log scale
   * of the gap (-1 + 10^-6 ... -0.5), towards 0 from below (-0.5 ... -10^-6), 0, and 10^-6 ... 10^4.
   */
  private static double[] thetaGrid() {
    double[] grid = new double[4 * GRID_SIDE + 1];
    for (int j = 0; j < GRID_SIDE; j++) {
      double small = Math.pow(10, -6 + 5.7 * j / (GRID_SIDE - 1));
      grid[j] = -1 + small;
      grid[GRID_SIDE + j] = -small;
    }
    for (int j = 0; j < 2 * GRID_SIDE; j++) {
      grid[2 * GRID_SIDE + j] = Math.pow(10, -6 + 10.0 * j / (2 * GRID_SIDE - 1));
    }
    Arrays.sort(grid);
    return grid;
  }

  /** The fit that maximises the likelihood for a given {@code theta = xi / sigma}. */
  private static GeneralizedPareto atTheta(double[] y, double theta) {
    if (theta == 0) {
      double mean = 0;
      for (double v : y) {
        mean += v / y.length;
      }
      return new GeneralizedPareto(0, mean);
    }
    double xi = 0;
    for (double v : y) {
      xi += Math.log1p(theta * v) / y.length;
    }
    return new GeneralizedPareto(xi, xi / theta);
  }

  /** The log-likelihood maximised over the shape for a given theta. */
  private static double profile(double[] y, double theta) {
    return atTheta(y, theta).logLikelihood(y);
  }
}
