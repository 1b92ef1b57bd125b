package llmops.eval.runners;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burt.jmespath.Expression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentSource;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * Amazon Bedrock: the Converse API by default (one user message; {@code inference_parameters} in
 * Converse's names or the sample's — max_new_tokens, top_p — with the rest passed as the model's
 * additional fields), InvokeModel with the model's own JSON body from {@code content_template}, or
 * ApplyGuardrail on a text as a model output (the guardrail's id in {@code model_id}), for toxicity.
 */
final class BedrockRunner implements ModelRunner {
  private final ModelEndpoint endpoint;
  private final BedrockRuntimeClient client;
  private final ObjectNode parameters;
  private final JsonNode template;
  private final Expression<JsonNode> output;

  BedrockRunner(ModelEndpoint endpoint) {
    this.endpoint = endpoint;
    this.client = AwsClients.configured(BedrockRuntimeClient.builder(), endpoint).build();
    this.parameters = endpoint.inferenceParameters();
    this.template = endpoint.contentTemplateJson() == null ? null : RequestBodies.parse(endpoint.contentTemplateJson());
    this.output = endpoint.output() == null ? null : RequestBodies.compile(endpoint.output());
  }

  @Override
  public String requestIdentity(String prompt) {
    ObjectNode request = RequestBodies.JSON.createObjectNode();
    request.put("model_id", endpoint.modelId());
    request.put("api", endpoint.api());
    if (endpoint.api().equals("invoke_model")) {
      request.set("body", RequestBodies.withPrompt(template, prompt));
    } else if (endpoint.api().equals("apply_guardrail")) {
      request.put("guardrail_version", endpoint.guardrailVersion());
      request.put("content", prompt);
    } else {
      request.put("prompt", prompt);
      request.set("inference_parameters", parameters);
    }
    return "bedrock\n" + RequestBodies.canonical(request);
  }

  @Override
  public Reply call(String prompt) {
    try {
      return switch (endpoint.api()) {
        case "invoke_model" -> invokeModel(prompt);
        case "apply_guardrail" -> applyGuardrail(prompt);
        default -> converse(prompt);
      };
    } catch (SdkException e) {
      throw AwsClients.failure(e);
    }
  }

  private Reply converse(String prompt) {
    InferenceConfiguration.Builder inference = InferenceConfiguration.builder();
    Map<String, Document> additional = new LinkedHashMap<>();
    parameters.fields().forEachRemaining(p -> {
      JsonNode v = p.getValue();
      switch (p.getKey()) {
        case "max_new_tokens", "max_tokens", "maxTokens" -> inference.maxTokens(v.asInt());
        case "temperature" -> inference.temperature((float) v.asDouble());
        case "top_p", "topP" -> inference.topP((float) v.asDouble());
        case "stop", "stop_sequences", "stopSequences" -> {
          List<String> stops = new ArrayList<>();
          if (v.isArray()) {
            v.forEach(s -> stops.add(s.asText()));
          } else {
            stops.add(v.asText());
          }
          inference.stopSequences(stops);
        }
        default -> additional.put(p.getKey(), document(v));
      }
    });
    ConverseRequest.Builder request = ConverseRequest.builder().modelId(endpoint.modelId())
        .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(prompt)).build())
        .inferenceConfig(inference.build());
    if (!additional.isEmpty()) {
      request.additionalModelRequestFields(Document.fromMap(additional));
    }
    ConverseResponse response = client.converse(request.build());
    if (response.output() == null || response.output().message() == null) {
      throw new InvocationFailure(InvocationFailure.Kind.NO_OUTPUT, "the Converse reply has no message (stop reason " + response.stopReasonAsString() + ")");
    }
    StringBuilder text = new StringBuilder();
    response.output().message().content().stream().filter(b -> b.text() != null).forEach(b -> text.append(b.text()));
    Long in = response.usage() == null ? null : response.usage().inputTokens().longValue();
    Long out = response.usage() == null ? null : response.usage().outputTokens().longValue();
    return new Reply(text.toString(), in, out);
  }

  private Reply invokeModel(String prompt) {
    String body = RequestBodies.withPrompt(template, prompt).toString();
    InvokeModelResponse response = client.invokeModel(r -> r.modelId(endpoint.modelId()).contentType("application/json")
        .accept("application/json").body(SdkBytes.fromUtf8String(body)));
    String answer = RequestBodies.answerAt(output, endpoint.output(), response.body().asUtf8String());
    return new Reply(answer, tokenHeader(response, "X-Amzn-Bedrock-Input-Token-Count"), tokenHeader(response, "X-Amzn-Bedrock-Output-Token-Count"));
  }

  /** A guardrail's assessment of a model's output, as the response's JSON (what Toxicity.guardrail reads). */
  private Reply applyGuardrail(String text) {
    ApplyGuardrailResponse response = client.applyGuardrail(r -> r.guardrailIdentifier(endpoint.modelId())
        .guardrailVersion(endpoint.guardrailVersion()).source(GuardrailContentSource.OUTPUT)
        .content(GuardrailContentBlock.fromText(t -> t.text(text))));
    return new Reply(json(response).toString(), null, null);
  }

  /** An SDK response as the JSON it came in: every member under its wire name. */
  private static JsonNode json(Object value) {
    if (value instanceof SdkPojo pojo) {
      ObjectNode out = RequestBodies.JSON.createObjectNode();
      for (SdkField<?> field : pojo.sdkFields()) {
        Object member = field.getValueOrDefault(pojo);
        if (member != null) {
          out.set(field.locationName(), json(member));
        }
      }
      return out;
    }
    if (value instanceof List<?> list) {
      com.fasterxml.jackson.databind.node.ArrayNode out = RequestBodies.JSON.createArrayNode();
      list.forEach(element -> out.add(json(element)));
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode out = RequestBodies.JSON.createObjectNode();
      map.forEach((k, v) -> out.set(String.valueOf(k), json(v)));
      return out;
    }
    return value instanceof Number || value instanceof Boolean ? RequestBodies.JSON.valueToTree(value)
        : com.fasterxml.jackson.databind.node.TextNode.valueOf(String.valueOf(value));
  }

  private static Long tokenHeader(InvokeModelResponse response, String name) {
    Optional<String> value = response.sdkHttpResponse().firstMatchingHeader(name);
    return value.map(Long::parseLong).orElse(null);
  }

  private static Document document(JsonNode node) {
    if (node.isObject()) {
      Map<String, Document> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), document(e.getValue())));
      return Document.fromMap(map);
    }
    if (node.isArray()) {
      List<Document> list = new ArrayList<>();
      node.forEach(e -> list.add(document(e)));
      return Document.fromList(list);
    }
    if (node.isNumber()) {
      return Document.fromNumber(node.decimalValue());
    }
    if (node.isBoolean()) {
      return Document.fromBoolean(node.asBoolean());
    }
    return node.isNull() ? Document.fromNull() : Document.fromString(node.asText());
  }
}
