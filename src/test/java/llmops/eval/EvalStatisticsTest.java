package llmops.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import llmops.io.Dynamo;
import llmops.testing.Cli;
import llmops.testing.LocalServices;
import llmops.udfs.stats.BootstrapMeans;
import llmops.udfs.stats.McNemar;
import llmops.udfs.stats.PercentileInterval;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Intervals and paired comparisons through the eval CLI, on 300 yes/no questions with known answers:
 * {@code strong} answers 240 right (every i not divisible by 5), {@code twin} is strong with 7 of its
 * right answers made wrong and 5 wrong ones made right (238 right: within noise of strong), {@code
 * weak} answers the even i right (150).
 */
class EvalStatisticsTest {
  private static final int RECORDS = 300;
  private static final Set<Integer> TWIN_WRONG = Set.of(1, 2, 3, 4, 6, 7, 8);
  private static final Set<Integer> TWIN_RIGHT = Set.of(0, 5, 10, 15, 20);
  private static final IntPredicate STRONG = i -> i % 5 != 0;
  private static final IntPredicate TWIN = i -> TWIN_RIGHT.contains(i) || (STRONG.test(i) && !TWIN_WRONG.contains(i));
  private static final IntPredicate WEAK = i -> i % 2 == 0;

  @TempDir
  static Path dir;
  static Path data;

