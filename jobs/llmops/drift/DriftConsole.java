package llmops.drift;

import java.util.List;
import java.util.Map;

/** A few lines a person reads before the JSON summary line. */
final class DriftConsole {
  private DriftConsole() {}

  @SuppressWarnings("unchecked")
  static void printReadable(Map<String, Object> report) {
    Map<String, Object> input = (Map<String, Object>) report.get("input");
    Map<String, Object> pca = (Map<String, Object>) report.get("pca");
    Map<String, Object> kmeans = (Map<String, Object>) report.get("kmeans");
    Map<String, Object> silhouette = (Map<String, Object>) report.get("silhouette");
    List<Double> proportions = (List<Double>) kmeans.get("cluster_proportions");
    StringBuilder shares = new StringBuilder();
    for (Double p : proportions) {
      shares.append(shares.length() == 0 ? "" : " ").append(String.format("%.1f%%", 100 * p));
    }
    System.out.printf("%s %s of series '%s' (run %s)%n", report.get("job_type"), "drift run", report.get("series"), report.get("run_id"));
    System.out.printf("  input        %s vectors of dimension %s valid, %s quarantined %s%n",
        input.get("valid"), input.get("dim"), input.get("quarantined"), input.get("quarantined_by_reason"));
    System.out.printf("  PCA          %s components explain more than %.0f%% of the variance%n",
        pca.get("components"), 100 * (Double) pca.get("variance_target"));
    System.out.printf("  K-Means      k=%s, inertia %.4g (%.4g per point), %s iterations%n",
        kmeans.get("k"), (Double) kmeans.get("inertia"), (Double) kmeans.get("inertia_per_point"), kmeans.get("iterations"));
    System.out.printf("  clusters     %s%n", shares);
    System.out.printf("  silhouette   %.4f Euclidean (scikit-learn, %s points), %.4f squared Euclidean (Spark MLlib)%n",
        (Double) silhouette.get("euclidean"), silhouette.get("euclidean_sample_size"), (Double) silhouette.get("squared_euclidean"));
    Map<String, Object> verdict = (Map<String, Object>) report.get("verdict");
    if (verdict != null) {
      printVerdict(verdict, (Map<String, Object>) report.get("comparison"));
    }
  }

  @SuppressWarnings("unchecked")
  private static void printVerdict(Map<String, Object> verdict, Map<String, Object> comparison) {
    if (verdict.get("drift") == null) {
      System.out.printf("  verdict      none: %s%n", verdict.get("reason"));
      return;
    }
    Map<String, Object> baseline = (Map<String, Object>) comparison.get("baseline");
    System.out.printf("  compared     with BASELINE run %s%n", baseline.get("run_id"));
    for (Map<String, Object> check : (List<Map<String, Object>>) verdict.get("checks")) {
      boolean above = check.containsKey("above");
      String significance = check.containsKey("p_value")
          ? String.format(" and p %.2g < %s", (Double) check.get("p_value"), check.get("significant_below")) : "";
      System.out.printf("    %-29s %10.4f  %s %s %s%s%s%n", check.get("statistic"), (Double) check.get("value"),
          Boolean.TRUE.equals(check.get("crossed")) ? "crosses" : "within ", above ? ">" : "<", check.get(above ? "above" : "below"),
          significance, Boolean.TRUE.equals(check.get("decides")) ? "" : "  (reported only)");
    }
    boolean drift = Boolean.TRUE.equals(verdict.get("drift"));
    System.out.printf("  verdict      %s%n", drift ? "DRIFT, triggered by " + verdict.get("triggered_by") : "no drift");
  }
}
