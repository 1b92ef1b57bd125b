package llmops.udfs.eval.pairwise;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Bradley–Terry strengths of models from their pairwise outcomes, P(i beats j) = p_i / (p_i + p_j),
 * fitted by maximum likelihood with Hunter's MM algorithm (2004): p_i <- W_i / sum_j n_ij / (p_i + p_j),
 * then normalised to sum 1, until no strength moves by more than {@code 1e-12} relative. A tie counts as
 * half a win to each side. The likelihood has a finite maximum only when every model both wins and loses
 * against the others through some chain of comparisons; otherwise a strength runs off to 0 and the fit
 * reports that it did not converge.
 */
public final class BradleyTerry {
  private static final double TOLERANCE = 1e-12;
  private static final int MAX_ITERATIONS = 100_000;

  /** A model's fitted strength (strengths sum to 1) and its rank (1 = strongest). */
  public record Strength(String model, double strength, int rank) {}

  public record Fit(List<Strength> ranking, boolean converged, int iterations) {}

  private BradleyTerry() {}

  /**
   * {@code wins[i][j]}: how often model i beat model j, ties counted as half a win to each (so wins[i][j] +
   * wins[j][i] is the number of comparisons of i and j).
   */
  public static Fit fit(List<String> models, double[][] wins) {
    int m = models.size();
    if (m < 2 || wins.length != m) {
      throw new IllegalArgumentException("need a wins matrix over at least two models");
    }
    double[] total = new double[m];
    double[][] games = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        if (i != j) {
          total[i] += wins[i][j];
          games[i][j] = wins[i][j] + wins[j][i];
        }
      }
    }
    double[] p = new double[m];
    java.util.Arrays.fill(p, 1.0 / m);
    boolean converged = false;
    int iteration = 0;
    while (!converged && iteration < MAX_ITERATIONS) {
      iteration++;
      double[] next = new double[m];
      double sum = 0;
      for (int i = 0; i < m; i++) {
        double denominator = 0;
        for (int j = 0; j < m; j++) {
          if (j != i && games[i][j] > 0) {
            denominator += games[i][j] / (p[i] + p[j]);
          }
        }
        next[i] = denominator == 0 ? p[i] : total[i] / denominator;
        sum += next[i];
      }
      converged = true;
      for (int i = 0; i < m; i++) {
        next[i] /= sum;
        converged &= Math.abs(next[i] - p[i]) <= TOLERANCE * Math.max(p[i], Double.MIN_NORMAL);
      }
      p = next;
    }
    // A strength that ran off to 0 (a model that never wins) is no maximum of the likelihood.
    for (double strength : p) {
      converged &= strength > 1e-9;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      order.add(i);
    }
    double[] fitted = p;
    order.sort(Comparator.comparingDouble((Integer i) -> -fitted[i]).thenComparing(models::get));
    List<Strength> ranking = new ArrayList<>();
    for (int r = 0; r < m; r++) {
      ranking.add(new Strength(models.get(order.get(r)), fitted[order.get(r)], r + 1));
    }
    return new Fit(ranking, converged, iteration);
  }
}
