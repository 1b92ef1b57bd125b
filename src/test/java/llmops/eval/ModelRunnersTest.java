package llmops.eval;

import static llmops.eval.CalledModels.QUESTIONS;
import static llmops.eval.CalledModels.config;
import static llmops.eval.CalledModels.data;
import static llmops.eval.CalledModels.dir;
import static llmops.eval.CalledModels.eval;
import static llmops.eval.CalledModels.model;
import static llmops.eval.CalledModels.sageMaker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import llmops.testing.ChildJvm;
import llmops.testing.Cli;
import llmops.testing.FakeModelServer;
import llmops.testing.LocalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The eval job calling models: each protocol through its real client (AWS SDK or the JDK's HTTP
 * client) against a {@link FakeModelServer} on loopback, with DynamoDB Local keeping the answers.
 * The dataset has twenty trivia questions; a "good" model knows every answer, a "poor" one half.
 */
class ModelRunnersTest {
  @BeforeAll
  static void setUp() throws Exception {
    CalledModels.setUp();
  }

  @AfterAll
  static void tearDown() {
    CalledModels.tearDown();
  }

  @Test
  void sageMakerEndpointsGetTheSamplesRequestAndTheirAnswersAreScored() throws Exception {
    try (FakeModelServer server = new FakeModelServer(CalledModels::poor)) {
      Cli.Result result = eval(config("sm_request", sageMaker("llama", server, "{max_concurrency: 4}")));
      JsonNode llama = model(result, "llama");
      assertEquals(0.5, llama.at("/scores/factual_knowledge").asDouble(), 1e-12, "the even half is known");
      assertEquals(QUESTIONS, llama.at("/invocation/answered").asInt());
      assertEquals(QUESTIONS, llama.at("/invocation/requests").asInt());
      assertTrue(llama.at("/invocation/tokens_estimated").asBoolean(), "InvokeEndpoint reports no tokens");
      JsonNode body = server.bodies.get(0);
      assertEquals("user", body.at("/inputs/0/0/role").asText());
      assertTrue(body.at("/inputs/0/0/content").asText().startsWith("Answer briefly. What is answer number "));
      assertEquals(50, body.at("/parameters/max_new_tokens").asInt());
      assertEquals("llama-lora", body.at("/adapters").asText());
      Map<String, List<String>> headers = server.headers.get(0);
      assertEquals(List.of("accept_eula=true"), headers.get("X-amzn-sagemaker-custom-attributes"));
      assertEquals(List.of("llama-component"), headers.get("X-amzn-sagemaker-inference-component"));
    }
  }

  @Test
  void bedrockConverseReportsTheServicesTokenCountsAndTheCostOfThem() throws Exception {
    try (FakeModelServer server = new FakeModelServer(CalledModels::good)) {
      Cli.Result result = eval(config("bedrock_converse", """
          - name: claude
            model_provider: bedrock
            model_id: anthropic.claude-3-haiku
            endpoint_url: %s
            region: us-east-1
            evaluation_config:
              inference_parameters: {max_new_tokens: 64, top_p: 0.9}
            price: {input_per_1k_tokens: 1.0, output_per_1k_tokens: 2.0}
          """.formatted(server.uri())));
      JsonNode claude = model(result, "claude");
      assertEquals(1.0, claude.at("/scores/factual_knowledge").asDouble(), 1e-12);
      // Five words a question ("What is answer number N?"), three an answer ("It is answerN.").
      assertEquals(5 * QUESTIONS, claude.at("/invocation/input_tokens").asLong());
      assertEquals(3 * QUESTIONS, claude.at("/invocation/output_tokens").asLong());
      assertTrue(!claude.at("/invocation/tokens_estimated").asBoolean());
      assertEquals(5 * QUESTIONS / 1000.0 * 1.0 + 3 * QUESTIONS / 1000.0 * 2.0, claude.at("/invocation/cost_usd").asDouble(), 1e-12);
      assertEquals(64, server.bodies.get(0).at("/inferenceConfig/maxTokens").asInt());
    }
  }

  @Test
  void bedrockInvokeModelSendsTheModelsOwnBody() throws Exception {
    try (FakeModelServer server = new FakeModelServer(CalledModels::good)) {
      Cli.Result result = eval(config("bedrock_invoke", """
          - name: raw
            model_provider: bedrock
            api: invoke_model
            model_id: anthropic.claude-v2
            endpoint_url: %s
            region: us-east-1
            evaluation_config:
              output: completion
              content_template: {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 20, "messages": [{"role": "user", "content": "PROMPT_PLACEHOLDER"}]}
          """.formatted(server.uri())));
      assertEquals(1.0, model(result, "raw").at("/scores/factual_knowledge").asDouble(), 1e-12);
      assertEquals(5 * QUESTIONS, model(result, "raw").at("/invocation/input_tokens").asLong(), "from the token-count headers");
      assertEquals("bedrock-2023-05-31", server.bodies.get(0).get("anthropic_version").asText());
    }
  }

