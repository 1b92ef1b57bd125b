package llmops.drift;

import java.io.Serializable;

/** The analysis' knobs, validated before any Spark work starts. */
public record DriftSettings(
    int fixedK, int autoKFrom, int autoKTo, double variance, long seed,
    int silhouetteSample, int initSample, int maxIterations) implements Serializable {

  /** K-Means stops when the centres move less than this fraction of the mean feature variance (scikit-learn's tol). */
  public static final double RELATIVE_TOLERANCE = 1e-4;

  public DriftSettings {
    if (!(variance > 0 && variance < 1)) {
      throw new IllegalArgumentException("--variance must be between 0 and 1 (got " + variance + ")");
    }
    if (fixedK == 0 && (autoKFrom < 2 || autoKTo < autoKFrom)) {
      throw new IllegalArgumentException("--k_range must be FROM-TO with 2 <= FROM <= TO (got " + autoKFrom + "-" + autoKTo + ")");
    }
    if (fixedK < 0 || fixedK == 1) {
      throw new IllegalArgumentException("--k must be at least 2, or auto (got " + fixedK + ")");
    }
    if (silhouetteSample < 2 || initSample < 2 || maxIterations < 1) {
      throw new IllegalArgumentException("--silhouette_sample and --kmeans_init_sample must be at least 2 and --max_iterations at least 1");
    }
  }

  public boolean autoK() {
    return fixedK == 0;
  }
}
