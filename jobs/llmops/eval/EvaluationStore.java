package llmops.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import llmops.config.RunIdentity;
import llmops.io.Dynamo;
import llmops.io.TableSpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Evaluation summaries in DynamoDB, partition {@code dataset}, sort {@code run}, two kinds of item:
 * <ul>
 *   <li>{@code RUN#<model>#<run_id>}: one per model and run, never replaced by another run, so a
 *       model's history on a dataset is one Query on the prefix {@code RUN#<model>#};</li>
 *   <li>{@code LATEST#<model>}: the same attributes for the model's newest run (by {@code run_ts};
 *       a rerun of an older run does not displace it), so the leaderboard of a dataset is one Query
 *       on the prefix {@code LATEST#}.</li>
 *   <li>{@code SELECTION#<run_id>} and {@code SELECTION#LATEST}: the ranking of a run of several
 *       models and the chosen one.</li>
 *   <li>{@code PAIRWISE#<run_id>} and {@code PAIRWISE#LATEST}: a pairwise judge's comparison of a run's models.</li>
 * </ul>
 */
public final class EvaluationStore {
  static final String RUN = "RUN#";
  static final String LATEST = "LATEST#";
  static final String SELECTION = "SELECTION#";
  static final String PAIRWISE = "PAIRWISE#";
  private final Dynamo dynamo;
  private final TableSpec table;

  public EvaluationStore(Dynamo dynamo, String name) {
    this.dynamo = dynamo;
    this.table = new TableSpec(name, TableSpec.string("dataset"), TableSpec.string("run"), List.of());
  }

  void prepare() {
    dynamo.ensureTable(table);
  }

  String table() {
    return table.name();
  }

  /** The run's identity as first stored for this model, so a rerun with the same non-numeric id keeps its time. */
  RunIdentity stored(String dataset, String model, RunIdentity run) {
    return run.keepingFirstTime(() -> dynamo.number(table.name(), key(dataset, RUN + model + "#" + run.runId()), "run_ts"));
  }

  void write(String dataset, RunIdentity run, EvalRunRecord record) {
    String model = record.model();
    writeWithLatest(run, EvalItems.runItem(dataset, RUN + model + "#" + run.runId(), record),
        EvalItems.runItem(dataset, LATEST + model, record));
  }

  /** The selection of a run of several models: {@code SELECTION#<run_id>}, and {@code SELECTION#LATEST} for the newest run. */
  void writeSelection(String dataset, RunIdentity run, SelectionRecord selection) {
    writeWithLatest(run, EvalItems.selectionItem(dataset, SELECTION + run.runId(), selection),
        EvalItems.selectionItem(dataset, SELECTION + "LATEST", selection));
  }

  /** Pairwise judging of a run's models: {@code PAIRWISE#<run_id>}, and {@code PAIRWISE#LATEST} for the newest run. */
  void writePairwise(String dataset, RunIdentity run, PairwiseRecord pairwise) {
    writeWithLatest(run, EvalItems.pairwiseItem(dataset, PAIRWISE + run.runId(), pairwise),
        EvalItems.pairwiseItem(dataset, PAIRWISE + "LATEST", pairwise));
  }

  /** The dataset's latest pairwise judging; empty when none was stored. */
  public Optional<PairwiseRecord> latestPairwise(String dataset) {
    Map<String, AttributeValue> item = dynamo.client().getItem(b -> b.tableName(table.name()).key(key(dataset, PAIRWISE + "LATEST"))
        .consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(EvalItems.pairwise(item));
  }

  /** The dataset's latest selection; empty when no run of several models was stored. */
  public Optional<SelectionRecord> latestSelection(String dataset) {
    Map<String, AttributeValue> item = dynamo.client().getItem(b -> b.tableName(table.name()).key(key(dataset, SELECTION + "LATEST"))
        .consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(EvalItems.selection(item));
  }

  /** The run's own item, and the "latest" item unless a newer run (by run_ts) is already there. */
  private void writeWithLatest(RunIdentity run, Map<String, AttributeValue> own, Map<String, AttributeValue> latest) {
    dynamo.putAll(table.name(), List.of(own));
    try {
      dynamo.client().putItem(PutItemRequest.builder().tableName(table.name()).item(latest)
          .conditionExpression("attribute_not_exists(run_ts) OR run_ts <= :ts")
          .expressionAttributeValues(Map.of(":ts", AttributeValue.fromN(Long.toString(run.epochSeconds())))).build());
    } catch (ConditionalCheckFailedException newerRunStored) {
      // The latest item already shows a newer run.
    }
  }

  /** The model's runs on the dataset, oldest first. */
  List<EvalRunRecord> history(String dataset, String model) {
    return query(dataset, RUN + model + "#");
  }

  /** Every model's newest run on the dataset. */
  public List<EvalRunRecord> leaderboard(String dataset) {
    return query(dataset, LATEST);
  }

  private List<EvalRunRecord> query(String dataset, String prefix) {
    QueryRequest request = QueryRequest.builder().tableName(table.name())
        .keyConditionExpression("dataset = :d AND begins_with(#run, :p)")
        .expressionAttributeNames(Map.of("#run", "run"))
        .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(dataset), ":p", AttributeValue.fromS(prefix)))
        .consistentRead(true).build();
    List<EvalRunRecord> items = new ArrayList<>(dynamo.queryAll(request).stream().map(EvalItems::run).toList());
    items.sort(Comparator.comparingLong(EvalRunRecord::runTs));
    return items;
  }

  private static Map<String, AttributeValue> key(String dataset, String run) {
    return Map.of("dataset", AttributeValue.fromS(dataset), "run", AttributeValue.fromS(run));
  }
}