  @Test
  void openAiCompatibleServersAnswerThroughChatAndTextCompletions() throws Exception {
    try (FakeModelServer server = new FakeModelServer(CalledModels::good)) {
      Cli.Result result = eval(config("openai", """
          - {name: chat, model_provider: openai, model_id: llama3, endpoint_url: "%s/v1", evaluation_config: {inference_parameters: {max_new_tokens: 30}}}
          - {name: text, model_provider: openai, api: completions, model_id: llama3, endpoint_url: "%s/v1"}
          """.formatted(server.uri(), server.uri())));
      assertEquals(1.0, model(result, "chat").at("/scores/factual_knowledge").asDouble(), 1e-12);
      assertEquals(1.0, model(result, "text").at("/scores/factual_knowledge").asDouble(), 1e-12);
      assertTrue(server.bodies.stream().anyMatch(b -> b.path("max_tokens").asInt() == 30), "max_new_tokens is sent as max_tokens");
      assertEquals(5 * QUESTIONS, model(result, "text").at("/invocation/input_tokens").asLong());
    }
  }

  @ParameterizedTest
  @EnumSource(FakeModelServer.Fault.class)
  void transientFailuresAreRetriedAndEveryPromptIsAnsweredExactlyOnce(FakeModelServer.Fault fault) throws Exception {
    try (FakeModelServer server = new FakeModelServer(CalledModels::good).failFirstAttempts(0.3, fault)) {
      Cli.Result result = eval(config("faults_" + fault.name().toLowerCase(), sageMaker("flaky", server, "{max_concurrency: 4}")));
      JsonNode flaky = model(result, "flaky");
      assertEquals(QUESTIONS, flaky.get("scored").asInt(), "nothing lost");
      assertEquals(1.0, flaky.at("/scores/factual_knowledge").asDouble(), 1e-12);
      assertTrue(server.answered.values().stream().allMatch(n -> n.get() == 1), "answered once each: " + server.answered);
      int failedFirst = (int) server.attempts.values().stream().filter(n -> n.get() == 2).count();
      assertTrue(failedFirst > 0, "the fault was injected");
      assertEquals(QUESTIONS + failedFirst, server.totalAttempts());
      assertEquals(QUESTIONS + failedFirst, flaky.at("/invocation/requests").asInt());
    }
  }

  @Test
  void requestsTheModelRejectsAreNotRetriedAndAreCountedAsErrors() throws Exception {
    try (FakeModelServer server = new FakeModelServer(CalledModels::good).reject("number 1")) {
      Cli.Result result = eval(config("rejected", sageMaker("strict", server, "{max_concurrency: 4}")));
      JsonNode strict = model(result, "strict");
      // "number 1?" and "number 10?" .. "number 19?" contain "number 1": 11 questions.
      assertEquals(11, strict.at("/errors_by_reason/invocation_client_error").asInt());
      assertEquals(11, strict.at("/invocation/errors_by_kind/client_error").asInt());
      assertEquals(QUESTIONS - 11, strict.get("scored").asInt());
      assertTrue(server.attempts.entrySet().stream().filter(e -> e.getKey().contains("number 1")).allMatch(e -> e.getValue().get() == 1));
    }
  }

  @Test
  void aRerunAsksTheModelNothingItHasAnswered() throws Exception {
    try (FakeModelServer server = new FakeModelServer(CalledModels::good)) {
      Path config = config("rerun", sageMaker("kept", server, "{max_concurrency: 4}"));
      eval(config, "--run_id", "first");
      Cli.Result second = eval(config, "--run_id", "second");
      assertEquals(QUESTIONS, server.totalAnswers(), "no prompt answered twice");
      assertEquals(QUESTIONS, model(second, "kept").at("/invocation/from_store").asInt());
      assertEquals(0, model(second, "kept").at("/invocation/requests").asInt());
      assertEquals(1.0, model(second, "kept").at("/scores/factual_knowledge").asDouble(), 1e-12);
    }
  }

