package llmops.testing;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every item of some DynamoDB Local tables, to compare what two runs left behind. The only attribute
 * left out is {@code timings_s}, the wall time of each phase: it is measured, so it differs from one
 * run to the next, and nothing reads it back.
 */
public final class TableContents {
  public static final List<String> TIME_DEPENDENT = List.of("timings_s");

  private TableContents() {}

  public static Map<String, Set<Map<String, AttributeValue>>> of(String... tables) throws Exception {
    Map<String, Set<Map<String, AttributeValue>>> contents = new TreeMap<>();
    try (DynamoDbClient dynamo = LocalServices.dynamoDbClient()) {
      for (String table : tables) {
        Set<Map<String, AttributeValue>> items = new HashSet<>();
        dynamo.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(item -> {
          Map<String, AttributeValue> kept = new HashMap<>(item);
          TIME_DEPENDENT.forEach(kept::remove);
          items.add(kept);
        });
        contents.put(table, items);
      }
    }
    return contents;
  }
}
