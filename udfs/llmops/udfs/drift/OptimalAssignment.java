package llmops.udfs.drift;

import java.util.Arrays;

/**
 * The assignment of rows to columns with the least total cost (the Hungarian method with
 * potentials, O(n^2 m)). With more rows than columns, the rows left over get no column.
 */
public final class OptimalAssignment {
  private OptimalAssignment() {}

  /** For each row of {@code cost} (rows x columns), its column, or -1 when there are more rows than columns. */
  public static int[] minimumCost(double[][] cost) {
    int rows = cost.length;
    int columns = rows == 0 ? 0 : cost[0].length;
    if (rows > columns) {
      int[] byColumn = minimumCost(transpose(cost, rows, columns));
      int[] byRow = new int[rows];
      Arrays.fill(byRow, -1);
      for (int c = 0; c < columns; c++) {
        byRow[byColumn[c]] = c;
      }
      return byRow;
    }
    // 1-based arrays; column 0 is the virtual start of each augmenting path.
    double[] u = new double[rows + 1];
    double[] v = new double[columns + 1];
    int[] rowOfColumn = new int[columns + 1];
    int[] previous = new int[columns + 1];
    for (int r = 1; r <= rows; r++) {
      rowOfColumn[0] = r;
      int column = 0;
      double[] slack = new double[columns + 1];
      Arrays.fill(slack, Double.POSITIVE_INFINITY);
      boolean[] used = new boolean[columns + 1];
      do {
        used[column] = true;
        int row = rowOfColumn[column];
        double delta = Double.POSITIVE_INFINITY;
        int next = -1;
        for (int c = 1; c <= columns; c++) {
          if (!used[c]) {
            double reduced = cost[row - 1][c - 1] - u[row] - v[c];
            if (reduced < slack[c]) {
              slack[c] = reduced;
              previous[c] = column;
            }
            if (slack[c] < delta) {
              delta = slack[c];
              next = c;
            }
          }
        }
        for (int c = 0; c <= columns; c++) {
          if (used[c]) {
            u[rowOfColumn[c]] += delta;
            v[c] -= delta;
          } else {
            slack[c] -= delta;
          }
        }
        column = next;
      } while (rowOfColumn[column] != 0);
      do {
        int before = previous[column];
        rowOfColumn[column] = rowOfColumn[before];
        column = before;
      } while (column != 0);
    }
    int[] assignment = new int[rows];
    for (int c = 1; c <= columns; c++) {
      if (rowOfColumn[c] != 0) {
        assignment[rowOfColumn[c] - 1] = c - 1;
      }
    }
    return assignment;
  }

  private static double[][] transpose(double[][] m, int rows, int columns) {
    double[][] t = new double[columns][rows];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        t[c][r] = m[r][c];
      }
    }
    return t;
  }
}
