package llmops.eval.runners;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burt.jmespath.Expression;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * An OpenAI-compatible server (vLLM, TGI, llama.cpp, Ollama, OpenAI itself): {@code /chat/completions}
 * with one user message, or {@code /completions}, under {@code endpoint_url} (the base URL with its
 * {@code /v1}, as OpenAI's clients take it). The API key, when needed, comes from the environment
 * variable named by {@code api_key_env}, never from the config.
 */
final class OpenAiRunner implements ModelRunner {
  private final ModelEndpoint endpoint;
  private final HttpClient client;
  private final URI uri;
  private final ObjectNode parameters;
  private final Expression<JsonNode> output;
  private final String outputText;
  private final String apiKey;

  OpenAiRunner(ModelEndpoint endpoint) {
    this.endpoint = endpoint;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String base = endpoint.endpointUrl().replaceAll("/+$", "");
    boolean chat = endpoint.api().equals("chat");
    this.uri = URI.create(base + (chat ? "/chat/completions" : "/completions"));
    this.parameters = endpoint.inferenceParameters();
    if (parameters.has("max_new_tokens")) {
      parameters.set("max_tokens", parameters.remove("max_new_tokens"));
    }
    this.outputText = endpoint.output() != null ? endpoint.output() : chat ? "choices[0].message.content" : "choices[0].text";
    this.output = RequestBodies.compile(outputText);
    if (endpoint.apiKeyEnv() != null && System.getenv(endpoint.apiKeyEnv()) == null) {
      throw new IllegalStateException("api_key_env names " + endpoint.apiKeyEnv() + " but that environment variable is not set");
    }
    this.apiKey = endpoint.apiKeyEnv() == null ? null : System.getenv(endpoint.apiKeyEnv());
  }

  private ObjectNode body(String prompt) {
    ObjectNode body = RequestBodies.JSON.createObjectNode();
    body.put("model", endpoint.modelId());
    if (endpoint.api().equals("chat")) {
      body.putArray("messages").addObject().put("role", "user").put("content", prompt);
    } else {
      body.put("prompt", prompt);
    }
    body.setAll(parameters);
    return body;
  }

  @Override
  public String requestIdentity(String prompt) {
    return "openai\n" + uri + "\n" + RequestBodies.canonical(body(prompt));
  }

  @Override
  public Reply call(String prompt) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis((long) (endpoint.limits().timeoutSeconds() * 1000)))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body(prompt).toString()));
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new InvocationFailure(InvocationFailure.Kind.TIMEOUT, "no reply within " + endpoint.limits().timeoutSeconds() + " s", e);
    } catch (IOException e) {
      throw new InvocationFailure(InvocationFailure.Kind.CONNECTION, String.valueOf(e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InvocationFailure(InvocationFailure.Kind.CONNECTION, "interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new InvocationFailure(InvocationFailure.ofStatus(response.statusCode()),
          "HTTP " + response.statusCode() + ": " + RequestBodies.shortened(response.body()));
    }
    String answer = RequestBodies.answerAt(output, outputText, response.body());
    JsonNode usage = RequestBodies.parse(response.body()).path("usage");
    return new Reply(answer, usage.has("prompt_tokens") ? usage.get("prompt_tokens").asLong() : null,
        usage.has("completion_tokens") ? usage.get("completion_tokens").asLong() : null);
  }
}
