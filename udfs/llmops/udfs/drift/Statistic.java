package llmops.udfs.drift;

import java.util.Arrays;
import java.util.List;

/**
 * The statistics a SNAPSHOT's comparison with its BASELINE measures, each declared once with the name
 * a verdict rule (conf/drift-verdict.yaml) and the stored verdict's checks use for it.
 */
public enum Statistic {
  PSI("psi"),
  JS_DISTANCE("js_distance"),
  CHI_SQUARE_P_VALUE("chi_square_p_value"),
  MAX_RELATIVE_CENTROID_SHIFT("max_relative_centroid_shift"),
  OUTSIDE_SHARE_EXCESS("outside_share_excess"),
  NEW_REGION_SHARE("new_region_share"),
  DOMAIN_CLASSIFIER_AUC("domain_classifier_auc"),
  DOMAIN_CLASSIFIER_AUC_P_VALUE("domain_classifier_auc_p_value"),
  DRIFTED_COMPONENT_SHARE("drifted_component_share"),
  MEAN_COSINE_DISTANCE("mean_cosine_distance"),
  MEAN_EUCLIDEAN_DISTANCE("mean_euclidean_distance"),
  MMD("mmd");

  private final String ruleName;

  Statistic(String ruleName) {
    this.ruleName = ruleName;
  }

  /** Its name in verdict rules and in the stored checks. */
  public String ruleName() {
    return ruleName;
  }

  /** The statistic that measures how likely this one's value is by chance, if any (a rule's {@code significant_below} reads it). */
  public Statistic pValue() {
    return this == DOMAIN_CLASSIFIER_AUC ? DOMAIN_CLASSIFIER_AUC_P_VALUE : null;
  }

  /** The statistic a rule names; an unknown name fails, listing the known ones. */
  public static Statistic named(String ruleName) {
    return Arrays.stream(values()).filter(s -> s.ruleName.equals(ruleName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no statistic '" + ruleName + "' to set a rule on (known: " + ruleNames() + ")"));
  }

  public static List<String> ruleNames() {
    return Arrays.stream(values()).map(Statistic::ruleName).toList();
  }
}
