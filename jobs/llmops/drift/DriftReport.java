package llmops.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmops.io.EmbeddingFields;
import llmops.io.InputFormat;
import llmops.io.ValidatedEmbeddings;
import llmops.udfs.clustering.ClusterStats;
import llmops.udfs.drift.Verdict;

/** The run's summary as nested maps: printed as the job's JSON line and stored as its DynamoDB item. */
final class DriftReport {
  /** The explained-variance curve is stored up to here: past it, it is flat and only costs item space. */
  private static final double CURVE_UP_TO = 0.999;

  private DriftReport() {}

  static Map<String, Object> input(String dataPath, EmbeddingFields fields, ValidatedEmbeddings input, String quarantinePath) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("data_path", dataPath);
    m.put("format", input.format().name().toLowerCase());
    if (input.format() != InputFormat.SEED) {
      m.put("id_field", fields.id());
      m.put("embedding_field", fields.embedding());
    }
    m.put("files", input.files());
    m.put("records", input.records());
    m.put("valid", input.valid());
    m.put("dim", input.dim());
    m.put("quarantined", input.quarantined());
    m.put("quarantined_by_reason", input.quarantinedByReason());
    m.put("quarantine_path", quarantinePath);
    m.put("blank_lines_skipped", input.blankLines());
    return m;
  }

  static Map<String, Object> analysis(DriftResult r, DriftSettings settings) {
    Map<String, Object> pca = new LinkedHashMap<>();
    pca.put("variance_target", settings.variance());
    pca.put("components", r.componentsForVariance());
    pca.put("varpc", r.componentsForVariance() - 1);
    pca.put("cumulative_variance", r.variance().cumulativeUpTo(CURVE_UP_TO));

    ClusterStats stats = r.clusters();
    long total = stats.total();
    List<Double> proportions = new ArrayList<>();
    for (long size : stats.counts()) {
      proportions.add((double) size / total);
    }
    Map<String, Object> kmeans = new LinkedHashMap<>();
    kmeans.put("k", r.centroids().k());
    kmeans.put("k_selection", kSelection(r, settings));
    kmeans.put("seed", settings.seed());
    kmeans.put("iterations", r.iterations());
    kmeans.put("converged", r.converged());
    kmeans.put("inertia", r.inertia());
    kmeans.put("inertia_per_point", r.inertia() / total);
    kmeans.put("cluster_sizes", stats.counts());
    kmeans.put("cluster_proportions", proportions);

    Map<String, Object> silhouette = new LinkedHashMap<>();
    silhouette.put("squared_euclidean", r.silhouetteSquaredEuclidean());
    silhouette.put("euclidean", r.silhouetteEuclidean());
    silhouette.put("euclidean_sample_size", r.silhouetteSampleSize());
    silhouette.put("euclidean_exact", r.silhouetteSampleSize() == r.vectors());

    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pca", pca);
    m.put("kmeans", kmeans);
    m.put("silhouette", silhouette);
    return m;
  }

  private static Map<String, Object> kSelection(DriftResult r, DriftSettings settings) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!settings.autoK()) {
      m.put("method", "fixed");
      return m;
    }
    m.put("method", "auto: highest Euclidean silhouette on the sample, smaller k on ties");
    List<Map<String, Object>> tried = new ArrayList<>();
    for (DriftResult.KCandidate c : r.kCandidates()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("k", c.k());
      row.put("silhouette_euclidean", c.silhouetteEuclidean());
      row.put("inertia", c.inertia());
      row.put("iterations", c.iterations());
      tried.add(row);
    }
    m.put("candidates", tried);
    return m;
  }

  static Map<String, Object> verdict(Verdict.Result verdict) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("drift", verdict.drift());
    m.put("triggered_by", verdict.triggered().stream().map(c -> c.rule().statistic()).toList());
    List<Map<String, Object>> checks = new ArrayList<>();
    for (Verdict.Check c : verdict.checks()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("statistic", c.rule().statistic());
      row.put("value", c.value());
      row.put(c.rule().direction() == Verdict.Direction.ABOVE ? "above" : "below", c.rule().threshold());
      if (c.pValue() != null) {
        row.put("p_value", c.pValue());
        row.put("significant_below", c.rule().significantBelow());
      }
      row.put("crossed", c.crossed());
      row.put("decides", c.rule().decides());
      checks.add(row);
    }
    m.put("checks", checks);
    return m;
  }

  static Map<String, Object> noVerdict(String why) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("drift", null);
    m.put("reason", why);
    return m;
  }
}