  /**
   * The job in its own JVM, killed (SIGKILL) once a third of the prompts are answered, then run again:
   * every prompt ends up answered and scored, and only what was in flight at the kill is asked again:
   * answered by the server but never received, or received but not kept yet. Each of the 2 tasks
   * has max_concurrency (2) threads holding one such call at most, so at most 4.
   */
  @Test
  void aRunKilledMidwayResumesWithoutLosingOrRepeatingAnswers() throws Exception {
    try (FakeModelServer server = new FakeModelServer(CalledModels::good).latency(200)) {
      Path config = config("killed", sageMaker("resumed", server, "{max_concurrency: 2}"));
      Process job = ChildJvm.start("local[2]", dir.resolve("killed.log"), Map.of(), List.of(
          "eval", "--config", config.toString(), "--data_path", data.toString(), "--output_path", dir.resolve("out-killed").toString(),
          "--out_table", "runners-test", "--responses_table", "runners-responses-killed"));
      long deadline = System.currentTimeMillis() + 180_000;
      while (server.totalAnswers() < QUESTIONS / 3 && job.isAlive() && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
      job.destroyForcibly().waitFor();
      int beforeKill = server.totalAnswers();
      assertTrue(beforeKill >= QUESTIONS / 3 && beforeKill < QUESTIONS, "killed midway, after " + beforeKill + " answers: "
          + Files.readString(dir.resolve("killed.log")));

      Cli.Result resumed = eval(config);
      JsonNode model = model(resumed, "resumed");
      assertEquals(QUESTIONS, model.get("scored").asInt(), "nothing lost");
      assertEquals(QUESTIONS, server.answered.size(), "every prompt answered");
      int inFlightAtMost = 2 * 2;
      int askedAgain = server.totalAnswers() - QUESTIONS;
      assertTrue(askedAgain <= inFlightAtMost, askedAgain + " prompts answered twice; at most the " + inFlightAtMost
          + " in flight at the kill may be");
      assertTrue(model.at("/invocation/from_store").asInt() >= beforeKill - inFlightAtMost, "the answers kept before the kill are reused");
    }
  }

  @Test
  void concurrencyPerExecutorAndTheRateLimitHold() throws Exception {
    try (FakeModelServer server = new FakeModelServer(CalledModels::good).latency(30)) {
      long start = System.currentTimeMillis();
      eval(config("limits", sageMaker("limited", server, "{max_concurrency: 3, requests_per_second: 8}")));
      assertTrue(server.maxInFlight.get() <= 3, "in flight at most " + server.maxInFlight.get());
      Map<Long, Long> perSecond = server.answerTimesMs.stream().collect(Collectors.groupingBy(t -> t / 1000, TreeMap::new, Collectors.counting()));
      // Windows are counted where a request starts, answers here where they end: up to max_concurrency (3)
      // requests started at the end of one second are answered in the next, beside that second's own 8.
      assertTrue(perSecond.values().stream().allMatch(n -> n <= 8 + 3), "answers per second " + perSecond);
      assertTrue(System.currentTimeMillis() - start >= (QUESTIONS / 8 - 1) * 1000L, "20 requests at 8/s take over 1.5 s");
    }
  }

  @Test
  void severalModelsAreRankedByTheWeightsAndTheChosenOneIsStored() throws Exception {
    try (FakeModelServer slowGood = new FakeModelServer(CalledModels::good).latency(200);
        FakeModelServer fastPoor = new FakeModelServer(CalledModels::poor)) {
      Cli.Result result = eval(config("selection", sageMaker("accurate", slowGood, "{max_concurrency: 8}") + sageMaker("quick", fastPoor,
          "{max_concurrency: 8}"), "selection: {quality_score: factual_knowledge, weights: {quality: 0.3, latency: 0.7}}"));
      assertEquals("quick", result.summary().get("chosen_model").asText(), "latency weighs more");
      try (DynamoDbClient dynamo = LocalServices.dynamoDbClient()) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName("runners-test").key(Map.of(
            "dataset", AttributeValue.fromS("selection"), "run", AttributeValue.fromS("SELECTION#LATEST")))).item();
        assertEquals("quick", item.get("chosen_model").s());
        List<AttributeValue> ranking = item.get("ranking").l();
        assertEquals("quick", ranking.get(0).m().get("model").s());
        assertEquals(0.7, Double.parseDouble(ranking.get(0).m().get("score").n()), 1e-12);
        assertEquals("accurate", ranking.get(1).m().get("model").s());
        assertEquals(0.3, Double.parseDouble(ranking.get(1).m().get("score").n()), 1e-12);
      }
    }
  }

  @Test
  void qualityAloneChoosesTheModelThatKnowsMore() throws Exception {
    try (FakeModelServer a = new FakeModelServer(CalledModels::good); FakeModelServer b = new FakeModelServer(CalledModels::poor)) {
      Cli.Result result = eval(config("quality_only", sageMaker("knows", a, "{max_concurrency: 4}") + sageMaker("guesses", b, "{max_concurrency: 4}")));
      assertEquals("knows", result.summary().get("chosen_model").asText());
    }
  }

}
