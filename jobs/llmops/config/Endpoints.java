package llmops.config;

import java.net.URI;
import java.util.Optional;

/**
 * Where the AWS services are. On AWS nothing is set and the SDKs use their defaults; locally
 * {@code scripts/llmops} points these at DynamoDB Local and, for {@code s3a://} paths, an
 * S3-compatible server.
 */
public final class Endpoints {
  public static final String DYNAMODB = "LLMOPS_DYNAMODB_ENDPOINT";
  public static final String S3 = "LLMOPS_S3_ENDPOINT";

  private Endpoints() {}

  public static Optional<URI> dynamoDb() {
    return fromEnvironment(DYNAMODB);
  }

  public static Optional<URI> s3() {
    return fromEnvironment(S3);
  }

  private static Optional<URI> fromEnvironment(String name) {
    String value = System.getProperty(name.toLowerCase().replace('_', '.'), System.getenv(name));
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(URI.create(value.trim()));
  }
}
