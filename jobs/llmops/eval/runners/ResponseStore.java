package llmops.eval.runners;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import llmops.io.Dynamo;
import llmops.io.TableSpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Every answer a model gave, kept the moment it arrives, keyed by the hash of the exact request
 * ({@code request_hash}) and the model: a rerun after a crash, a kill or a Spark task retry finds what
 * was already answered here and calls the model only for the rest. The first answer stored wins
 * (a conditional put), so two attempts racing on one prompt keep one answer.
 */
public final class ResponseStore {
  /** DynamoDB's item limit is 400 KB; the rest of the item is small. */
  private static final int MAX_ANSWER_BYTES = 380_000;
  private static final int BATCH_GET = 100;
  private final Dynamo dynamo;
  private final String table;

  public record Stored(String answer, long latencyMs, long inputTokens, long outputTokens, boolean tokensEstimated, int attempts) {}

  public ResponseStore(Dynamo dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  public static TableSpec spec(String table) {
    return new TableSpec(table, TableSpec.string("request_hash"), TableSpec.string("model"), List.of());
  }

  /** The stored answers among these request hashes of one model. */
  public Map<String, Stored> lookup(String model, List<String> hashes) {
    Map<String, Stored> found = new HashMap<>();
    for (int start = 0; start < hashes.size(); start += BATCH_GET) {
      List<Map<String, AttributeValue>> keys = new ArrayList<>();
      for (String hash : hashes.subList(start, Math.min(hashes.size(), start + BATCH_GET))) {
        keys.add(key(hash, model));
      }
      Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
      for (int round = 0; !pending.isEmpty(); round++) {
        if (round == 10) {
          throw new IllegalStateException("DynamoDB kept returning unprocessed keys of " + table + " after 10 rounds (the table is throttling)");
        }
        if (round > 0) {
          Dynamo.sleepBackoff(round);
        }
        Map<String, KeysAndAttributes> request = pending;
        BatchGetItemResponse response = dynamo.client().batchGetItem(b -> b.requestItems(request));
        response.responses().getOrDefault(table, List.of()).forEach(item -> found.put(item.get("request_hash").s(), stored(item)));
        pending = response.unprocessedKeys();
      }
    }
    return found;
  }

  /** Keeps an answer unless one is already there; returns the one that is kept. */
  public Stored put(String model, String hash, Stored answer) {
    if (answer.answer().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_ANSWER_BYTES) {
      throw new InvocationFailure(InvocationFailure.Kind.TOO_LARGE, "the answer is over " + MAX_ANSWER_BYTES + " bytes, more than a DynamoDB item holds");
    }
    Map<String, AttributeValue> item = new HashMap<>(key(hash, model));
    item.put("answer", AttributeValue.fromS(answer.answer()));
    item.put("latency_ms", number(answer.latencyMs()));
    item.put("input_tokens", number(answer.inputTokens()));
    item.put("output_tokens", number(answer.outputTokens()));
    item.put("tokens_estimated", AttributeValue.fromBool(answer.tokensEstimated()));
    item.put("attempts", number(answer.attempts()));
    item.put("answered_at", number(System.currentTimeMillis() / 1000));
    try {
      dynamo.client().putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(request_hash)"));
      return answer;
    } catch (ConditionalCheckFailedException alreadyAnswered) {
      return stored(dynamo.client().getItem(b -> b.tableName(table).key(key(hash, model)).consistentRead(true)).item());
    }
  }

  private static Stored stored(Map<String, AttributeValue> item) {
    return new Stored(item.get("answer").s(), Long.parseLong(item.get("latency_ms").n()), Long.parseLong(item.get("input_tokens").n()),
        Long.parseLong(item.get("output_tokens").n()), item.get("tokens_estimated").bool(), Integer.parseInt(item.get("attempts").n()));
  }

  private static Map<String, AttributeValue> key(String hash, String model) {
    return Map.of("request_hash", AttributeValue.fromS(hash), "model", AttributeValue.fromS(model));
  }

  private static AttributeValue number(long n) {
    return AttributeValue.fromN(Long.toString(n));
  }
}
