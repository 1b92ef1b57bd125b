package llmops.udfs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class GeneralizedParetoTest {

  @Test
  void theFitReachesScipysMaximumLikelihoodOnExcessesOfKnownShapes() throws Exception {
    for (JsonNode c : StatsVectors.of("gpd_fit")) {
      double[] y = StatsVectors.doubles(c.get("excesses"));
      GeneralizedPareto fit = GeneralizedPareto.fit(y);
      // At least as likely as scipy's optimum (its optimiser stops at a relative tolerance), and the same parameters.
      assertTrue(fit.logLikelihood(y) >= c.get("log_likelihood").asDouble() - 1e-6, fit + " against scipy's " + c.get("xi") + ", " + c.get("sigma"));
      assertEquals(c.get("xi").asDouble(), fit.xi(), 2e-3, "shape");
      assertEquals(c.get("sigma").asDouble(), fit.sigma(), 2e-3 * c.get("sigma").asDouble(), "scale");
    }
  }

  @Test
  void theSurvivalFunctionIsScipysSf() throws Exception {
    for (JsonNode c : StatsVectors.of("gpd_fit")) {
      GeneralizedPareto scipys = new GeneralizedPareto(c.get("xi").asDouble(), c.get("sigma").asDouble());
      double[] at = StatsVectors.doubles(c.get("survival_at"));
      double[] expected = StatsVectors.doubles(c.get("survival"));
      for (int i = 0; i < at.length; i++) {
        assertEquals(expected[i], scipys.survival(at[i]), 1e-12 + 1e-9 * expected[i]);
      }
    }
  }

  @Test
  void theExponentialIsShapeZeroAndABoundedTailEnds() {
    assertEquals(Math.exp(-2), new GeneralizedPareto(0, 1.5).survival(3), 1e-15);
    assertEquals(0, new GeneralizedPareto(-0.5, 1).survival(2.5), "the tail of shape -0.5 and scale 1 ends at 2");
    assertEquals(1, new GeneralizedPareto(0.3, 1).survival(-1));
  }

  @Test
  void excessesMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> GeneralizedPareto.fit(new double[] {1, 0}));
    assertThrows(IllegalArgumentException.class, () -> GeneralizedPareto.fit(new double[] {1}));
  }
}
