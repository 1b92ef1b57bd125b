package llmops.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import llmops.distance.DistanceRunRecord;
import llmops.distance.NativeDistanceStore;
import llmops.drift.DriftRunRecord;
import llmops.drift.NativeDriftStore;
import llmops.drift.StoredBaseline;
import llmops.eval.EvalRunRecord;
import llmops.eval.EvaluationStore;
import llmops.eval.PairwiseRecord;
import llmops.eval.SelectionRecord;
import llmops.io.Dynamo;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** What the report reads from DynamoDB: the jobs' items, never written to and never created. */
final class ReportSources {
  private final Dynamo dynamo;
  private final ReportTables tables;

  ReportSources(Dynamo dynamo, ReportTables tables) {
    this.dynamo = dynamo;
    this.tables = tables;
  }

  /** Whether a table exists: a job that never ran has no table, and the report says so instead of failing. */
  boolean exists(String table) {
    try {
      dynamo.client().describeTable(r -> r.tableName(table));
      return true;
    } catch (ResourceNotFoundException missing) {
      return false;
    }
  }

  /** The partition keys present in a table (drift or distance series, eval datasets), sorted. */
  List<String> partitions(String table, String key) {
    TreeSet<String> found = new TreeSet<>();
    dynamo.client().scanPaginator(r -> r.tableName(table).projectionExpression("#k").expressionAttributeNames(Map.of("#k", key)))
        .items().stream().filter(item -> item.containsKey(key)).forEach(item -> found.add(item.get(key).s()));
    return new ArrayList<>(found);
  }

  List<DriftRunRecord> driftRuns(String series) {
    return new NativeDriftStore(dynamo, tables.drift(), tables.centroids()).runs(series);
  }

  List<DistanceRunRecord> distanceRuns(String series) {
    return new NativeDistanceStore(dynamo, tables.distance()).runs(series);
  }

  /** The BASELINE a distance run measured against, with its centroids' own distance quantiles; empty when it is gone. */
  Optional<StoredBaseline> baseline(String series, String runId) {
    if (!exists(tables.drift()) || !exists(tables.centroids())) {
      return Optional.empty();
    }
    return new NativeDriftStore(dynamo, tables.drift(), tables.centroids()).baseline(series, runId);
  }

  List<EvalRunRecord> latestEvaluations(String dataset) {
    return new EvaluationStore(dynamo, tables.eval()).leaderboard(dataset);
  }

  Optional<SelectionRecord> selection(String dataset) {
    return new EvaluationStore(dynamo, tables.eval()).latestSelection(dataset);
  }

  Optional<PairwiseRecord> pairwise(String dataset) {
    return new EvaluationStore(dynamo, tables.eval()).latestPairwise(dataset);
  }
}
