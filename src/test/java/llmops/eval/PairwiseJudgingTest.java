package llmops.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import llmops.io.Dynamo;
import llmops.io.Records;
import llmops.testing.Cli;
import llmops.testing.FakeModelServer;
import llmops.testing.SparkTest;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pairwise judging end to end: three models' answers to ten questions (good knows all, mid the even ones, bad
 * none), a judge behind the OpenAI chat protocol that prefers a right answer to a wrong one, always says "A" on
 * question 7 (position bias) and rambles on question 9. Counts, intervals and the Bradley–Terry order are known.
 */
class PairwiseJudgingTest {
  private static Path dir;

  @BeforeAll
  static void setUp() throws Exception {
    CalledModels.setUp();
    dir = Files.createTempDirectory("pairwise");
  }

  @AfterAll
  static void tearDown() {
    CalledModels.tearDown();
  }

  private static final Pattern ANSWERS = Pattern.compile("(?s)<answer_a>\n(.*?)\n</answer_a>\n<answer_b>\n(.*?)\n</answer_b>");

  static String judge(String prompt) {
    if (prompt.contains("number 7?")) {
      return "{\"reasoning\": \"the first one\", \"winner\": \"A\"}";
    }
    if (prompt.contains("number 9?")) {
      return "Both answers have their merits.";
    }
    Matcher m = ANSWERS.matcher(prompt);
    assertTrue(m.find(), prompt);
    boolean aRight = m.group(1).startsWith("answer");
    boolean bRight = m.group(2).startsWith("answer");
    String winner = aRight == bRight ? "tie" : aRight ? "A" : "B";
    return "Comparing the two.\n```json\n{\"reasoning\": \"correctness\", \"winner\": \"" + winner + "\"}\n```";
  }

  @Test
  void winsTiesAndLossesAreCountedInBothOrdersAndTheModelsRanked() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      lines.add(("{\"id\": \"q%d\", \"question\": \"What is answer number %d?\", \"answer\": \"answer%d\", \"outputs\": {\"good\": \"answer%d\","
          + " \"mid\": \"%s\", \"bad\": \"no idea\"}}").formatted(i, i, i, i, i % 2 == 0 ? "answer" + i : "no idea"));
    }
    Path data = dir.resolve("three.jsonl");
    Files.writeString(data, String.join("\n", lines) + "\n");
    try (FakeModelServer server = new FakeModelServer(PairwiseJudgingTest::judge)) {
      Path config = dir.resolve("pairwise.yaml");
      Files.writeString(config, """
          dataset: {dataset_name: pairwise, model_input_key: question, target_output_key: answer, record_id_key: id}
          models:
            - {name: good, model_output_key: outputs.good}
            - {name: mid, model_output_key: outputs.mid}
            - {name: bad, model_output_key: outputs.bad}
          algorithms:
            - {algorithm: QAAccuracy}
          pairwise:
            criteria: Which answer is correct?
            judge: {model_provider: openai, model_id: judge-model, endpoint_url: "%s/v1"}
          """.formatted(server.uri()));
      Cli.Result result = Cli.run("eval", "--config", config.toString(), "--data_path", data.toString(), "--output_path",
          dir.resolve("out").toString(), "--out_table", "pairwise-test", "--responses_table", "pairwise-responses");
      assertEquals(0, result.exitCode(), result.stdout());
      JsonNode pairwise = result.summary().get("pairwise");
      JsonNode badGood = pair(pairwise, "bad", "good");
      // Question 7's verdict followed the position: a tie, counted as flipped. Question 9's reply had no verdict.
      assertEquals(List.of(10, 0, 1, 8, 1), counts(badGood));
      assertEquals(1, badGood.at("/failures_by_reason").get("no JSON object with \"winner\" in the reply").asInt());
      assertEquals(8 / 9.0, badGood.at("/win_rate_b/rate").asDouble(), 1e-12);
      // Wilson's 95 % interval for 8 of 9, worked out separately from the formula: 0.56500 .. 0.98011.
      assertEquals(0.56500, badGood.at("/win_rate_b/low").asDouble(), 1e-5);
      assertEquals(0.98011, badGood.at("/win_rate_b/high").asDouble(), 1e-5);
      // mid is right on the even questions: 5 wins over bad; 1, 3, 5 (both wrong) and 7 (flipped) are ties.
      assertEquals(List.of(10, 0, 4, 5, 1), counts(pair(pairwise, "bad", "mid")));
      // good beats mid on 1, 3 and 5; the even questions and 7 are ties.
      assertEquals(List.of(10, 3, 6, 0, 1), counts(pair(pairwise, "good", "mid")));
      assertTrue(pairwise.get("bradley_terry_converged").asBoolean());
      List<String> order = new ArrayList<>();
      pairwise.get("bradley_terry").forEach(s -> order.add(s.get("model").asText()));
      assertEquals(List.of("good", "mid", "bad"), order);
      // Every distinct prompt asked once: 3 pairs x 10 questions x 2 orders make 60 prompts, but where two answers are the same
      // text ("no idea" twice) both orders are one prompt, and the same two answers to a question are one prompt for any pair.
      assertTrue(server.answered.values().stream().allMatch(n -> n.get() == 1), server.answered.toString());
      assertEquals(30, server.totalAnswers());
      List<Row> comparisons = SparkTest.spark().read().parquet(result.summary().at("/output/pairwise").asText()).collectAsList();
      assertEquals(30, comparisons.size());
      try (Dynamo dynamo = Dynamo.connect()) {
        assertEquals(Records.read(pairwise, PairwiseRecord.class), new EvaluationStore(dynamo, "pairwise-test").latestPairwise("pairwise").orElseThrow(),
            "the stored item is what the summary says");
      }
    }
  }

  private static JsonNode pair(JsonNode pairwise, String a, String b) {
    for (JsonNode p : pairwise.get("pairs")) {
      if (p.get("model_a").asText().equals(a) && p.get("model_b").asText().equals(b)) {
        return p;
      }
    }
    throw new AssertionError("no pair " + a + ", " + b + " in " + pairwise);
  }

  private static List<Integer> counts(JsonNode pair) {
    return List.of(pair.get("comparisons").asInt(), pair.get("wins_a").asInt(), pair.get("ties").asInt(), pair.get("wins_b").asInt(),
        pair.get("flipped").asInt());
  }
}
