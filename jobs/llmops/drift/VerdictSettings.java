package llmops.drift;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import llmops.config.LayeredYaml;
import llmops.udfs.distance.DistanceQuantiles;
import llmops.udfs.drift.CalibratedVerdict;
import llmops.udfs.drift.SelfComparison;
import llmops.udfs.drift.Statistic;
import llmops.udfs.drift.Verdict;
import org.apache.hadoop.conf.Configuration;

/**
 * The drift verdict's rules and the comparison's parameters: {@code conf/drift-verdict.yaml} (built
 * into the jar), with the file given by {@code --verdict_config} laid over it, so that a user's file
 * need only name what it changes.
 */
record VerdictSettings(
    List<Verdict.Rule> rules,
    String outsideQuantile,
    int comparisonSample,
    double componentTestAlpha,
    int maxComponentsTested,
    double classifierRegularization,
    Calibration calibration,
    History history) {

  static final String DEFAULT_RESOURCE = "drift-verdict.yaml";
  private static final Set<String> SECTIONS = Set.of("rules", "parameters", "calibration", "history");
  private static final Set<String> CALIBRATION = Set.of("enabled", "decides", "resamples", "refit_resamples", "max_resample_size",
      "warning_fdr", "drift_fdr");
  private static final Set<String> HISTORY = Set.of("runs", "k", "min_runs", "level");

  /**
   * The calibrated verdict: each statistic's null from {@code resamples} splits of the baseline's
   * sample against itself ({@code refitResamples} of them refitting K-Means), pseudo-snapshots of at
   * most {@code maxResampleSize} vectors; levels from Benjamini-Hochberg-adjusted p-values.
   *
   * @param decides whether the calibrated level (drift) rather than the fixed rules sets {@code verdict.drift}
   */
  record Calibration(boolean enabled, boolean decides, int resamples, int refitResamples, int maxResampleSize,
      CalibratedVerdict.Thresholds thresholds) {
    Calibration {
      if (resamples < 1 || refitResamples < 0 || refitResamples > resamples || maxResampleSize < 2) {
        throw new IllegalArgumentException("calibration needs resamples >= 1, 0 <= refit_resamples <= resamples and max_resample_size >= 2");
      }
    }

    /** The resampling of one run, seeded by it. */
    SelfComparison.Resampling resampling(long seed) {
      return new SelfComparison.Resampling(resamples, refitResamples, maxResampleSize, seed);
    }
  }

  /** The history rule: a statistic beyond mean ± k sd of the series' last {@code runs} accepted SNAPSHOTs, with at least {@code minRuns} of them. */
  record History(int runs, double k, int minRuns) {
    History {
      if (!(k > 0) || minRuns < 2 || runs < minRuns) {
        throw new IllegalArgumentException("history needs k > 0 and 2 <= min_runs <= runs");
      }
    }
  }
  private static final Set<String> PARAMETERS = Set.of("outside_quantile", "comparison_sample", "component_test_alpha",
      "max_components_tested", "classifier_regularization");

  /** The built-in rules, with those of {@code path} (if given) laid over them rule by rule and parameter by parameter. */
  static VerdictSettings load(String path, Configuration hadoop) throws IOException {
    return of(LayeredYaml.load(DEFAULT_RESOURCE, path, hadoop), path == null ? DEFAULT_RESOURCE : path);
  }

  /** The built-in settings with the given YAML laid over them. */
  static VerdictSettings parse(InputStream yaml, String source) throws IOException {
    return of(LayeredYaml.load(DEFAULT_RESOURCE, yaml, source), source);
  }

  private static VerdictSettings of(JsonNode root, String source) {
    known(root, SECTIONS, source, "section");
    JsonNode c = root.path("calibration");
    JsonNode h = root.path("history");
    known(c, CALIBRATION, source, "calibration setting");
    known(h, HISTORY, source, "history setting");
    Calibration calibration;
    History history;
    try {
      calibration = new Calibration(c.path("enabled").asBoolean(), c.path("decides").asBoolean(), c.path("resamples").asInt(),
          c.path("refit_resamples").asInt(), c.path("max_resample_size").asInt(), new CalibratedVerdict.Thresholds(
              c.path("warning_fdr").asDouble(), c.path("drift_fdr").asDouble(), CalibratedVerdict.Level.named(h.path("level").asText())));
      history = new History(h.path("runs").asInt(), h.path("k").asDouble(), h.path("min_runs").asInt());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
    List<Verdict.Rule> rules = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("rules").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      rules.add(rule(e.getKey(), e.getValue(), source));
    }
    JsonNode p = root.path("parameters");
    known(p, PARAMETERS, source, "parameter");
    VerdictSettings settings = new VerdictSettings(rules,
        p.path("outside_quantile").asText(),
        p.path("comparison_sample").asInt(),
        p.path("component_test_alpha").asDouble(),
        p.path("max_components_tested").asInt(),
        p.path("classifier_regularization").asDouble(),
        calibration,
        history);
    if (settings.comparisonSample < 20 || settings.maxComponentsTested < 1
        || !(settings.componentTestAlpha > 0 && settings.componentTestAlpha < 1) || settings.classifierRegularization < 0) {
      throw new IllegalArgumentException(source + ": parameters out of range (comparison_sample >= 20, max_components_tested >= 1, "
          + "0 < component_test_alpha < 1, classifier_regularization >= 0)");
    }
    DistanceQuantiles.index(settings.outsideQuantile);
    return settings;
  }

  private static void known(JsonNode section, Set<String> names, String source, String what) {
    for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!names.contains(name)) {
        throw new IllegalArgumentException(source + ": unknown " + what + " '" + name + "' (known: " + new java.util.TreeSet<>(names) + ")");
      }
    }
  }

  private static Verdict.Rule rule(String name, JsonNode spec, String source) {
    Statistic statistic;
    try {
      statistic = Statistic.named(name);
    } catch (IllegalArgumentException unknown) {
      throw new IllegalArgumentException(source + ": " + unknown.getMessage(), unknown);
    }
    boolean above = spec.has("above");
    if (above == spec.has("below") || !spec.path(above ? "above" : "below").isNumber()) {
      throw new IllegalArgumentException(source + ": rule '" + name + "' needs exactly one numeric 'above' or 'below'");
    }
    JsonNode significance = spec.path("significant_below");
    if (!significance.isMissingNode() && !significance.isNumber()) {
      throw new IllegalArgumentException(source + ": rule '" + name + "': significant_below must be a number (a p-value)");
    }
    return new Verdict.Rule(statistic, above ? Verdict.Direction.ABOVE : Verdict.Direction.BELOW,
        spec.path(above ? "above" : "below").asDouble(), spec.path("decides").asBoolean(true), significance.asDouble(Double.NaN));
  }
}
