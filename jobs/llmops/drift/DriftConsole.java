package llmops.drift;

import java.util.List;

/** A few lines a person reads before the JSON summary line. */
final class DriftConsole {
  private DriftConsole() {}

  static void printReadable(DriftRunRecord run) {
    StringBuilder shares = new StringBuilder();
    for (double p : run.kmeans().clusterProportions()) {
      shares.append(shares.length() == 0 ? "" : " ").append(String.format("%.1f%%", 100 * p));
    }
    DriftRunRecord.Input input = run.input();
    System.out.printf("%s %s of series '%s' (run %s)%n", run.jobType(), "drift run", run.series(), run.runId());
    System.out.printf("  input        %s vectors of dimension %s valid, %s quarantined %s%n",
        input.valid(), input.dim(), input.quarantined(), input.quarantinedByReason());
    System.out.printf("  PCA          %s components explain more than %.0f%% of the variance%n",
        run.pca().components(), 100 * run.pca().varianceTarget());
    DriftRunRecord.KMeans kmeans = run.kmeans();
    System.out.printf("  K-Means      k=%s, inertia %.4g (%.4g per point), %s iterations%n",
        kmeans.k(), kmeans.inertia(), kmeans.inertiaPerPoint(), kmeans.iterations());
    System.out.printf("  clusters     %s%n", shares);
    DriftRunRecord.Silhouette silhouette = run.silhouette();
    System.out.printf("  silhouette   %.4f Euclidean (scikit-learn, %s points), %.4f squared Euclidean (Spark MLlib)%n",
        silhouette.euclidean(), silhouette.euclideanSampleSize(), silhouette.squaredEuclidean());
    if (run.verdict() != null) {
      printVerdict(run.verdict(), run.comparison());
    }
  }

  private static void printVerdict(DriftRunRecord.VerdictRecord verdict, DriftRunRecord.Comparison comparison) {
    if (verdict.drift() == null) {
      System.out.printf("  verdict      none: %s%n", verdict.reason());
      return;
    }
    System.out.printf("  compared     with BASELINE run %s%n", comparison.baseline().runId());
    for (DriftRunRecord.Check check : verdict.checks()) {
      boolean above = check.above() != null;
      String significance = check.pValue() != null ? String.format(" and p %.2g < %s", check.pValue(), check.significantBelow()) : "";
      System.out.printf("    %-29s %10.4f  %s %s %s%s%s%n", check.statistic(), check.value(),
          check.crossed() ? "crosses" : "within ", above ? ">" : "<", above ? check.above() : check.below(),
          significance, check.decides() ? "" : "  (reported only)");
    }
    System.out.printf("  verdict      %s%n", verdict.drift() ? "DRIFT, triggered by " + verdict.triggeredBy() : "no drift");
    if (verdict.calibrated() != null) {
      List<String> beyond = verdict.calibrated().statistics().stream().filter(c -> !c.level().equals("ok"))
          .map(c -> c.statistic() + " (" + c.level() + ")").toList();
      System.out.printf("  calibrated   %s against this BASELINE's own no-drift spread (%d resamples, Benjamini-Hochberg)%s%s%n",
          verdict.level(), verdict.calibrated().resamples(), beyond.isEmpty() ? "" : ": ", String.join(", ", beyond));
    }
  }
}
