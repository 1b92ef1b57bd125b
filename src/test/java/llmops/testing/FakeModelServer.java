package llmops.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A model server on loopback that speaks the wire protocols the runners call, so the real SDK
 * clients reach it through an endpoint override: SageMaker runtime's InvokeEndpoint, Bedrock
 * runtime's Converse and InvokeModel, and OpenAI's chat and text completions. It answers with a
 * function of the prompt after a fixed latency, can fail a share of first attempts (throttling,
 * 5xx, a broken body) or reject some prompts (400), and counts what it was asked and what it
 * answered, per prompt, for the exactly-once checks.
 */
public final class FakeModelServer implements AutoCloseable {
  /** What the first attempt at a prompt in the failing share gets. */
  public enum Fault { THROTTLE, SERVER_ERROR, MALFORMED }

  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    // The JDK's server writes a reply's headers and body separately; with Nagle's algorithm on, the body
    // waits for the client's delayed ACK (40 ms on Linux) and every call would look 40 ms slower.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final String REPLIED = "replied";
  private final HttpServer server;
  private final Function<String, String> answers;
  private volatile long latencyMs;
  private volatile double faultShare;
  private volatile Fault fault = Fault.SERVER_ERROR;
  private volatile String rejectedMarker;
  private volatile boolean rawReplies;
  public final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  public final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
  public final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  public final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
  public final List<Long> answerTimesMs = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  public final AtomicInteger maxInFlight = new AtomicInteger();

