package llmops.eval.runners;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends one prompt to one model and returns its answer, or throws an {@link InvocationFailure}
 * saying what kind of failure it was. One attempt per call: retries, rate limits and concurrency
 * are the {@link Invoker}'s. Implementations are thread-safe.
 */
public interface ModelRunner {
  Reply call(String prompt);

  /**
   * The request exactly as it is sent, as canonical text: what identifies an answer (model, prompt,
   * parameters), hashed into the key under which the answer is kept.
   */
  String requestIdentity(String prompt);

  /**
   * One runner per endpoint and JVM: SDK and HTTP clients are thread-safe and costly to build, and an
   * executor runs many tasks. They live as long as the executor.
   */
  Map<ModelEndpoint, ModelRunner> RUNNERS = new ConcurrentHashMap<>();

  static ModelRunner of(ModelEndpoint endpoint) {
    return RUNNERS.computeIfAbsent(endpoint, e -> switch (e.provider()) {
      case SAGEMAKER -> new SageMakerRunner(e);
      case BEDROCK -> new BedrockRunner(e);
      case OPENAI -> new OpenAiRunner(e);
    });
  }
}
