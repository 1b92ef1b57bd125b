package llmops.udfs.vectors;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A batch of embeddings of one dimension, stored row-major in one float array.
 *
 * <p>The unit every computation works on: a block is what BLAS multiplies, so a pass over the data
 * is a few large matrix products instead of millions of small vector operations.
 */
public final class VectorBlock implements Serializable {
  private static final long serialVersionUID = 1L;
  /** About 4 MB of floats per block: large enough for BLAS, small enough to never strain memory. */
  public static final int TARGET_FLOATS = 1 << 20;

  private final int dim;
  private final int rows;
  private final float[] values;
  private final String[] ids;

  public VectorBlock(int dim, int rows, float[] values, String[] ids) {
    if (values.length != dim * rows || ids.length != rows) {
      throw new IllegalArgumentException("block of " + rows + " x " + dim + " given " + values.length + " values and " + ids.length + " ids");
    }
    this.dim = dim;
    this.rows = rows;
    this.values = values;
    this.ids = ids;
  }

  public int dim() {
    return dim;
  }

  public int rows() {
    return rows;
  }

  /** Row-major values: row r is {@code values[r * dim, (r + 1) * dim)}. Shared, not copied. */
  public float[] values() {
    return values;
  }

  public String id(int row) {
    return ids[row];
  }

  public float[] row(int r) {
    return Arrays.copyOfRange(values, r * dim, (r + 1) * dim);
  }

  /** Row r's Euclidean (L2) norm, summed in double precision. */
  public double norm(int r) {
    double s = 0;
    for (int j = r * dim; j < (r + 1) * dim; j++) {
      s += (double) values[j] * values[j];
    }
    return Math.sqrt(s);
  }

  /** The block as doubles, for the computations that need double precision. */
  public double[] valuesAsDoubles() {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  /**
   * Rows held in memory as doubles (float32 values, as samples give them) as one block, named
   * {@code row-0}, {@code row-1}, ...: for computations on a driver-side sample.
   */
  public static VectorBlock ofRows(double[] rows, int n, int dim) {
    float[] values = new float[n * dim];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) rows[i];
    }
    String[] ids = new String[n];
    Arrays.setAll(ids, i -> "row-" + i);
    return new VectorBlock(dim, n, values, ids);
  }

  public static int rowsPerBlock(int dim) {
    return Math.max(1, TARGET_FLOATS / Math.max(1, dim));
  }

  /** Accumulates rows of one dimension and cuts them into blocks of {@link #rowsPerBlock} rows. */
  public static final class Builder {
    private final int dim;
    private final int capacity;
    private final List<VectorBlock> done = new ArrayList<>();
    private float[] values;
    private String[] ids;
    private int rows;

    public Builder(int dim) {
      this.dim = dim;
      this.capacity = rowsPerBlock(dim);
      reset();
    }

    public int dim() {
      return dim;
    }

    public void add(String id, float[] vector) {
      if (vector.length != dim) {
        throw new IllegalArgumentException("vector of dimension " + vector.length + " added to a block of dimension " + dim);
      }
      System.arraycopy(vector, 0, values, rows * dim, dim);
      ids[rows++] = id;
      if (rows == capacity) {
        done.add(new VectorBlock(dim, rows, values, ids));
        reset();
      }
    }

    public List<VectorBlock> build() {
      if (rows > 0) {
        done.add(new VectorBlock(dim, rows, Arrays.copyOf(values, rows * dim), Arrays.copyOf(ids, rows)));
        reset();
      }
      return done;
    }

    private void reset() {
      values = new float[capacity * dim];
      ids = new String[capacity];
      rows = 0;
    }
  }
}
