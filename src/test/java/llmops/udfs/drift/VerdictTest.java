package llmops.udfs.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {
  private static final List<Verdict.Rule> RULES = List.of(
      new Verdict.Rule("psi", Verdict.Direction.ABOVE, 0.2, true),
      new Verdict.Rule("chi_square_p_value", Verdict.Direction.BELOW, 0.001, false),
      new Verdict.Rule("domain_classifier_auc", Verdict.Direction.ABOVE, 0.55, true));

  @Test
  void noRuleCrossedIsNoDrift() {
    Verdict.Result r = Verdict.decide(RULES, Map.of("psi", 0.05, "chi_square_p_value", 0.3, "domain_classifier_auc", 0.51));
    assertFalse(r.drift());
    assertEquals(3, r.checks().size());
  }

  @Test
  void aDecidingRuleCrossedIsDrift() {
    Verdict.Result r = Verdict.decide(RULES, Map.of("psi", 0.05, "chi_square_p_value", 0.3, "domain_classifier_auc", 0.8));
    assertTrue(r.drift());
    assertEquals(List.of("domain_classifier_auc"), r.triggered().stream().map(c -> c.rule().statistic()).toList());
  }

  @Test
  void aReportOnlyRuleCrossedIsReportedButIsNotDrift() {
    Verdict.Result r = Verdict.decide(RULES, Map.of("psi", 0.05, "chi_square_p_value", 1e-9, "domain_classifier_auc", 0.5));
    assertFalse(r.drift());
    assertTrue(r.checks().get(1).crossed());
  }

  @Test
  void aRuleAskingForSignificanceCrossesOnlyWhenThePValueIsSmallToo() {
    List<Verdict.Rule> rules = List.of(new Verdict.Rule("domain_classifier_auc", Verdict.Direction.ABOVE, 0.55, true, 0.001));
    assertFalse(Verdict.decide(rules, Map.of("domain_classifier_auc", 0.56, "domain_classifier_auc_p_value", 0.01)).drift(),
        "a small sample's chance AUC of 0.56");
    assertTrue(Verdict.decide(rules, Map.of("domain_classifier_auc", 0.56, "domain_classifier_auc_p_value", 1e-6)).drift());
    assertFalse(Verdict.decide(rules, Map.of("domain_classifier_auc", 0.54, "domain_classifier_auc_p_value", 1e-9)).drift(),
        "significant but below the effect size that matters");
  }

  @Test
  void thresholdsAreStrictAndUndefinedValuesNeverCross() {
    Verdict.Result r = Verdict.decide(RULES, Map.of("psi", 0.2, "domain_classifier_auc", Double.NaN));
    assertFalse(r.drift());
    assertEquals(2, r.checks().size(), "the unmeasured chi-square is not checked");
  }
}