  @BeforeAll
  static void dataset() throws Exception {
    data = dir.resolve("questions.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      lines.add(String.format("{\"id\": \"q%d\", \"question\": \"Is %d a number?\", \"answer\": \"yes\", \"parity\": \"%s\", "
          + "\"strong\": \"%s\", \"twin\": \"%s\", \"weak\": \"%s\"}", i, i, i % 2 == 0 ? "even" : "odd", yesNo(STRONG, i), yesNo(TWIN, i),
          yesNo(WEAK, i)));
    }
    Files.write(data, lines);
  }

  private static String yesNo(IntPredicate right, int i) {
    return right.test(i) ? "yes" : "no";
  }

  private static Cli.Result eval(String name, String statistics) throws Exception {
    Path config = dir.resolve(name + ".yaml");
    Files.writeString(config, """
        dataset: {dataset_name: %s, model_input_key: question, target_output_key: answer, category_key: parity, record_id_key: id}
        models:
          - {name: strong, model_output_key: strong}
          - {name: twin, model_output_key: twin}
          - {name: weak, model_output_key: weak}
        algorithms: [{algorithm: QAAccuracy}]
        selection: {quality_score: exact_match_score}
        %s
        """.formatted(name, statistics));
    Cli.Result run = Cli.run("eval", "--config", config.toString(), "--data_path", data.toString(), "--output_path",
        dir.resolve(name).toString(), "--out_table", "eval-statistics", "--run_id", "1800000000");
    assertEquals(0, run.exitCode(), run.stdout());
    return run;
  }

  /**
   * The stored interval is the one the pure bootstrap gives for the same record keys and scores,
   * added in order on one thread: local[2], a shuffle and merged partial states change nothing.
   */
  @Test
  void everyMeanGetsTheIntervalOfThePoissonBootstrapOverItsRecords() throws Exception {
    eval("intervals", "statistics: {bootstrap_replicates: 500, confidence: 0.9, seed: 7}");
    try (Dynamo dynamo = new Dynamo(LocalServices.dynamoDbClient(), true)) {
      EvalRunRecord strong = new EvaluationStore(dynamo, "eval-statistics").history("intervals", "strong").get(0);
      assertEquals(new EvalRunRecord.Statistics("poisson_bootstrap_percentile", 500, 0.9, 7), strong.statistics());
      PercentileInterval expected = expected(STRONG, i -> true, 500, 7, 0.9);
      EvalScores.Interval stored = strong.scores().interval("exact_match_score");
      assertEquals(expected.low(), stored.low(), 1e-12);
      assertEquals(expected.high(), stored.high(), 1e-12);
      assertTrue(stored.low() < 0.8 && 0.8 < stored.high(), "the mean 0.8 is inside " + stored);
      PercentileInterval odd = expected(STRONG, i -> i % 2 == 1, 500, 7, 0.9);
      assertEquals(odd.low(), strong.categoryScores().get("odd").interval("exact_match_score").low(), 1e-12);
      assertEquals(odd.high(), strong.categoryScores().get("odd").interval("exact_match_score").high(), 1e-12);
      for (String score : EvalAlgorithm.QA_ACCURACY.scores()) {
        assertTrue(strong.scores().intervals().containsKey(score), "every score has an interval: " + score);
      }
    }
  }

  private static PercentileInterval expected(IntPredicate right, IntPredicate inGroup, int replicates, long seed, double confidence) {
    BootstrapMeans bootstrap = new BootstrapMeans(1, 0, replicates, seed);
    for (int i = 0; i < RECORDS; i++) {
      if (inGroup.test(i)) {
        bootstrap.add("q" + i, new double[] {right.test(i) ? 1 : 0}, null);
      }
    }
    return bootstrap.interval(0, confidence);
  }

  /**
   * strong vs weak: 120 records only strong got right, 30 only weak: McNemar's p is tiny. strong vs
   * twin: 7 against 5, p = 0.77: within noise, so the selection says the lead is not significant
   * and, with no latency or cost measured, keeps the higher mean and says that decided it.
   */
  @Test
  void theSelectionSaysWhetherTheLeadIsSignificant() throws Exception {
    Cli.Result run = eval("selection", "");
    assertEquals("strong", run.summary().get("chosen_model").asText());
    try (Dynamo dynamo = new Dynamo(LocalServices.dynamoDbClient(), true)) {
      SelectionRecord selection = new EvaluationStore(dynamo, "eval-statistics").latestSelection("selection").orElseThrow();
      assertEquals("strong", selection.qualityLeader());
      assertFalse(selection.leadSignificant());
      assertEquals(List.of("twin"), selection.withinNoiseOfLeader());
      assertEquals("quality_within_noise", selection.decidedBy());
      assertEquals(0.05, selection.alpha(), 1e-12);
      assertTrue(selection.verdict().contains("within noise"), selection.verdict());
      Map<String, SelectionRecord.Comparison> pairs = new java.util.HashMap<>();
      selection.comparisons().forEach(c -> pairs.put(c.modelA() + "-" + c.modelB(), c));
      SelectionRecord.Comparison twin = pairs.get("strong-twin");
      assertEquals("mcnemar_exact", twin.test());
      assertEquals(RECORDS, twin.pairs());
      assertEquals(7L, twin.onlyA());
      assertEquals(5L, twin.onlyB());
      assertEquals(2.0 / RECORDS, twin.meanDifference(), 1e-12);
      assertEquals(McNemar.exactPValue(7, 5), twin.pValue(), 1e-15);
      assertFalse(twin.significant());
      SelectionRecord.Comparison weak = pairs.get("strong-weak");
      assertEquals(120L, weak.onlyA());
      assertEquals(30L, weak.onlyB());
      assertEquals(0.3, weak.meanDifference(), 1e-12);
      // Three pairs: Holm multiplies the smallest p-value by 3.
      assertEquals(Math.min(1, 3 * McNemar.exactPValue(120, 30)), weak.pAdjusted(), 1e-15);
      assertTrue(weak.significant());
      assertTrue(weak.low() > 0.2 && weak.high() < 0.4, "the paired interval of a 0.3 difference: " + weak.low() + ".." + weak.high());
    }
  }

  /** Without a bootstrap there are no intervals and no tests, and the selection says it cannot tell noise from a lead. */
  @Test
  void noReplicatesMeansNoIntervalsAndNoTests() throws Exception {
    Cli.Result run = eval("plain", "statistics: {bootstrap_replicates: 0}");
    JsonNode strong = run.summary().get("models").get(0);
    assertFalse(strong.get("scores").has("intervals"), strong.toString());
    try (Dynamo dynamo = new Dynamo(LocalServices.dynamoDbClient(), true)) {
      EvaluationStore store = new EvaluationStore(dynamo, "eval-statistics");
      assertNull(store.history("plain", "strong").get(0).statistics());
      SelectionRecord selection = store.latestSelection("plain").orElseThrow();
      assertEquals("strong", selection.chosenModel());
      assertNull(selection.leadSignificant());
      assertNull(selection.comparisons());
      assertTrue(selection.verdict().contains("no statistics"), selection.verdict());
    }
  }
}
