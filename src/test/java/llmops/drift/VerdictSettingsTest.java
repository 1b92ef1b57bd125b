package llmops.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import llmops.udfs.drift.Statistic;
import llmops.udfs.drift.Verdict;
import org.junit.jupiter.api.Test;

class VerdictSettingsTest {
  private static VerdictSettings parse(String yaml) throws Exception {
    return VerdictSettings.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }

  @Test
  void theBuiltInRulesAreConfDriftVerdictYaml() throws Exception {
    VerdictSettings settings = VerdictSettings.load(null, null);
    Verdict.Rule auc = settings.rules().stream().filter(r -> r.statistic() == Statistic.DOMAIN_CLASSIFIER_AUC).findFirst().orElseThrow();
    assertEquals(0.55, auc.threshold());
    assertEquals(Verdict.Direction.ABOVE, auc.direction());
    Verdict.Rule chi = settings.rules().stream().filter(r -> r.statistic() == Statistic.CHI_SQUARE_P_VALUE).findFirst().orElseThrow();
    assertFalse(chi.decides());
    assertEquals(5000, settings.comparisonSample());
  }

  @Test
  void aUsersFileChangesOnlyWhatItNames() throws Exception {
    VerdictSettings defaults = VerdictSettings.load(null, null);
    VerdictSettings s = parse("rules:\n  psi: {above: 0.3}\n  chi_square_p_value: {below: 0.01, decides: true}\n"
        + "parameters:\n  comparison_sample: 800\n");
    assertEquals(defaults.rules().size(), s.rules().size());
    Verdict.Rule psi = s.rules().stream().filter(r -> r.statistic() == Statistic.PSI).findFirst().orElseThrow();
    assertEquals(0.3, psi.threshold());
    assertTrue(s.rules().stream().filter(r -> r.statistic() == Statistic.CHI_SQUARE_P_VALUE).findFirst().orElseThrow().decides());
    assertEquals(800, s.comparisonSample());
    assertEquals(defaults.outsideQuantile(), s.outsideQuantile());
  }

  @Test
  void aMisspeltStatisticIsAnError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("rules:\n  pis: {above: 0.2}\n"));
    assertTrue(e.getMessage().contains("'pis'"), e.getMessage());
  }

  @Test
  void aRuleNeedsExactlyOneDirection() {
    assertThrows(IllegalArgumentException.class, () -> parse("rules:\n  psi: {above: 0.2, below: 0.1}\n"));
    assertThrows(IllegalArgumentException.class, () -> parse("rules:\n  psi: {threshold: 0.2}\n"));
  }

  @Test
  void anUnknownParameterIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> parse("parameters:\n  comparison_samples: 10\n"));
  }

  @Test
  void theBuiltInCalibrationReportsBesideTheFixedRulesWithoutDeciding() throws Exception {
    VerdictSettings settings = VerdictSettings.load(null, null);
    assertTrue(settings.calibration().enabled());
    assertFalse(settings.calibration().decides(), "a SNAPSHOT with no new settings decides as before");
    assertEquals(200, settings.calibration().resamples());
    assertEquals(0.01, settings.calibration().thresholds().driftFdr());
    assertEquals(0.05, settings.calibration().thresholds().warningFdr());
    assertEquals(new VerdictSettings.History(10, 3, 5), settings.history());
  }

  @Test
  void aUsersFileChangesOneCalibrationSettingAndKeepsTheOthers() throws Exception {
    VerdictSettings s = parse("calibration:\n  decides: true\n  resamples: 500\n");
    assertTrue(s.calibration().decides());
    assertEquals(500, s.calibration().resamples());
    assertEquals(20, s.calibration().refitResamples());
  }

  @Test
  void calibrationSettingsOutOfOrderOrUnknownAreErrors() {
    IllegalArgumentException order = assertThrows(IllegalArgumentException.class,
        () -> parse("calibration: { drift_fdr: 0.1, warning_fdr: 0.05 }\n"));
    assertTrue(order.getMessage().contains("drift_fdr <= warning_fdr"), order.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> parse("calibration: { alpha: 0.1 }\n"));
    assertTrue(unknown.getMessage().contains("'alpha'"), unknown.getMessage());
    IllegalArgumentException level = assertThrows(IllegalArgumentException.class, () -> parse("history: { level: severe }\n"));
    assertTrue(level.getMessage().contains("'severe'"), level.getMessage());
  }
}
