package llmops.udfs.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OptimalAssignmentTest {
  @Test
  void findsTheCheapestPermutationOfSquareMatrices() {
    Random random = new Random(3);
    for (int trial = 0; trial < 50; trial++) {
      double[][] cost = randomMatrix(random, 6, 6);
      assertEquals(bruteForce(cost, 0, new boolean[6]), total(cost, OptimalAssignment.minimumCost(cost)), 1e-9);
    }
  }

  @Test
  void withFewerRowsEveryRowGetsADistinctCheapestColumn() {
    Random random = new Random(4);
    for (int trial = 0; trial < 30; trial++) {
      double[][] cost = randomMatrix(random, 3, 6);
      int[] assignment = OptimalAssignment.minimumCost(cost);
      assertEquals(3, java.util.Arrays.stream(assignment).distinct().count());
      assertEquals(bruteForce(cost, 0, new boolean[6]), total(cost, assignment), 1e-9);
    }
  }

  @Test
  void withMoreRowsTheLeftOverRowsGetNoColumn() {
    double[][] cost = {{1, 9}, {9, 1}, {5, 5}};
    assertArrayEquals(new int[] {0, 1, -1}, OptimalAssignment.minimumCost(cost));
  }

  @Test
  void undoesAPermutation() {
    int[] permutation = {3, 0, 4, 1, 2};
    double[][] cost = new double[5][5];
    for (int r = 0; r < 5; r++) {
      for (int c = 0; c < 5; c++) {
        cost[r][c] = c == permutation[r] ? 0.1 : 10 + r + c;
      }
    }
    assertArrayEquals(permutation, OptimalAssignment.minimumCost(cost));
  }

  private static double[][] randomMatrix(Random random, int rows, int columns) {
    double[][] m = new double[rows][columns];
    for (double[] row : m) {
      for (int c = 0; c < columns; c++) {
        row[c] = random.nextDouble() * 10;
      }
    }
    return m;
  }

  private static double total(double[][] cost, int[] assignment) {
    double sum = 0;
    for (int r = 0; r < assignment.length; r++) {
      sum += cost[r][assignment[r]];
    }
    return sum;
  }

  /** The exact minimum over every injective assignment of rows from {@code row} on. */
  private static double bruteForce(double[][] cost, int row, boolean[] taken) {
    if (row == cost.length) {
      return 0;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int c = 0; c < taken.length; c++) {
      if (!taken[c]) {
        taken[c] = true;
        best = Math.min(best, cost[row][c] + bruteForce(cost, row + 1, taken));
        taken[c] = false;
      }
    }
    return best;
  }
}
