package llmops.udfs.knn;

/** Query vectors (float32, row-major) with their exact norms. */
record Queries(float[] values, int rows, int dim, double[] squaredNorms, double[] norms) {

  static Queries of(float[] values, int rows, int dim) {
    if (values.length < (long) rows * dim) {
      throw new IllegalArgumentException(rows + " queries of dimension " + dim + " need " + (long) rows * dim + " values, got " + values.length);
    }
    Segment s = Segment.of(values, rows, dim, 0, null);
    return new Queries(values, rows, dim, s.squaredNorms(), s.norms());
  }
}
