package llmops.eval.runners;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import llmops.io.Dynamo;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * Answers one Spark partition's prompts: what the response store already holds is taken from it;
 * the rest is sent to the model by {@code max_concurrency} threads that share one permit pool per
 * model and executor, each request within the cluster-wide rate limit, retried with the AWS SDK's
 * jittered exponential backoff (slower after throttling) while the failure is one that can pass,
 * and stored the moment it is answered.
 */
public final class Invoker {
  /** A prompt to answer. */
  public record Prompt(String model, String prompt) {}

  /** What became of it: the answer and its measurements, or the kind of failure after the last attempt. */
  public record Outcome(String model, String prompt, String requestHash, String answer, Long latencyMs, Long inputTokens,
      Long outputTokens, Boolean tokensEstimated, int attempts, boolean fromStore, String errorKind, String errorDetail) {}

  private static final Map<ModelEndpoint, Semaphore> PERMITS = new ConcurrentHashMap<>();

  private Invoker() {}

  public static List<Outcome> answer(List<Prompt> prompts, Map<String, ModelEndpoint> endpoints, Dynamo dynamo, String table)
      throws InterruptedException {
    Map<String, List<String>> byModel = new LinkedHashMap<>();
    prompts.forEach(p -> byModel.computeIfAbsent(p.model(), m -> new ArrayList<>()).add(p.prompt()));
    ResponseStore store = new ResponseStore(dynamo, table);
    List<Outcome> outcomes = new ArrayList<>(prompts.size());
    List<ExecutorService> pools = new ArrayList<>();
    List<Future<Outcome>> pending = new ArrayList<>();
    try {
      for (Map.Entry<String, List<String>> entry : byModel.entrySet()) {
        String model = entry.getKey();
        ModelEndpoint endpoint = endpoints.get(model);
        ModelRunner runner = ModelRunner.of(endpoint);
        List<String> hashes = entry.getValue().stream().map(p -> sha256(runner.requestIdentity(p))).toList();
        Map<String, ResponseStore.Stored> stored = store.lookup(model, hashes);
        ExecutorService pool = Executors.newFixedThreadPool(endpoint.limits().maxConcurrency());
        pools.add(pool);
        Semaphore permits = PERMITS.computeIfAbsent(endpoint, e -> new Semaphore(e.limits().maxConcurrency()));
        RateLimit rate = new RateLimit(dynamo, table, model, endpoint.limits());
        RetryStrategy retry = retryStrategy(endpoint.limits().maxAttempts());
        for (int i = 0; i < hashes.size(); i++) {
          String prompt = entry.getValue().get(i);
          String hash = hashes.get(i);
          ResponseStore.Stored known = stored.get(hash);
          if (known != null) {
            outcomes.add(answered(model, prompt, hash, known, true));
          } else {
            pending.add(pool.submit(() -> invoke(model, prompt, hash, runner, permits, rate, retry, store)));
          }
        }
      }
      for (Future<Outcome> future : pending) {
        outcomes.add(future.get());
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("answering prompts failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pools.forEach(ExecutorService::shutdownNow);
    }
    return outcomes;
  }

  private static Outcome invoke(String model, String prompt, String hash, ModelRunner runner, Semaphore permits, RateLimit rate,
      RetryStrategy retry, ResponseStore store) throws InterruptedException {
    RetryToken token = retry.acquireInitialToken(AcquireInitialTokenRequest.create(model)).token();
    for (int attempt = 1; ; attempt++) {
      InvocationFailure failure;
      try {
        Reply reply;
        long latencyMs;
        // The permit counts requests in flight to the model; keeping the answer happens after it is released.
        permits.acquire();
        try {
          rate.acquire();
          long start = System.nanoTime();
          reply = runner.call(prompt);
          latencyMs = (System.nanoTime() - start) / 1_000_000;
        } finally {
          permits.release();
        }
        retry.recordSuccess(RecordSuccessRequest.create(token));
        boolean estimated = reply.inputTokens() == null || reply.outputTokens() == null;
        long in = reply.inputTokens() != null ? reply.inputTokens() : estimatedTokens(prompt);
        long out = reply.outputTokens() != null ? reply.outputTokens() : estimatedTokens(reply.text());
        rate.charge(in + out);
        ResponseStore.Stored kept = store.put(model, hash, new ResponseStore.Stored(reply.text(), latencyMs, in, out, estimated, attempt));
        return answered(model, prompt, hash, kept, false);
      } catch (InvocationFailure f) {
        failure = f;
      }
      if (!failure.retryable()) {
        return failed(model, prompt, hash, failure, attempt);
      }
      RefreshRetryTokenResponse next;
      try {
        next = retry.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(failure).build());
      } catch (TokenAcquisitionFailedException exhausted) {
        return failed(model, prompt, hash, failure, attempt);
      }
      token = next.token();
      Thread.sleep(next.delay().toMillis());
    }
  }

  /**
   * The SDK's standard strategy without its circuit breaker: a model that throttles hard should slow
   * this job down, not fail records that one more wait would have answered.
   */
  private static RetryStrategy retryStrategy(int maxAttempts) {
    return StandardRetryStrategy.builder().maxAttempts(maxAttempts).circuitBreakerEnabled(false)
        .retryOnException(e -> e instanceof InvocationFailure f && f.retryable())
        .treatAsThrottling(e -> e instanceof InvocationFailure f && f.kind() == InvocationFailure.Kind.THROTTLED)
        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(20)))
        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(500), Duration.ofSeconds(20))).build();
  }

  /** About four characters a token, where the protocol does not count them (SageMaker). */
  static long estimatedTokens(String text) {
    return (text.length() + 3) / 4;
  }

  private static Outcome answered(String model, String prompt, String hash, ResponseStore.Stored s, boolean fromStore) {
    return new Outcome(model, prompt, hash, s.answer(), s.latencyMs(), s.inputTokens(), s.outputTokens(), s.tokensEstimated(), s.attempts(),
        fromStore, null, null);
  }

  private static Outcome failed(String model, String prompt, String hash, InvocationFailure f, int attempts) {
    return new Outcome(model, prompt, hash, null, null, null, null, null, attempts, false, f.kind().label(), f.getMessage());
  }

  public static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
