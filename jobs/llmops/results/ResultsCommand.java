package llmops.results;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import llmops.io.Dynamo;
import llmops.io.Items;
import llmops.io.Locations;
import llmops.io.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code results --table T}: prints a table's items as JSON Lines, so a user sees exactly what a job wrote. */
@Command(name = "results", mixinStandardHelpOptions = true, description = "Print a DynamoDB table's items as JSON Lines.")
public final class ResultsCommand implements Callable<Integer> {
  @Option(names = "--table", required = true, description = "Table to print")
  String table;
  @Option(names = "--limit", defaultValue = "1000", description = "Items at most (default: ${DEFAULT-VALUE})")
  int limit;

  @Override
  public Integer call() {
    new Locations().table("--table", table).check();
    try (Dynamo dynamo = Dynamo.connect()) {
      dynamo.client().scanPaginator(r -> r.tableName(table)).items().stream().limit(limit)
          .forEach(item -> System.out.println(Summary.json(readable(item))));
    }
    return 0;
  }

  /** Numbers stay numbers; binary (the float32 centres) is shown as base64. */
  private static Map<String, Object> readable(Map<String, AttributeValue> item) {
    Map<String, Object> out = new LinkedHashMap<>();
    item.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.put(e.getKey(), jsonable(Items.fromAttribute(e.getValue()))));
    return out;
  }

  private static Object jsonable(Object value) {
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), jsonable(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      return l.stream().map(ResultsCommand::jsonable).toList();
    }
    return value;
  }
}
