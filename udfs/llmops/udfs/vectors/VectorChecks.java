package llmops.udfs.vectors;

/** Validity rules an embedding must pass before it enters any computation. */
public final class VectorChecks {
  private VectorChecks() {}

  /** Throws with the quarantine reason when the vector is empty or holds NaN or an infinity. */
  public static void requireUsable(float[] vector) throws MalformedEmbeddingException {
    if (vector.length == 0) {
      throw new MalformedEmbeddingException(Reasons.EMPTY_VECTOR, "the vector has no values");
    }
    for (int i = 0; i < vector.length; i++) {
      if (!Float.isFinite(vector[i])) {
        throw new MalformedEmbeddingException(Reasons.NON_FINITE, "value " + i + " is " + vector[i]);
      }
    }
  }

  public static double squaredNorm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    return s;
  }
}
