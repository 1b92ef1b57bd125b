package llmops.distance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import llmops.config.RunIdentity;
import llmops.io.Dynamo;
import llmops.io.TableSpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The native schema: partition {@code series}, sort {@code run} = "DISTANCE#run_id", the whole
 * summary as attributes, and a local index {@code by_time} (sort {@code run_ts}) for the series' trend.
 */
public final class NativeDistanceStore implements DistanceStore {
  static final String BY_TIME = "by_time";
  private final Dynamo dynamo;
  private final TableSpec runs;

  public NativeDistanceStore(Dynamo dynamo, String table) {
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
  public List<DistanceRunRecord> previousRuns(String series, RunIdentity current, int limit) {
    QueryRequest query = QueryRequest.builder().tableName(runs.name()).indexName(BY_TIME)
        .keyConditionExpression("series = :s AND run_ts <= :t")
        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(series), ":t", AttributeValue.fromN(Long.toString(current.epochSeconds()))))
        .scanIndexForward(false).limit(limit + 1).consistentRead(true).build();
    return dynamo.client().query(query).items().stream()
        .filter(item -> !item.get("run").s().equals(runKey(current)))
        .limit(limit)
        .map(DistanceRunItems::run)
        .toList();
  }

  @Override
  public void write(DistanceRunRecord record) {
    dynamo.putAll(runs.name(), List.of(DistanceRunItems.runItem(record)));
  }

  /** A series' runs, oldest first (by run_ts, then run key: reruns keep their first time). */
  public List<DistanceRunRecord> runs(String series) {
    QueryRequest query = QueryRequest.builder().tableName(runs.name()).keyConditionExpression("series = :s")
        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(series))).consistentRead(true).build();
    List<DistanceRunRecord> found = new ArrayList<>(dynamo.queryAll(query).stream().map(DistanceRunItems::run).toList());
    found.sort(Comparator.comparingLong(DistanceRunRecord::runTs).thenComparing(DistanceRunRecord::runKey));
    return found;
  }

  @Override
  public String table() {
    return runs.name();
  }

  private static String runKey(RunIdentity run) {
    return DistanceRunRecord.runKey(run.runId());
  }

}
