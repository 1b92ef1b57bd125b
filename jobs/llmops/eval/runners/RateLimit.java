package llmops.eval.runners;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import llmops.io.Dynamo;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A model's requests and tokens per second, held across the whole cluster: every executor counts
 * its requests in one DynamoDB item per model and time window (an atomic conditional ADD), and
 * waits for the next window when this one is full. Tokens are known only when the answer is back,
 * so they are counted then, against the window they finish in: a window over its token budget lets
 * no new request start. Fixed windows admit a burst of up to twice the rate across a window edge.
 * The items sit in the responses table under {@code RATE#<model>#<window>} and expire after a day
 * where DynamoDB's TTL is on ({@code expires_at}).
 */
public final class RateLimit {
  private final Dynamo dynamo;
  private final String table;
  private final String model;
  private final long windowMillis;
  private final Long requestsPerWindow;
  private final Long tokensPerWindow;

  public RateLimit(Dynamo dynamo, String table, String model, ModelEndpoint.Limits limits) {
    this.dynamo = dynamo;
    this.table = table;
    this.model = model;
    Double rps = limits.requestsPerSecond();
    // Below one request per second the window grows so that it holds one request.
    long windowSeconds = rps == null || rps >= 1 ? 1 : (long) Math.ceil(1 / rps);
    this.windowMillis = windowSeconds * 1000;
    this.requestsPerWindow = rps == null ? null : Math.max(1, (long) Math.floor(rps * windowSeconds));
    this.tokensPerWindow = limits.tokensPerSecond() == null ? null : Math.max(1, (long) Math.floor(limits.tokensPerSecond() * windowSeconds));
  }

  public boolean isLimited() {
    return requestsPerWindow != null || tokensPerWindow != null;
  }

  /** Blocks until this window has room for one more request, and counts it. */
  public void acquire() throws InterruptedException {
    if (!isLimited()) {
      return;
    }
    while (true) {
      long now = System.currentTimeMillis();
      long window = now / windowMillis;
      StringBuilder condition = new StringBuilder();
      Map<String, AttributeValue> values = new java.util.HashMap<>();
      values.put(":one", AttributeValue.fromN("1"));
      values.put(":expires", AttributeValue.fromN(Long.toString(now / 1000 + 86_400)));
      if (requestsPerWindow != null) {
        condition.append("(attribute_not_exists(requests) OR requests < :rmax)");
        values.put(":rmax", AttributeValue.fromN(Long.toString(requestsPerWindow)));
      }
      if (tokensPerWindow != null) {
        condition.append(condition.length() == 0 ? "" : " AND ").append("(attribute_not_exists(tokens) OR tokens < :tmax)");
        values.put(":tmax", AttributeValue.fromN(Long.toString(tokensPerWindow)));
      }
      try {
        dynamo.client().updateItem(b -> b.tableName(table).key(key(window)).updateExpression("ADD requests :one SET expires_at = :expires")
            .conditionExpression(condition.toString()).expressionAttributeValues(values));
        return;
      } catch (ConditionalCheckFailedException full) {
        long nextWindow = (window + 1) * windowMillis;
        Thread.sleep(Math.max(1, nextWindow - System.currentTimeMillis()) + ThreadLocalRandom.current().nextLong(20));
      }
    }
  }

  /** Counts an answer's tokens against the current window. */
  public void charge(long tokens) {
    if (tokensPerWindow == null) {
      return;
    }
    long now = System.currentTimeMillis();
    dynamo.client().updateItem(b -> b.tableName(table).key(key(now / windowMillis))
        .updateExpression("ADD tokens :n SET expires_at = :expires")
        .expressionAttributeValues(Map.of(":n", AttributeValue.fromN(Long.toString(tokens)),
            ":expires", AttributeValue.fromN(Long.toString(now / 1000 + 86_400)))));
  }

  private Map<String, AttributeValue> key(long window) {
    return Map.of("request_hash", AttributeValue.fromS("RATE#" + model + "#" + window), "model", AttributeValue.fromS(model));
  }
}
