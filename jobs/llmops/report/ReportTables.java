package llmops.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DynamoDB tables the report reads: the jobs' own defaults, each replaceable with
 * {@code --tables drift=T,centroids=T,distance=T,eval=T} (named after the flag that set it:
 * drift's --out_table and --centroid_table, distance's and eval's --out_table).
 */
record ReportTables(String drift, String centroids, String distance, String eval) {
  static final Map<String, String> DEFAULTS = Map.of(
      "drift", "llmops-drift-runs", "centroids", "llmops-drift-centroids", "distance", "llmops-distance-runs", "eval", "llmops-eval-runs");

  static ReportTables of(Map<String, String> overrides) {
    Map<String, String> names = new LinkedHashMap<>(DEFAULTS);
    overrides.forEach((key, table) -> {
      if (!DEFAULTS.containsKey(key)) {
        throw new IllegalArgumentException("--tables: unknown table '" + key + "' (known: drift, centroids, distance, eval)");
      }
      names.put(key, table);
    });
    return new ReportTables(names.get("drift"), names.get("centroids"), names.get("distance"), names.get("eval"));
  }

  Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("drift", drift);
    m.put("centroids", centroids);
    m.put("distance", distance);
    m.put("eval", eval);
    return m;
  }
}
