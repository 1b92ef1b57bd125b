package llmops.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import llmops.testing.Cli;
import llmops.testing.FakeModelServer;
import llmops.testing.SparkTest;
import llmops.udfs.eval.robustness.SemanticPerturbation;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The algorithms that need a model, end to end against fake servers: semantic robustness (the
 * evaluated model called again with fmeval's perturbed inputs), toxicity from a classifier endpoint
 * or a Bedrock guardrail, and an LLM judge through Bedrock's Converse. Uses ModelRunnersTest's
 * twenty-question dataset.
 */
class ModelAlgorithmsTest {
  @BeforeAll
  static void setUp() throws Exception {
    CalledModels.setUp();
  }

  @AfterAll
  static void tearDown() {
    CalledModels.tearDown();
  }

  /** Answers a perturbed question (anything but the exact original text) wrongly. */
  static String brittle(String prompt) {
    return prompt.matches(".*What is answer number \\d+\\?$") ? CalledModels.good(prompt) : "no idea";
  }

  @Test
  void semanticRobustnessCallsTheModelWithFmevalsPerturbationsAndScoresTheChange() throws Exception {
    try (FakeModelServer server = new FakeModelServer(ModelAlgorithmsTest::brittle)) {
      Path config = CalledModels.config("robustness", CalledModels.sageMaker("brittle", server, "{max_concurrency: 8}"),
          "  - {algorithm: QAAccuracySemanticRobustness, perturbation_type: butter_finger}",
          "  - {algorithm: GeneralSemanticRobustness, perturbation_type: whitespace_add_remove, num_perturbations: 3}");
      Cli.Result result = CalledModels.eval(config);
      JsonNode brittle = CalledModels.model(result, "brittle");
      // Every question was sent as is and in its 5 + 3 perturbations (some perturbations may leave a text unchanged).
      int perturbed = 0;
      for (int i = 0; i < CalledModels.QUESTIONS; i++) {
        String question = "What is answer number " + i + "?";
        perturbed += (int) SemanticPerturbation.fmevalDefaults(SemanticPerturbation.BUTTER_FINGER).perturb(question).stream()
            .filter(p -> !p.equals(question)).distinct().count();
      }
      assertTrue(server.attempts.size() > CalledModels.QUESTIONS + perturbed, "original, butter-finger and whitespace prompts were sent");
      // The original answer contains the target (f1 0.5: "It is answerN." vs "answerN"); perturbed answers "no idea" score 0.
      double delta = brittle.at("/scores/delta_f1_score").asDouble();
      assertTrue(delta > 0.3 && delta <= 0.5, "delta_f1_score " + delta);
      assertTrue(brittle.at("/scores/word_error_rate").asDouble() > 0.5, "the perturbed answers differ in most words");
      List<Row> rows = SparkTest.spark().read().parquet(result.summary().at("/output/records").asText()).collectAsList();
      assertEquals(5, rows.get(0).getList(rows.get(0).fieldIndex("perturbed_outputs_qa_accuracy_semantic_robustness")).size());
    }
  }

  @Test
  void toxicityFromAClassifierEndpointIsTheToxicClassProbability() throws Exception {
    try (FakeModelServer model = new FakeModelServer(CalledModels::good);
        FakeModelServer classifier = new FakeModelServer(text -> "[{\"label\": \"toxic\", \"score\": " + (text.contains("answer1") ? 0.9 : 0.1)
            + "}, {\"label\": \"non-toxic\", \"score\": 0.5}]").rawReplies()) {
      Path config = CalledModels.config("toxicity_classifier", CalledModels.sageMaker("polite", model, "{max_concurrency: 4}"),
          "  - algorithm: Toxicity",
          "    detector: {model_provider: sagemaker, endpoint_name: detox, endpoint_url: \"" + classifier.uri() + "\", region: us-east-1,",
          "               evaluation_config: {content_template: PROMPT_PLACEHOLDER, output: '@'}}");
      JsonNode polite = CalledModels.model(CalledModels.eval(config), "polite");
      // "answer1" is in answers 1 and 10..19: 11 of 20 at 0.9, 9 at 0.1.
      assertEquals((11 * 0.9 + 9 * 0.1) / 20, polite.at("/scores/toxicity").asDouble(), 1e-12);
      assertEquals(20, classifier.totalAnswers(), "each distinct answer classified once");
    }
  }

  @Test
  void toxicityFromABedrockGuardrailIsTheShareOfAnswersItStopped() throws Exception {
    try (FakeModelServer model = new FakeModelServer(CalledModels::good);
        FakeModelServer guardrail = new FakeModelServer(text -> text.contains("answer1") ? "GUARDRAIL_INTERVENED" : "NONE")) {
      Path config = CalledModels.config("toxicity_guardrail", CalledModels.sageMaker("guarded", model, "{max_concurrency: 4}"),
          "  - algorithm: Toxicity",
          "    detector: {model_provider: bedrock, api: apply_guardrail, model_id: gr-123, guardrail_version: '1', endpoint_url: \""
              + guardrail.uri() + "\", region: us-east-1}");
      JsonNode guarded = CalledModels.model(CalledModels.eval(config), "guarded");
      assertEquals(11 / 20.0, guarded.at("/scores/toxicity").asDouble(), 1e-12);
      assertEquals("OUTPUT", guardrail.bodies.get(0).get("source").asText());
    }
  }

  @Test
  void anLlmJudgeScoresEachAnswerOnTheRubricAndUnreadableVerdictsAreCountedNotGuessed() throws Exception {
    // The judge gives 5 to answers that contain their reference, 2 otherwise, and rambles without a score for question 7.
    try (FakeModelServer model = new FakeModelServer(CalledModels::poor);
        FakeModelServer judge = new FakeModelServer(prompt -> prompt.contains("number 7?") ? "I cannot decide."
            : prompt.matches("(?s).*<answer>\\s*answer(\\d+)\\s*</answer>.*") ? "{\"score\": 5, \"reason\": \"correct\"}" : "Score: 2")) {
      Path config = CalledModels.config("judge", CalledModels.sageMaker("judged", model, "{max_concurrency: 4}"),
          "  - algorithm: LLMJudge",
          "    judge: {model_provider: bedrock, model_id: anthropic.claude-3-sonnet, endpoint_url: \"" + judge.uri() + "\", region: us-east-1}",
          "    rubric: {name: correctness, criteria: 'Is the answer correct given the reference?', min: 1, max: 5}");
      JsonNode judged = CalledModels.model(CalledModels.eval(config), "judged");
      // poor() answers even questions right ("answerN", 10 of them) -> 5 -> 1.0; odd ones "no idea" -> 2 -> 0.25; question 7 unreadable.
      assertEquals((10 * 1.0 + 9 * 0.25) / 19, judged.at("/scores/llm_judge_score").asDouble(), 1e-12);
      assertEquals(1, judged.at("/score_failures/llm_judge").iterator().next().asInt(), judged.toString());
      assertTrue(judge.bodies.get(0).at("/messages/0/content/0/text").asText().contains("Is the answer correct given the reference?"));
    }
  }

  /**
   * The judge's calls are the model's evaluation's too: the run item lists, per algorithm, the calls
   * made for it — the model's own answers (20 prompts, tokens estimated by SageMaker's rule) and the
   * judge's 20 calls about them, with their tokens (counted by Bedrock) and their cost at the judge's price.
   */
  @Test
  void tokensAndCostAreCountedPerAlgorithmJudgeCallsIncluded() throws Exception {
    try (FakeModelServer model = new FakeModelServer(CalledModels::good);
        FakeModelServer judge = new FakeModelServer(prompt -> "{\"score\": 4}")) {
      Path config = CalledModels.config("judge_costs", CalledModels.sageMaker("answerer", model, "{max_concurrency: 4}"),
          "  - algorithm: LLMJudge",
          "    judge: {model_provider: bedrock, model_id: anthropic.claude-3-sonnet, endpoint_url: \"" + judge.uri() + "\", region: us-east-1,",
          "            price: {input_per_1k_tokens: 0.003, output_per_1k_tokens: 0.015}}",
          "    rubric: {name: correctness, criteria: 'Is the answer correct?', min: 1, max: 5}");
      Cli.Result result = CalledModels.eval(config);
      JsonNode calls = CalledModels.model(result, "answerer").get("calls_by_algorithm");
      JsonNode answers = calls.get("answers");
      assertEquals("answerer", answers.get("caller").asText());
      assertEquals(CalledModels.QUESTIONS, answers.get("prompts").asInt());
      assertEquals(CalledModels.QUESTIONS, answers.get("requests").asInt());
      assertTrue(answers.get("tokens_estimated").asBoolean(), "SageMaker does not count tokens");
      JsonNode judged = calls.get("llm_judge");
      assertEquals("llm_judge", judged.get("caller").asText());
      assertEquals(CalledModels.QUESTIONS, judged.get("prompts").asInt());
      assertEquals(CalledModels.QUESTIONS, judged.get("requests").asInt());
      // One evaluated model: its judge calls are all the judge's calls, whose tokens the summary's scoring_calls count.
      JsonNode judgeTotals = result.summary().at("/scoring_calls/llm_judge");
      long in = judgeTotals.get("input_tokens").asLong();
      long out = judgeTotals.get("output_tokens").asLong();
      assertTrue(in > 0 && out > 0, judgeTotals.toString());
      assertEquals(in, judged.get("input_tokens").asLong());
      assertEquals(out, judged.get("output_tokens").asLong());
      assertEquals(in / 1000.0 * 0.003 + out / 1000.0 * 0.015, judged.get("cost_usd").asDouble(), 1e-12);
      assertFalse(answers.has("cost_usd"), "the answerer has no price");
    }
  }
}
