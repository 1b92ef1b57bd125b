package llmops.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * DynamoDB faults for whole jobs. The AWS SDK adds every class named in the test resource
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} to every client it builds,
 * so the client a job makes itself with {@code Dynamo.connect()} carries this one too, with no hook
 * in the production code. It does nothing until a test switches it on, and then cycles through the
 * faults DynamoDB really shows, in a fixed order so a run is repeatable: batch writes in turn are
 * answered 500 after the table applied them (an ambiguous failure: the SDK sends them again), only
 * partly applied with the rest returned as unprocessed, or throttled before they are sent; single
 * puts alternate between a lost answer and throttling; every third read is answered 500.
 */
public final class DynamoFaultInjector implements ExecutionInterceptor {
  private static volatile boolean on;
  private static final AtomicInteger BATCHES = new AtomicInteger();
  private static final AtomicInteger PUTS = new AtomicInteger();
  private static final AtomicInteger READS = new AtomicInteger();
  private static final AtomicInteger INJECTED = new AtomicInteger();
  private static final ExecutionAttribute<String> FAULT = new ExecutionAttribute<>("llmops.fault");
  private static final ExecutionAttribute<List<WriteRequest>> DROPPED = new ExecutionAttribute<>("llmops.dropped");

  /** Switches the faults on for every DynamoDB client in this JVM (until {@link #off()}) and resets the counts. */
  public static void on() {
    BATCHES.set(0);
    PUTS.set(0);
    READS.set(0);
    INJECTED.set(0);
    on = true;
  }

  public static void off() {
    on = false;
  }

  /** How many faults were injected since {@link #on()}. */
  public static int injected() {
    return INJECTED.get();
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    SdkRequest request = context.request();
    if (!on || !(request instanceof DynamoDbRequest)) {
      return request;
    }
    String fault = null;
    if (request instanceof BatchWriteItemRequest) {
      fault = switch (BATCHES.incrementAndGet() % 3) {
        case 0 -> "throttle";
        case 1 -> "lost-answer";
        default -> "partial";
      };
    } else if (request instanceof PutItemRequest) {
      // A conditional put whose answer is lost is retried and then fails its own condition: the case to get right.
      fault = PUTS.incrementAndGet() % 2 == 1 ? "lost-answer" : "throttle";
    } else if ((request instanceof GetItemRequest || request instanceof QueryRequest) && READS.incrementAndGet() % 3 == 0) {
      fault = "lost-answer";
    }
    if (fault == null) {
      return request;
    }
    attributes.putAttribute(FAULT, fault);
    if (fault.equals("partial")) {
      BatchWriteItemRequest batch = (BatchWriteItemRequest) request;
      String table = batch.requestItems().keySet().iterator().next();
      List<WriteRequest> all = batch.requestItems().get(table);
      if (all.size() < 2) {
        attributes.putAttribute(FAULT, "none");
        return request;
      }
      // Apply the first half; the rest comes back as unprocessed, as from a table over its capacity.
      int kept = all.size() / 2;
      attributes.putAttribute(DROPPED, new ArrayList<>(all.subList(kept, all.size())));
      INJECTED.incrementAndGet();
      return batch.toBuilder().requestItems(Map.of(table, all.subList(0, kept))).build();
    }
    return request;
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    if ("throttle".equals(attributes.getAttribute(FAULT))) {
      attributes.putAttribute(FAULT, "none"); // the SDK's retry of this call goes through
      INJECTED.incrementAndGet();
      throw ProvisionedThroughputExceededException.builder().statusCode(400).message("injected throttling")
          .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
              .errorMessage("injected throttling").serviceName("DynamoDb").build())
          .build();
    }
  }

  @Override
  public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    if ("lost-answer".equals(attributes.getAttribute(FAULT)) && context.httpResponse().isSuccessful()) {
      attributes.putAttribute(FAULT, "none");
      INJECTED.incrementAndGet();
      return context.httpResponse().toBuilder().statusCode(500).build();
    }
    return context.httpResponse();
  }

  @Override
  public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
    List<WriteRequest> dropped = attributes.getAttribute(DROPPED);
    if (dropped == null || !(context.response() instanceof BatchWriteItemResponse response)) {
      return context.response();
    }
    String table = ((BatchWriteItemRequest) context.request()).requestItems().keySet().iterator().next();
    Map<String, List<WriteRequest>> unprocessed = new HashMap<>(response.unprocessedItems());
    List<WriteRequest> all = new ArrayList<>(unprocessed.getOrDefault(table, List.of()));
    all.addAll(dropped);
    unprocessed.put(table, all);
    return response.toBuilder().unprocessedItems(unprocessed).build();
  }
}
