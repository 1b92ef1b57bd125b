package llmops.eval.runners;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** What the SageMaker and Bedrock clients share: one attempt per call (the Invoker retries), the timeout, region and endpoint. */
final class AwsClients {
  private AwsClients() {}

  static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configured(B builder, ModelEndpoint endpoint) {
    Duration timeout = Duration.ofMillis((long) (endpoint.limits().timeoutSeconds() * 1000));
    builder.httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(timeout).connectionTimeout(Duration.ofSeconds(10)))
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallAttemptTimeout(timeout));
    if (endpoint.region() != null) {
      builder.region(Region.of(endpoint.region()));
    }
    if (endpoint.endpointUrl() != null) {
      builder.endpointOverride(URI.create(endpoint.endpointUrl()));
    }
    return builder;
  }

  /** An SDK exception as a kind of failure; the message is the service's, which names no credentials. */
  static InvocationFailure failure(SdkException e) {
    if (e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException) {
      return new InvocationFailure(InvocationFailure.Kind.TIMEOUT, e.getMessage(), e);
    }
    if (e instanceof SdkServiceException service) {
      InvocationFailure.Kind kind = service.isThrottlingException() ? InvocationFailure.Kind.THROTTLED : InvocationFailure.ofStatus(service.statusCode());
      return new InvocationFailure(kind, "HTTP " + service.statusCode() + ": " + RequestBodies.shortened(String.valueOf(e.getMessage())), e);
    }
    if (e instanceof SdkClientException && String.valueOf(e.getMessage()).toLowerCase().contains("unmarshall")) {
      return new InvocationFailure(InvocationFailure.Kind.MALFORMED_REPLY, e.getMessage(), e);
    }
    return new InvocationFailure(InvocationFailure.Kind.CONNECTION, String.valueOf(e.getMessage()), e);
  }
}
