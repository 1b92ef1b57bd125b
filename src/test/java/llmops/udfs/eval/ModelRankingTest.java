package llmops.udfs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelRankingTest {
  static final List<ModelRanking.Candidate> MODELS = List.of(
      new ModelRanking.Candidate("big", 0.9, 400.0, 2.0),
      new ModelRanking.Candidate("mid", 0.8, 200.0, 1.0),
      new ModelRanking.Candidate("small", 0.5, 100.0, 0.5));

  @Test
  void qualityAloneRanksByQuality() {
    ModelRanking.Result r = ModelRanking.rank(MODELS, 1, 0, 0);
    assertEquals(List.of("big", "mid", "small"), r.ranking().stream().map(ModelRanking.Ranked::model).toList());
    assertEquals(1.0, r.ranking().get(0).score(), 1e-12);
    assertEquals(0.75, r.ranking().get(1).score(), 1e-12, "(0.8 - 0.5) / (0.9 - 0.5)");
  }

  @Test
  void weightsTradeQualityForLatencyAndCost() {
    // mid: quality 0.75, latency (400-200)/300 = 2/3, cost (2-1)/1.5 = 2/3 -> (0.75 + 2/3 + 2/3) / 3
    ModelRanking.Result r = ModelRanking.rank(MODELS, 1, 1, 1);
    assertEquals("mid", r.chosen());
    assertEquals((0.75 + 2.0 / 3 + 2.0 / 3) / 3, r.ranking().get(0).score(), 1e-12);
  }

  @Test
  void aCriterionSomeModelLacksIsDroppedForAll() {
    List<ModelRanking.Candidate> models = List.of(new ModelRanking.Candidate("called", 0.6, 100.0, null),
        new ModelRanking.Candidate("from-dataset", 0.7, null, null));
    ModelRanking.Result r = ModelRanking.rank(models, 0.5, 0.5, 0);
    assertEquals(List.of("latency"), r.criteriaDropped());
    assertEquals("from-dataset", r.chosen());
  }

  @Test
  void equalModelsTieOnScoreAndAreOrderedByQualityThenName() {
    List<ModelRanking.Candidate> models = List.of(new ModelRanking.Candidate("b", 0.5, 10.0, null), new ModelRanking.Candidate("a", 0.5, 10.0, null));
    assertEquals(List.of("a", "b"), ModelRanking.rank(models, 1, 1, 0).ranking().stream().map(ModelRanking.Ranked::model).toList());
  }

  /** big's lead over mid is noise: both count as 0.9, so the faster mid is chosen, and the ranking says latency decided. */
  @Test
  void aQualityLeadWithinNoiseIsDecidedByLatency() {
    ModelRanking.Result r = ModelRanking.rank(MODELS, 1, 0, 0, Set.of("mid"));
    assertEquals(List.of("mid", "big", "small"), r.ranking().stream().map(ModelRanking.Ranked::model).toList());
    assertEquals("latency", r.decidedBy());
    assertEquals(0.8, r.ranking().get(0).quality(), 0.0, "the measured quality is kept");
  }

  @Test
  void equalLatencyWithinNoiseIsDecidedByCost() {
    List<ModelRanking.Candidate> models = List.of(new ModelRanking.Candidate("a", 0.9, 100.0, 3.0),
        new ModelRanking.Candidate("b", 0.85, 100.0, 1.0));
    ModelRanking.Result r = ModelRanking.rank(models, 1, 0, 0, Set.of("b"));
    assertEquals("b", r.chosen());
    assertEquals("cost", r.decidedBy());
  }

  /** Answers from the dataset: no latency or cost to fall back on, so the higher mean stays first and the result says it was noise. */
  @Test
  void withinNoiseAndNothingElseMeasuredTheHigherMeanStaysFirstAndSaysSo() {
    List<ModelRanking.Candidate> models = List.of(new ModelRanking.Candidate("a", 0.7, null, null),
        new ModelRanking.Candidate("b", 0.72, null, null));
    ModelRanking.Result r = ModelRanking.rank(models, 1, 0, 0, Set.of("a"));
    assertEquals("b", r.chosen());
    assertEquals("quality_within_noise", r.decidedBy());
  }

  @Test
  void aSignificantLeadIsDecidedByQuality() {
    assertEquals("quality", ModelRanking.rank(MODELS, 1, 0, 0, Set.of()).decidedBy());
    assertEquals("weighted_score", ModelRanking.rank(MODELS, 1, 1, 1, Set.of()).decidedBy());
  }
}
