package llmops.io;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import llmops.config.Endpoints;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * DynamoDB access shared by the jobs: the client, table checks (and creation where the tables are
 * local), batch writes that end with every item written or a clear error, and paged queries.
 * Throttling and 5xx are retried by the SDK's standard retry strategy; unprocessed batch items are
 * retried here with jittered backoff.
 */
public final class Dynamo implements AutoCloseable {
  private static final int BATCH = 25;
  private static final int MAX_UNPROCESSED_ROUNDS = 10;

  private final DynamoDbClient client;
  private final boolean local;

  public Dynamo(DynamoDbClient client, boolean local) {
    this.client = client;
    this.local = local;
  }

  /** A client for AWS, or for the endpoint in {@value Endpoints#DYNAMODB} (DynamoDB Local). */
  public static Dynamo connect() {
    return connect(List.of());
  }

  /** The same, with SDK interceptors (the fault-injection tests use them to throttle, fail and drop writes). */
  public static Dynamo connect(List<ExecutionInterceptor> interceptors) {
    Optional<URI> endpoint = Endpoints.dynamoDb();
    DynamoDbClientBuilder builder = DynamoDbClient.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(8)).apiCallTimeout(Duration.ofMinutes(2))
            .executionInterceptors(interceptors));
    endpoint.ifPresent(uri -> builder.endpointOverride(uri)
        .region(Region.of(Optional.ofNullable(System.getenv("AWS_REGION")).orElse("us-east-1")))
        .credentialsProvider(localCredentials()));
    return new Dynamo(builder.build(), endpoint.isPresent());
  }

  private static AwsCredentialsProvider localCredentials() {
    boolean haveKeys = System.getenv("AWS_ACCESS_KEY_ID") != null || System.getProperty("aws.accessKeyId") != null;
    return haveKeys ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
  }

  public DynamoDbClient client() {
    return client;
  }

  /**
   * Makes sure the table exists with the expected keys. Tables are created only on a local
   * endpoint: on AWS they belong to the infrastructure templates, and a missing one is an error.
   */
  public void ensureTable(TableSpec spec) {
    TableDescription table;
    try {
      table = client.describeTable(r -> r.tableName(spec.name())).table();
    } catch (ResourceNotFoundException missing) {
      if (!local) {
        throw new IllegalStateException("DynamoDB table " + spec.name() + " does not exist; create it with key "
            + spec.keyDescription() + " (see conf/ for its definition)");
      }
      create(spec);
      return;
    }
    List<String> actual = table.keySchema().stream().map(KeySchemaElement::attributeName).toList();
    List<String> expected = List.of(spec.hash().name(), spec.range().name());
    if (!actual.equals(expected)) {
      throw new IllegalStateException("DynamoDB table " + spec.name() + " has key " + actual + " but this job writes "
          + spec.keyDescription() + " here: is it a table of the other --schema (native or seed)?");
    }
  }

  private void create(TableSpec spec) {
    Set<AttributeDefinition> attributes = new LinkedHashSet<>();
    attributes.add(definition(spec.hash()));
    attributes.add(definition(spec.range()));
    List<LocalSecondaryIndex> indexes = new ArrayList<>();
    for (TableSpec.Index index : spec.localIndexes()) {
      attributes.add(definition(index.range()));
      indexes.add(LocalSecondaryIndex.builder().indexName(index.name())
          .keySchema(key(spec.hash().name(), KeyType.HASH), key(index.range().name(), KeyType.RANGE))
          .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build());
    }
    CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(spec.name())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(attributes)
        .keySchema(key(spec.hash().name(), KeyType.HASH), key(spec.range().name(), KeyType.RANGE));
    if (!indexes.isEmpty()) {
      request.localSecondaryIndexes(indexes);
    }
    client.createTable(request.build());
    client.waiter().waitUntilTableExists(r -> r.tableName(spec.name()));
  }

  private static AttributeDefinition definition(TableSpec.Key key) {
    return AttributeDefinition.builder().attributeName(key.name()).attributeType(key.type()).build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  public void putAll(String table, List<Map<String, AttributeValue>> items) {
    List<WriteRequest> writes = items.stream().map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build()).toList();
    writeAll(table, writes);
  }

  public void deleteAll(String table, List<Map<String, AttributeValue>> keys) {
    List<WriteRequest> writes = keys.stream().map(k -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(k).build()).build()).toList();
    writeAll(table, writes);
  }

  private void writeAll(String table, List<WriteRequest> writes) {
    for (int start = 0; start < writes.size(); start += BATCH) {
      List<WriteRequest> pending = writes.subList(start, Math.min(writes.size(), start + BATCH));
      for (int round = 0; !pending.isEmpty(); round++) {
        if (round == MAX_UNPROCESSED_ROUNDS) {
          throw new IllegalStateException(pending.size() + " items to " + table + " were still unprocessed after "
              + MAX_UNPROCESSED_ROUNDS + " batch rounds (the table is throttling); nothing is reported as written");
        }
        if (round > 0) {
          sleepBackoff(round);
        }
        Map<String, List<WriteRequest>> request = new HashMap<>();
        request.put(table, pending);
        BatchWriteItemResponse response = client.batchWriteItem(r -> r.requestItems(request));
        pending = response.unprocessedItems().getOrDefault(table, List.of());
      }
    }
  }

  /** Sleeps a jittered, growing while before round {@code round} of a retried batch. */
  public static void sleepBackoff(int round) {
    long capMillis = Math.min(5_000, 50L << Math.min(round, 10));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(capMillis / 2, capMillis + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying DynamoDB writes", e);
    }
  }

  /**
   * Deletes the items of one partition whose numeric sort key is at least {@code from}: a rerun
   * that writes fewer items (a smaller k) must not leave the earlier run's extra ones behind.
   */
  public void deleteSortKeysFrom(TableSpec table, String partition, long from) {
    QueryRequest query = QueryRequest.builder().tableName(table.name())
        .keyConditionExpression("#h = :h AND #r >= :from")
        .expressionAttributeNames(Map.of("#h", table.hash().name(), "#r", table.range().name()))
        .expressionAttributeValues(Map.of(":h", AttributeValue.fromS(partition), ":from", AttributeValue.fromN(Long.toString(from))))
        .projectionExpression("#h, #r").build();
    List<Map<String, AttributeValue>> stale = queryAll(query);
    if (!stale.isEmpty()) {
      deleteAll(table.name(), stale);
    }
  }

  /** Every item of a query, following pages. */
  public List<Map<String, AttributeValue>> queryAll(QueryRequest request) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    client.queryPaginator(request).items().forEach(items::add);
    return items;
  }

  /** A numeric attribute of an item, if the item exists. */
  public Optional<Long> number(String table, Map<String, AttributeValue> key, String attribute) {
    return get(table, key).map(item -> new java.math.BigDecimal(item.get(attribute).n()).longValue());
  }

  public Optional<Map<String, AttributeValue>> get(String table, Map<String, AttributeValue> key) {
    Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
  }

  @Override
  public void close() {
    client.close();
  }
}
