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
}
