package llmops.udfs.drift;

/** How far the mean embedding moved: Euclidean distance, and cosine distance (1 - cosine similarity) of the two means. */
public record MeanShift(double euclidean, double cosine) {
  public static MeanShift between(double[] baselineMean, double[] snapshotMean) {
    if (baselineMean.length != snapshotMean.length) {
      throw new IllegalArgumentException("means of dimension " + baselineMean.length + " and " + snapshotMean.length + " cannot be compared");
    }
    double squared = 0;
    double dot = 0;
    double nb = 0;
    double ns = 0;
    for (int j = 0; j < baselineMean.length; j++) {
      double d = snapshotMean[j] - baselineMean[j];
      squared += d * d;
      dot += baselineMean[j] * snapshotMean[j];
      nb += baselineMean[j] * baselineMean[j];
      ns += snapshotMean[j] * snapshotMean[j];
    }
    double cosine = nb == 0 || ns == 0 ? Double.NaN : 1 - dot / Math.sqrt(nb * ns);
    return new MeanShift(Math.sqrt(squared), cosine);
  }
}
