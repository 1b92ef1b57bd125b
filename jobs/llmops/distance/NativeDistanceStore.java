package llmops.distance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmops.config.RunIdentity;
import llmops.io.Dynamo;
import llmops.io.Items;
import llmops.io.TableSpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The native schema: partition {@code series}, sort {@code run} = "DISTANCE#run_id", the whole
 * summary as attributes, and a local index {@code by_time} (sort {@code run_ts}) for the series' trend.
 */
final class NativeDistanceStore implements DistanceStore {
  static final String BY_TIME = "by_time";
  private final Dynamo dynamo;
  private final TableSpec runs;

  NativeDistanceStore(Dynamo dynamo, String table) {
    this.dynamo = dynamo;
    this.runs = new TableSpec(table, TableSpec.string("series"), TableSpec.string("run"),
        List.of(new TableSpec.Index(BY_TIME, TableSpec.number("run_ts"))));
  }

  @Override
  public void prepare(RunIdentity run) {
    dynamo.ensureTable(runs);
  }

  @Override
  public RunIdentity stored(String series, RunIdentity run) {
    Map<String, AttributeValue> key = Map.of("series", AttributeValue.fromS(series), "run", AttributeValue.fromS(runKey(run)));
    return run.keepingFirstTime(() -> dynamo.number(runs.name(), key, "run_ts"));
  }

  @Override
  public List<Map<String, Object>> previousRuns(String series, RunIdentity current, int limit) {
    QueryRequest query = QueryRequest.builder().tableName(runs.name()).indexName(BY_TIME)
        .keyConditionExpression("series = :s AND run_ts <= :t")
        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(series), ":t", AttributeValue.fromN(Long.toString(current.epochSeconds()))))
        .scanIndexForward(false).limit(limit + 1).consistentRead(true).build();
    return dynamo.client().query(query).items().stream()
        .filter(item -> !item.get("run").s().equals(runKey(current)))
        .limit(limit)
        .map(Items::fromItem)
        .toList();
  }

  @Override
  public void write(String series, RunIdentity run, Map<String, Object> report) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("series", series);
    item.put("run", runKey(run));
    item.putAll(report);
    dynamo.putAll(runs.name(), List.of(Items.toItem(item)));
  }

  @Override
  public String table() {
    return runs.name();
  }

  private static String runKey(RunIdentity run) {
    return "DISTANCE#" + run.runId();
  }

}