  public FakeModelServer(Function<String, String> answers) throws IOException {
    this.answers = answers;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    server.setExecutor(Executors.newFixedThreadPool(64));
    server.createContext("/", this::handle);
    server.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public FakeModelServer latency(long ms) {
    latencyMs = ms;
    return this;
  }

  /** The first attempt at this share of prompts (chosen by the prompt's hash, so the same ones every run) fails so. */
  public FakeModelServer failFirstAttempts(double share, Fault kind) {
    faultShare = share;
    fault = kind;
    return this;
  }

  /** Prompts containing this text are rejected with 400, as a request the model cannot take. */
  public FakeModelServer reject(String marker) {
    rejectedMarker = marker;
    return this;
  }

  /** SageMaker endpoints reply with the answer function's text as the whole body (a classifier's JSON). */
  public FakeModelServer rawReplies() {
    rawReplies = true;
    return this;
  }

  public int totalAnswers() {
    return answered.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  public int totalAttempts() {
    return attempts.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      String path = exchange.getRequestURI().getPath();
      JsonNode body = JSON.readTree(exchange.getRequestBody());
      bodies.add(body);
      headers.add(Map.copyOf(exchange.getRequestHeaders()));
      String prompt = promptOf(path, body);
      int attempt = attempts.computeIfAbsent(prompt, p -> new AtomicInteger()).incrementAndGet();
      if (latencyMs > 0) {
        Thread.sleep(latencyMs);
      }
      if (rejectedMarker != null && prompt.contains(rejectedMarker)) {
        error(exchange, 400, "ValidationException", "Input is too long for requested model.");
        return;
      }
      if (attempt == 1 && inFailingShare(prompt)) {
        switch (fault) {
          case THROTTLE -> error(exchange, 429, "ThrottlingException", "Too many requests, please wait before trying again.");
          case SERVER_ERROR -> error(exchange, 503, "ServiceUnavailableException", "The service is temporarily unable to handle the request.");
          case MALFORMED -> send(exchange, 200, "<html>upstream hiccup</html>", Map.of());
        }
        return;
      }
      String answer = answers.apply(prompt);
      answered.computeIfAbsent(prompt, p -> new AtomicInteger()).incrementAndGet();
      answerTimesMs.add(System.currentTimeMillis());
      reply(exchange, path, prompt, answer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (exchange.getAttribute(REPLIED) == null) {
        inFlight.decrementAndGet();
      }
      exchange.close();
    }
  }

  private boolean inFailingShare(String prompt) {
    return faultShare > 0 && Math.floorMod(prompt.hashCode() * 31 + 7, 1000) < faultShare * 1000;
  }

  /** Where each protocol carries the prompt. */
  private static String promptOf(String path, JsonNode body) {
    if (path.startsWith("/endpoints/")) {
      JsonNode inputs = body.path("inputs");
      return inputs.isTextual() ? inputs.asText() : inputs.findValue("content").asText();
    }
    if (path.contains("/guardrail/")) {
      return body.path("content").get(0).path("text").path("text").asText();
    }
    if (path.endsWith("/converse")) {
      return body.path("messages").get(0).path("content").get(0).path("text").asText();
    }
    if (path.endsWith("/invoke")) {
      return body.findValue("content") != null ? body.findValue("content").asText() : body.path("prompt").asText();
    }
    if (path.endsWith("/chat/completions")) {
      return body.path("messages").get(0).path("content").asText();
    }
    return body.path("prompt").asText();
  }

  private void reply(HttpExchange exchange, String path, String prompt, String answer) throws IOException {
    long in = words(prompt);
    long out = words(answer);
    ObjectNode reply = JSON.createObjectNode();
    if (path.startsWith("/endpoints/") && rawReplies) {
      send(exchange, 200, answer, Map.of());
    } else if (path.contains("/guardrail/")) {
      // The answer function says the guardrail's action: GUARDRAIL_INTERVENED (by its insults filter) or NONE.
      reply.put("action", answer);
      reply.putObject("usage").put("topicPolicyUnits", 0).put("contentPolicyUnits", 1).put("wordPolicyUnits", 0)
          .put("sensitiveInformationPolicyUnits", 0).put("sensitiveInformationPolicyFreeUnits", 0).put("contextualGroundingPolicyUnits", 0);
      reply.putArray("outputs");
      ObjectNode filter = reply.putArray("assessments").addObject().putObject("contentPolicy").putArray("filters").addObject();
      filter.put("type", "INSULTS").put("confidence", "HIGH").put("action", answer.equals("NONE") ? "NONE" : "BLOCKED");
      send(exchange, 200, reply.toString(), Map.of());
    } else if (path.startsWith("/endpoints/")) {
      // Both JumpStart shapes the AWS sample reads: [0].generated_text and [0].generation.content.
      ObjectNode first = JSON.createArrayNode().addObject();
      first.put("generated_text", answer);
      first.putObject("generation").put("role", "assistant").put("content", answer);
      send(exchange, 200, "[" + first + "]", Map.of());
    } else if (path.endsWith("/converse")) {
      reply.putObject("output").putObject("message").put("role", "assistant").putArray("content").addObject().put("text", answer);
      reply.put("stopReason", "end_turn");
      reply.putObject("usage").put("inputTokens", in).put("outputTokens", out).put("totalTokens", in + out);
      reply.putObject("metrics").put("latencyMs", latencyMs);
      send(exchange, 200, reply.toString(), Map.of());
    } else if (path.endsWith("/invoke")) {
      reply.put("completion", answer);
      send(exchange, 200, reply.toString(), Map.of("X-Amzn-Bedrock-Input-Token-Count", Long.toString(in),
          "X-Amzn-Bedrock-Output-Token-Count", Long.toString(out)));
    } else {
      ObjectNode choice = reply.putArray("choices").addObject();
      if (path.endsWith("/chat/completions")) {
        choice.putObject("message").put("role", "assistant").put("content", answer);
      } else {
        choice.put("text", answer);
      }
      choice.put("finish_reason", "stop");
      reply.putObject("usage").put("prompt_tokens", in).put("completion_tokens", out).put("total_tokens", in + out);
      send(exchange, 200, reply.toString(), Map.of());
    }
  }

  private static long words(String text) {
    return text.isBlank() ? 0 : text.trim().split("\\s+").length;
  }

  /** An error as the AWS REST-JSON protocols send it (the type in x-amzn-ErrorType) and OpenAI's servers read it. */
  private void error(HttpExchange exchange, int status, String type, String message) throws IOException {
    ObjectNode body = JSON.createObjectNode().put("message", message);
    body.putObject("error").put("message", message).put("type", type);
    send(exchange, status, body.toString(), Map.of("x-amzn-ErrorType", type));
  }

  /** The request stops counting as in flight before its reply is written: the client may send its next one the moment it has it. */
  private void send(HttpExchange exchange, int status, String body, Map<String, String> extraHeaders) throws IOException {
    exchange.setAttribute(REPLIED, true);
    inFlight.decrementAndGet();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    extraHeaders.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
