package llmops.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * moto's server on loopback ({@link #endpoint()}, for {@code --endpoint-url} and the SDKs) and its
 * control port, through which a test plays the cluster: it lists the EMR steps, EMR Serverless job
 * runs and Glue job runs that were submitted, and sets each one's final state.
 *
 * @param endpoint the AWS endpoint every service answers on
 * @param control the run-control API of src/test/python/moto_with_run_control.py
 */
public record MotoServer(URI endpoint, URI control) {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** HTTP/1.1 only: the default HTTP/2 client first asks a plain-HTTP server to upgrade, which Python's server does not answer. */
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** One submitted run as moto holds it: service is "emr", "emr-serverless" or "glue"; args as submitted. */
  public record Run(String service, String id, String name, String state, JsonNode args, JsonNode details) {}

  /** The variables a process needs to call this moto with the AWS CLI or an SDK (fake credentials, a region). */
  public Map<String, String> awsEnvironment() {
    return Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing",
        "AWS_DEFAULT_REGION", "us-east-1", "AWS_ENDPOINT_URL", endpoint.toString());
  }

  /** Every run moto holds, in submission order per service. */
  public List<Run> runs() throws IOException, InterruptedException {
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(control.resolve("/runs")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    List<Run> runs = new ArrayList<>();
    for (JsonNode run : JSON.readTree(answer.body())) {
      runs.add(new Run(run.get("service").asText(), run.get("id").asText(), run.path("name").asText(null),
          run.get("state").asText(), run.get("args"), run.get("details")));
    }
    return runs;
  }

  /** Sets a run's state (e.g. COMPLETED, FAILED, SUCCESS, SUCCEEDED), with a failure reason where its API has one. */
  public void finish(String runId, String state, String reason) throws IOException, InterruptedException {
    String body = JSON.writeValueAsString(reason == null ? Map.of("state", state) : Map.of("state", state, "reason", reason));
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(control.resolve("/runs/" + runId))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("moto has no run " + runId + ": " + answer.body());
    }
  }
}
