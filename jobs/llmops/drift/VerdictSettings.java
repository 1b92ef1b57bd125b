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
    double classifierRegularization) {

  static final String DEFAULT_RESOURCE = "drift-verdict.yaml";
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
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("rules") && !name.equals("parameters")) {
        throw new IllegalArgumentException(source + ": unknown section '" + name + "' (known: rules, parameters)");
      }
    }
    List<Verdict.Rule> rules = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("rules").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      rules.add(rule(e.getKey(), e.getValue(), source));
    }
    JsonNode p = root.path("parameters");
    for (Iterator<String> names = p.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!PARAMETERS.contains(name)) {
        throw new IllegalArgumentException(source + ": unknown parameter '" + name + "' (known: " + PARAMETERS + ")");
      }
    }
    VerdictSettings settings = new VerdictSettings(rules,
        p.path("outside_quantile").asText(),
        p.path("comparison_sample").asInt(),
        p.path("component_test_alpha").asDouble(),
        p.path("max_components_tested").asInt(),
        p.path("classifier_regularization").asDouble());
    if (settings.comparisonSample < 20 || settings.maxComponentsTested < 1
        || !(settings.componentTestAlpha > 0 && settings.componentTestAlpha < 1) || settings.classifierRegularization < 0) {
      throw new IllegalArgumentException(source + ": parameters out of range (comparison_sample >= 20, max_components_tested >= 1, "
          + "0 < component_test_alpha < 1, classifier_regularization >= 0)");
    }
    DistanceQuantiles.index(settings.outsideQuantile);
    return settings;
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
