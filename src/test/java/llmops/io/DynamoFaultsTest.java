package llmops.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import llmops.testing.LocalServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * DynamoDB faults injected into the real SDK client (an execution interceptor) talking to a real
 * DynamoDB Local: throttling, 5xx answers and partial batch writes. Whatever happens, every item ends
 * up written exactly once, and a write that never gets through fails loudly.
 */
class DynamoFaultsTest {
  private static final int ITEMS = 60;

  @BeforeAll
  static void endpoint() throws Exception {
    System.setProperty("llmops.dynamodb.endpoint", LocalServices.dynamoDb().toString());
  }

  private static List<Map<String, AttributeValue>> items(String run) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      out.add(Map.of("run", AttributeValue.fromS(run), "centroid", AttributeValue.fromN(Integer.toString(i)),
          "payload", AttributeValue.fromS("item " + i)));
    }
    return out;
  }

  /** Writes the items through a client with the interceptor and returns how many the table then holds for the run. */
  private static int writeThrough(ExecutionInterceptor faults, String table, String run) {
    TableSpec spec = new TableSpec(table, TableSpec.string("run"), TableSpec.number("centroid"), List.of());
    try (Dynamo dynamo = Dynamo.connect(List.of(faults))) {
      dynamo.ensureTable(spec);
      dynamo.putAll(table, items(run));
    }
    try (Dynamo clean = Dynamo.connect()) {
      return clean.client().query(r -> r.tableName(table).keyConditionExpression("#r = :r")
          .expressionAttributeNames(Map.of("#r", "run")).expressionAttributeValues(Map.of(":r", AttributeValue.fromS(run))))
          .count();
    }
  }

  @Test
  void throttledBatchWritesAreRetriedUntilEveryItemIsWrittenOnce() {
    AtomicInteger calls = new AtomicInteger();
    ExecutionInterceptor throttle = new ExecutionInterceptor() {
      @Override
      public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (context.request() instanceof BatchWriteItemRequest && calls.incrementAndGet() % 2 == 1) {
          throw ProvisionedThroughputExceededException.builder().statusCode(400).message("injected throttling")
              .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                  .errorMessage("injected throttling").serviceName("DynamoDb").build())
              .build();
        }
      }
    };
    assertEquals(ITEMS, writeThrough(throttle, "faults-throttle", "r1"));
    assertTrue(calls.get() >= 2 * (ITEMS / 25 + 1), "every batch was throttled once, then retried: " + calls.get() + " calls");
  }

  @Test
  void aServerErrorAfterTheWriteIsRetriedWithoutDuplicates() {
    AtomicInteger calls = new AtomicInteger();
    ExecutionInterceptor failAfterWriting = new ExecutionInterceptor() {
      @Override
      public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        // The batch reached the table, but the caller is told 500: the retry writes the same keys again.
        boolean fail = context.request() instanceof BatchWriteItemRequest && calls.incrementAndGet() == 1;
        return fail ? context.httpResponse().toBuilder().statusCode(500).build() : context.httpResponse();
      }
    };
    assertEquals(ITEMS, writeThrough(failAfterWriting, "faults-5xx", "r2"));
    assertTrue(calls.get() > ITEMS / 25 + 1, "the failed batch was sent again");
  }

  @Test
  void unprocessedItemsOfAPartialBatchAreResentUntilWritten() {
    ExecutionAttribute<List<WriteRequest>> dropped = new ExecutionAttribute<>("dropped");
    AtomicInteger rounds = new AtomicInteger();
    ExecutionInterceptor partial = new ExecutionInterceptor() {
      @Override
      public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof BatchWriteItemRequest request) || rounds.incrementAndGet() > 6) {
          return context.request();
        }
        // Keep the first 5 writes of each batch; the rest come back as unprocessed, as a throttled table does.
        String table = request.requestItems().keySet().iterator().next();
        List<WriteRequest> all = request.requestItems().get(table);
        List<WriteRequest> kept = all.subList(0, Math.min(5, all.size()));
        attributes.putAttribute(dropped, new ArrayList<>(all.subList(kept.size(), all.size())));
        return request.toBuilder().requestItems(Map.of(table, kept)).build();
      }

      @Override
      public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        List<WriteRequest> notWritten = attributes.getAttribute(dropped);
        if (!(context.response() instanceof BatchWriteItemResponse response) || notWritten == null || notWritten.isEmpty()) {
          return context.response();
        }
        BatchWriteItemRequest request = (BatchWriteItemRequest) context.request();
        Map<String, List<WriteRequest>> unprocessed = new HashMap<>();
        unprocessed.put(request.requestItems().keySet().iterator().next(), notWritten);
        return response.toBuilder().unprocessedItems(unprocessed).build();
      }
    };
    assertEquals(ITEMS, writeThrough(partial, "faults-partial", "r3"));
    assertTrue(rounds.get() > 6, "some batches needed several rounds");
  }

  @Test
  void aTableThatNeverAcceptsTheItemsFailsLoudlyAfterItsRetryBudget() {
    ExecutionInterceptor neverWrites = new ExecutionInterceptor() {
      @Override
      public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof BatchWriteItemRequest request)) {
          return context.response();
        }
        return ((BatchWriteItemResponse) context.response()).toBuilder().unprocessedItems(request.requestItems()).build();
      }
    };
    long start = System.nanoTime();
    IllegalStateException failure = assertThrows(IllegalStateException.class, () -> writeThrough(neverWrites, "faults-never", "r4"));
    assertTrue(failure.getMessage().contains("still unprocessed"), failure.getMessage());
    assertTrue((System.nanoTime() - start) / 1e9 < 60, "the budget is bounded in time too");
  }
}
