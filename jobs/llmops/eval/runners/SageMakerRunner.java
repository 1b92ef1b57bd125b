package llmops.eval.runners;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burt.jmespath.Expression;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;

/**
 * A SageMaker real-time endpoint through InvokeEndpoint, with the body the AWS sample sends:
 * {@code {"inputs": <content_template with the prompt>, "parameters": <inference_parameters>}}, plus
 * {@code "adapters"} to pick a LoRA adapter, the custom attributes (e.g. {@code accept_eula=true}) and
 * the inference component where the endpoint hosts several.
 */
final class SageMakerRunner implements ModelRunner {
  private final ModelEndpoint endpoint;
  private final SageMakerRuntimeClient client;
  private final JsonNode template;
  private final ObjectNode parameters;
  private final Expression<JsonNode> output;

  SageMakerRunner(ModelEndpoint endpoint) {
    this.endpoint = endpoint;
    this.client = AwsClients.configured(SageMakerRuntimeClient.builder(), endpoint).build();
    this.template = RequestBodies.parse(endpoint.contentTemplateJson());
    this.parameters = endpoint.inferenceParameters();
    this.output = RequestBodies.compile(endpoint.output());
  }

  private String body(String prompt) {
    ObjectNode body = RequestBodies.JSON.createObjectNode();
    body.set("inputs", RequestBodies.withPrompt(template, prompt));
    body.set("parameters", parameters);
    if (endpoint.adapter() != null) {
      body.put("adapters", endpoint.adapter());
    }
    return body.toString();
  }

  @Override
  public String requestIdentity(String prompt) {
    return String.join("\n", "sagemaker", endpoint.endpointName(), String.valueOf(endpoint.inferenceComponent()),
        String.valueOf(endpoint.customAttributes()), RequestBodies.canonical(RequestBodies.parse(body(prompt))));
  }

  @Override
  public Reply call(String prompt) {
    InvokeEndpointRequest.Builder request = InvokeEndpointRequest.builder().endpointName(endpoint.endpointName())
        .contentType("application/json").accept("application/json").body(SdkBytes.fromUtf8String(body(prompt)));
    if (endpoint.inferenceComponent() != null) {
      request.inferenceComponentName(endpoint.inferenceComponent());
    }
    if (endpoint.customAttributes() != null) {
      request.customAttributes(endpoint.customAttributes());
    }
    String reply;
    try {
      reply = client.invokeEndpoint(request.build()).body().asUtf8String();
    } catch (SdkException e) {
      throw AwsClients.failure(e);
    }
    // InvokeEndpoint does not report tokens; the Invoker estimates them.
    return new Reply(RequestBodies.answerAt(output, endpoint.output(), reply), null, null);
  }
}
