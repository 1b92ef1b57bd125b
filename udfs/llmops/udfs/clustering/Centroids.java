package llmops.udfs.clustering;

import java.io.Serializable;
import java.util.Arrays;
import llmops.udfs.linalg.Dots;
import llmops.udfs.vectors.VectorBlock;

/** K cluster centres of one dimension, row-major, with the nearest-centre rule every pass shares. */
public final class Centroids implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int k;
  private final int dim;
  private final double[] centres;
  private final double[] squaredNorms;

  public Centroids(int k, int dim, double[] centres) {
    if (centres.length != k * dim) {
      throw new IllegalArgumentException(k + " centres of dimension " + dim + " need " + k * dim + " values, got " + centres.length);
    }
    this.k = k;
    this.dim = dim;
    this.centres = centres.clone();
    this.squaredNorms = Dots.squaredNorms(centres, k, dim);
  }

  public int k() {
    return k;
  }

  public int dim() {
    return dim;
  }

  public double[] centre(int c) {
    return Arrays.copyOfRange(centres, c * dim, (c + 1) * dim);
  }

  /** All centres, row-major (a copy). */
  public double[] values() {
    return centres.clone();
  }

  /**
   * Labels every row of a block with its nearest centre (ties go to the lower index, as in
   * scikit-learn) and returns the labels; {@code squaredDistances}, if not null, receives each
   * row's exact squared Euclidean distance to that centre.
   */
  public int[] assign(VectorBlock block, double[] blockAsDoubles, double[] squaredDistances) {
    int rows = block.rows();
    double[] dots = Dots.rowsTimesRows(blockAsDoubles, rows, centres, k, dim);
    int[] labels = new int[rows];
    for (int r = 0; r < rows; r++) {
      int best = 0;
      double bestScore = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        // |x|^2 is the same for every centre, so |c|^2 - 2 x.c orders the centres by distance.
        double score = squaredNorms[c] - 2 * dots[r * k + c];
        if (score < bestScore) {
          bestScore = score;
          best = c;
        }
      }
      labels[r] = best;
      if (squaredDistances != null) {
        squaredDistances[r] = Dots.squaredDistance(blockAsDoubles, r * dim, centres, best * dim, dim);
      }
    }
    return labels;
  }

  /** Nearest centre of one vector, with the exact squared distance in {@code out[0]}. */
  public int nearest(double[] vector, double[] out) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      double d = Dots.squaredDistance(vector, 0, centres, c * dim, dim);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    if (out != null) {
      out[0] = bestDistance;
    }
    return best;
  }
}
