package llmops.eval.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Map;
import llmops.io.Dynamo;
import llmops.testing.FakeModelServer;
import llmops.testing.LocalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One partition's prompts through the Invoker, as a Spark task runs them, against a fake OpenAI-compatible server. */
class InvokerTest {
  static Dynamo dynamo;

  @BeforeAll
  static void store() throws Exception {
    System.setProperty("llmops.dynamodb.endpoint", LocalServices.dynamoDb().toString());
    dynamo = Dynamo.connect();
    dynamo.ensureTable(ResponseStore.spec("invoker-test"));
  }

  @AfterAll
  static void close() {
    dynamo.close();
  }

  static ModelEndpoint endpoint(FakeModelServer server, int attempts) throws Exception {
    return ModelEndpoint.parse(new ObjectMapper(new YAMLFactory()).readTree("""
        {model_provider: openai, model_id: m, endpoint_url: "%s/v1", limits: {max_concurrency: 4, max_attempts: %d, timeout_seconds: 2}}
        """.formatted(server.uri(), attempts)), "test", "models[0]");
  }

  static List<Invoker.Prompt> prompts(String model, int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> new Invoker.Prompt(model, "prompt " + i)).toList();
  }

  @Test
  void aRetriedTaskFindsTheAnswersOfTheFailedAttemptAndAsksNothingAgain() throws Exception {
    try (FakeModelServer server = new FakeModelServer(p -> "answer to " + p)) {
      Map<String, ModelEndpoint> endpoints = Map.of("retried", endpoint(server, 3));
      List<Invoker.Outcome> first = Invoker.answer(prompts("retried", 12), endpoints, dynamo, "invoker-test");
      List<Invoker.Outcome> retry = Invoker.answer(prompts("retried", 12), endpoints, dynamo, "invoker-test");
      assertEquals(12, server.totalAttempts(), "the second attempt of the task sent nothing");
      assertTrue(first.stream().noneMatch(Invoker.Outcome::fromStore));
      assertTrue(retry.stream().allMatch(Invoker.Outcome::fromStore));
      assertEquals(first.stream().map(Invoker.Outcome::answer).sorted().toList(), retry.stream().map(Invoker.Outcome::answer).sorted().toList());
    }
  }

  @Test
  void attemptsStopAtTheConfiguredMaximum() throws Exception {
    try (FakeModelServer server = new FakeModelServer(p -> "never").failFirstAttempts(1.0, FakeModelServer.Fault.SERVER_ERROR)) {
      // Only first attempts fail, so with one attempt allowed every prompt fails once and is not retried.
      List<Invoker.Outcome> outcomes = Invoker.answer(prompts("once", 5), Map.of("once", endpoint(server, 1)), dynamo, "invoker-test");
      assertTrue(outcomes.stream().allMatch(o -> "server_error".equals(o.errorKind()) && o.attempts() == 1), outcomes.toString());
      assertEquals(5, server.totalAttempts());
    }
  }

  @Test
  void theSameRequestAlwaysHasTheSameKeyAndAnotherParameterAnother() throws Exception {
    try (FakeModelServer server = new FakeModelServer(p -> "x")) {
      ModelRunner runner = ModelRunner.of(endpoint(server, 3));
      ModelRunner hotter = ModelRunner.of(ModelEndpoint.parse(new ObjectMapper(new YAMLFactory()).readTree("""
          {model_provider: openai, model_id: m, endpoint_url: "%s/v1", evaluation_config: {inference_parameters: {temperature: 0.9}}}
          """.formatted(server.uri())), "test", "models[0]"));
      assertEquals(Invoker.sha256(runner.requestIdentity("q")), Invoker.sha256(runner.requestIdentity("q")));
      assertTrue(!Invoker.sha256(runner.requestIdentity("q")).equals(Invoker.sha256(hotter.requestIdentity("q"))));
      assertTrue(!Invoker.sha256(runner.requestIdentity("q")).equals(Invoker.sha256(runner.requestIdentity("q2"))));
    }
  }
}
