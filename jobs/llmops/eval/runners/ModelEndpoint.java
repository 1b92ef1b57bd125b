package llmops.eval.runners;

import static llmops.config.ConfigKeys.error;
import static llmops.config.ConfigKeys.text;
import static llmops.config.ConfigKeys.unknownKeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burt.jmespath.JmesPath;
import io.burt.jmespath.jackson.JacksonRuntime;
import io.burt.jmespath.parser.ParseException;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How to call one model of the evaluation config: which protocol, where, with which request and how
 * to find the answer in the reply, within which limits and at what price. Read from the AWS sample's
 * model entry ({@code model_provider}, {@code endpoint_name}, {@code evaluation_config}) plus what the
 * runners add ({@code api}, {@code endpoint_url}, {@code limits}, {@code price}, ...).
 * JSON parts are kept as text so the record serialises to Spark's executors.
 */
public record ModelEndpoint(Provider provider, String api, String endpointName, String inferenceComponent, String adapter,
    String modelId, String endpointUrl, String region, String apiKeyEnv, String output, String contentTemplateJson,
    String inferenceParametersJson, String customAttributes, String promptTemplate, String guardrailVersion, Limits limits, Price price)
    implements Serializable {

  public enum Provider { SAGEMAKER, BEDROCK, OPENAI }

  /** Per model: concurrent requests per executor, cluster-wide requests and tokens per second, per-attempt timeout, attempts. */
  public record Limits(int maxConcurrency, Double requestsPerSecond, Double tokensPerSecond, double timeoutSeconds, int maxAttempts)
      implements Serializable {}

  /** USD; any subset. Per hour is for endpoints billed by instance time (SageMaker), charged for the invocation phase's wall time. */
  public record Price(Double inputPer1kTokens, Double outputPer1kTokens, Double perRequest, Double perHour) implements Serializable {
    public boolean isEmpty() {
      return inputPer1kTokens == null && outputPer1kTokens == null && perRequest == null && perHour == null;
    }
  }

  public static final String PROMPT_PLACEHOLDER = "PROMPT_PLACEHOLDER";
  public static final String FEATURE = "$feature";
  private static final Map<String, Provider> PROVIDERS = Map.of("jumpstart", Provider.SAGEMAKER, "sagemaker", Provider.SAGEMAKER,
      "bedrock", Provider.BEDROCK, "openai", Provider.OPENAI);
  /** What the AWS sample's model entries hold for deployment and cleanup: accepted, not needed to call a running endpoint. */
  private static final Set<String> DEPLOYMENT_KEYS = Set.of("model_version", "deployment_config", "cleanup_endpoint", "module", "instance_type");
  private static final Set<String> KEYS = Set.of("model_provider", "api", "endpoint_name", "inference_component_name", "adapters",
      "model_id", "endpoint_url", "region", "api_key_env", "evaluation_config", "limits", "price", "guardrail_version");
  /** Every key a model entry may hold for its endpoint: what calling it takes, and the sample's deployment settings. */
  public static final Set<String> ACCEPTED_KEYS = java.util.stream.Stream.concat(KEYS.stream(), DEPLOYMENT_KEYS.stream())
      .collect(java.util.stream.Collectors.toUnmodifiableSet());
  private static final Set<String> EVALUATION_KEYS = Set.of("output", "content_template", "inference_parameters", "custom_attributes",
      "prompt_template");
  private static final Set<String> LIMIT_KEYS = Set.of("max_concurrency", "requests_per_second", "tokens_per_second", "timeout_seconds",
      "max_attempts");
  private static final Set<String> PRICE_KEYS = Set.of("input_per_1k_tokens", "output_per_1k_tokens", "per_request", "per_hour");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JmesPath<JsonNode> JMESPATH = new JacksonRuntime();

  /**
   * The endpoint of a model entry that names a {@code model_provider}, or null for a model whose answers the
   * dataset holds. {@code key} names the entry in errors ("models[1]").
   */
  public static ModelEndpoint parse(JsonNode model, String source, String key) {
    if (!model.has("model_provider")) {
      for (String name : KEYS) {
        if (model.has(name) && !name.equals("model_id") && !name.equals("evaluation_config")) {
          throw error(source, key + "." + name, "is for a model that is called: set model_provider too (sagemaker, jumpstart, bedrock or openai)");
        }
      }
      return null;
    }
    String written = text(model, "model_provider", source, key, true);
    Provider provider = PROVIDERS.get(written);
    if (provider == null) {
      throw error(source, key + ".model_provider", "unknown '" + written + "' (known: " + new TreeMap<>(PROVIDERS).keySet() + ")");
    }
    JsonNode evaluation = model.path("evaluation_config");
    if (!evaluation.isMissingNode()) {
      unknownKeys(evaluation, EVALUATION_KEYS, source, key + ".evaluation_config");
    }
    String api = text(model, "api", source, key, false);
    String output = text(evaluation, "output", source, key + ".evaluation_config", false);
    JsonNode template = evaluation.get("content_template");
    switch (provider) {
      case SAGEMAKER -> {
        require(model, "endpoint_name", source, key);
        requireOutput(output, source, key);
        if (template == null) {
          throw error(source, key + ".evaluation_config.content_template", "missing: the request's inputs, with " + PROMPT_PLACEHOLDER + " where the prompt goes");
        }
        api = checkedApi(api, Set.of("invoke_endpoint"), "invoke_endpoint", source, key);
      }
      case BEDROCK -> {
        require(model, "model_id", source, key);
        api = checkedApi(api, Set.of("converse", "invoke_model", "apply_guardrail"), "converse", source, key);
        if (api.equals("apply_guardrail")) {
          require(model, "guardrail_version", source, key);
        }
        if (api.equals("invoke_model")) {
          requireOutput(output, source, key);
          if (template == null || !template.isObject()) {
            throw error(source, key + ".evaluation_config.content_template", "invoke_model sends it as the body: give the model's JSON request with "
                + PROMPT_PLACEHOLDER + " where the prompt goes");
          }
        }
      }
      case OPENAI -> {
        require(model, "model_id", source, key);
        require(model, "endpoint_url", source, key);
        api = checkedApi(api, Set.of("chat", "completions"), "chat", source, key);
      }
    }
    if (template != null && !JSON.valueToTree(template).toString().contains(PROMPT_PLACEHOLDER)) {
      throw error(source, key + ".evaluation_config.content_template", "has no " + PROMPT_PLACEHOLDER + ": where does the prompt go?");
    }
    if (output != null) {
      try {
        JMESPATH.compile(output);
      } catch (ParseException e) {
        throw error(source, key + ".evaluation_config.output", "'" + output + "' is not a JMESPath expression: " + e.getMessage());
      }
    }
    JsonNode parameters = evaluation.path("inference_parameters");
    if (!parameters.isMissingNode() && !parameters.isObject()) {
      throw error(source, key + ".evaluation_config.inference_parameters", "must be a mapping");
    }
    String promptTemplate = text(evaluation, "prompt_template", source, key + ".evaluation_config", false);
    if (promptTemplate != null && !promptTemplate.contains(FEATURE)) {
      throw error(source, key + ".evaluation_config.prompt_template", "has no " + FEATURE + ": where does the record's input go?");
    }
    return new ModelEndpoint(provider, api,
        text(model, "endpoint_name", source, key, false),
        text(model, "inference_component_name", source, key, false),
        text(model, "adapters", source, key, false),
        text(model, "model_id", source, key, false),
        text(model, "endpoint_url", source, key, false),
        text(model, "region", source, key, false),
        text(model, "api_key_env", source, key, false),
        output,
        template == null ? null : template.toString(),
        parameters.isMissingNode() ? "{}" : parameters.toString(),
        customAttributes(evaluation.path("custom_attributes"), source, key),
        promptTemplate == null ? FEATURE : promptTemplate,
        text(model, "guardrail_version", source, key, false),
        limits(model.path("limits"), source, key + ".limits"),
        price(model.path("price"), source, key + ".price"));
  }

  /** The record's input in the prompt template. */
  public String prompt(String modelInput) {
    return promptTemplate.replace(FEATURE, modelInput);
  }

  public ObjectNode inferenceParameters() {
    try {
      return (ObjectNode) JSON.readTree(inferenceParametersJson);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The model in a few words for messages: never a key or a secret. */
  public String describe() {
    return switch (provider) {
      case SAGEMAKER -> "SageMaker endpoint " + endpointName + (inferenceComponent == null ? "" : " component " + inferenceComponent);
      case BEDROCK -> (api.equals("apply_guardrail") ? "Bedrock guardrail " + modelId + " version " + guardrailVersion
          : "Bedrock " + modelId + " (" + api + ")");
      case OPENAI -> "OpenAI-compatible " + endpointUrl + " " + modelId + " (" + api + ")";
    };
  }

  /** The sample writes {@code custom_attributes: {accept_eula: true}}; SageMaker wants {@code accept_eula=true}. */
  private static String customAttributes(JsonNode node, String source, String key) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (!node.isObject()) {
      throw error(source, key + ".evaluation_config.custom_attributes", "must be a mapping (accept_eula: true) or a string");
    }
    StringBuilder out = new StringBuilder();
    node.fields().forEachRemaining(e -> out.append(out.length() == 0 ? "" : ";").append(e.getKey()).append('=').append(e.getValue().asText()));
    return out.toString();
  }

  private static Limits limits(JsonNode node, String source, String key) {
    if (!node.isMissingNode()) {
      unknownKeys(node, LIMIT_KEYS, source, key);
    }
    int concurrency = (int) positive(node, "max_concurrency", 4, source, key);
    int attempts = (int) positive(node, "max_attempts", 5, source, key);
    return new Limits(concurrency, optionalPositive(node, "requests_per_second", source, key),
        optionalPositive(node, "tokens_per_second", source, key), positive(node, "timeout_seconds", 60, source, key), attempts);
  }

  private static Price price(JsonNode node, String source, String key) {
    if (!node.isMissingNode()) {
      unknownKeys(node, PRICE_KEYS, source, key);
    }
    return new Price(optionalPositive(node, "input_per_1k_tokens", source, key), optionalPositive(node, "output_per_1k_tokens", source, key),
        optionalPositive(node, "per_request", source, key), optionalPositive(node, "per_hour", source, key));
  }

  private static double positive(JsonNode node, String name, double fallback, String source, String key) {
    Double value = optionalPositive(node, name, source, key);
    return value == null ? fallback : value;
  }

  private static Double optionalPositive(JsonNode node, String name, String source, String key) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber() || value.asDouble() <= 0) {
      throw error(source, key + "." + name, "must be a positive number (got " + value + ")");
    }
    return value.asDouble();
  }

  private static String checkedApi(String api, Set<String> known, String fallback, String source, String key) {
    if (api == null) {
      return fallback;
    }
    if (!known.contains(api)) {
      throw error(source, key + ".api", "must be one of " + known.stream().sorted().toList() + " for this provider (got '" + api + "')");
    }
    return api;
  }

  private static void require(JsonNode model, String name, String source, String key) {
    text(model, name, source, key, true);
  }

  private static void requireOutput(String output, String source, String key) {
    if (output == null) {
      throw error(source, key + ".evaluation_config.output", "missing: a JMESPath expression for the answer in the reply, e.g. '[0].generated_text'");
    }
  }
}
