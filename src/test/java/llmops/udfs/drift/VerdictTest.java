package llmops.udfs.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {
  private static final List<Verdict.Rule> RULES = List.of(
      new Verdict.Rule(Statistic.PSI, Verdict.Direction.ABOVE, 0.2, true),
      new Verdict.Rule(Statistic.CHI_SQUARE_P_VALUE, Verdict.Direction.BELOW, 0.001, false),
      new Verdict.Rule(Statistic.DOMAIN_CLASSIFIER_AUC, Verdict.Direction.ABOVE, 0.55, true));

  @Test
  void noRuleCrossedIsNoDrift() {
    Verdict.Result r = Verdict.decide(RULES, Map.of(Statistic.PSI, 0.05, Statistic.CHI_SQUARE_P_VALUE, 0.3, Statistic.DOMAIN_CLASSIFIER_AUC, 0.51));
    assertFalse(r.drift());
    assertEquals(3, r.checks().size());
  }

  @Test
  void aDecidingRuleCrossedIsDrift() {
    Verdict.Result r = Verdict.decide(RULES, Map.of(Statistic.PSI, 0.05, Statistic.CHI_SQUARE_P_VALUE, 0.3, Statistic.DOMAIN_CLASSIFIER_AUC, 0.8));
    assertTrue(r.drift());
    assertEquals(List.of(Statistic.DOMAIN_CLASSIFIER_AUC), r.triggered().stream().map(c -> c.rule().statistic()).toList());
  }

  @Test
  void aReportOnlyRuleCrossedIsReportedButIsNotDrift() {
    Verdict.Result r = Verdict.decide(RULES, Map.of(Statistic.PSI, 0.05, Statistic.CHI_SQUARE_P_VALUE, 1e-9, Statistic.DOMAIN_CLASSIFIER_AUC, 0.5));
    assertFalse(r.drift());
    assertTrue(r.checks().get(1).crossed());
  }

  @Test
  void aRuleAskingForSignificanceCrossesOnlyWhenThePValueIsSmallToo() {
    List<Verdict.Rule> rules = List.of(new Verdict.Rule(Statistic.DOMAIN_CLASSIFIER_AUC, Verdict.Direction.ABOVE, 0.55, true, 0.001));
    assertFalse(Verdict.decide(rules, Map.of(Statistic.DOMAIN_CLASSIFIER_AUC, 0.56, Statistic.DOMAIN_CLASSIFIER_AUC_P_VALUE, 0.01)).drift(),
        "a small sample's chance AUC of 0.56");
    assertTrue(Verdict.decide(rules, Map.of(Statistic.DOMAIN_CLASSIFIER_AUC, 0.56, Statistic.DOMAIN_CLASSIFIER_AUC_P_VALUE, 1e-6)).drift());
    assertFalse(Verdict.decide(rules, Map.of(Statistic.DOMAIN_CLASSIFIER_AUC, 0.54, Statistic.DOMAIN_CLASSIFIER_AUC_P_VALUE, 1e-9)).drift(),
        "significant but below the effect size that matters");
  }

  @Test
  void thresholdsAreStrictAndUndefinedValuesNeverCross() {
    Verdict.Result r = Verdict.decide(RULES, Map.of(Statistic.PSI, 0.2, Statistic.DOMAIN_CLASSIFIER_AUC, Double.NaN));
    assertFalse(r.drift());
    assertEquals(2, r.checks().size(), "the unmeasured chi-square is not checked");
  }
}
