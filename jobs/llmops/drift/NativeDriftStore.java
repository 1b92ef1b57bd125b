package llmops.drift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import llmops.io.Dynamo;
import llmops.io.Float32Vector;
import llmops.io.QuantileSet;
import llmops.io.TableSpec;
import llmops.udfs.clustering.ClusterStats;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The native schema.
 *
 * <p>Runs table: partition {@code series}, sort {@code run} = "BASELINE#run_id"; the whole run
 * summary as attributes; local index {@code by_time} (sort {@code run_ts}) lists a series' history
 * in time order, and {@code by_type_time} (sort {@code type_ts} = "BASELINE#000001689611647#id")
 * finds its latest BASELINE with one Query (begins_with "BASELINE#", descending, limit 1).
 *
 * <p>Centroid table: partition {@code run} = "series#BASELINE#run_id#generation" (the run item's
 * {@code centroid_key}), sort {@code centroid} (0..k-1), the centre as float32 little-endian bytes
 * ({@code center}), and the cluster's size, proportion and distances. {@link RunWithCentroids}
 * writes them so that a reader sees all of a run's centroids or none, even while it is replaced.
 */
public final class NativeDriftStore implements DriftStore {
  static final String BY_TIME = "by_time";
  static final String BY_TYPE_TIME = "by_type_time";

  private final Dynamo dynamo;
  private final TableSpec runs;
  private final TableSpec centroids;

  public NativeDriftStore(Dynamo dynamo, String runsTable, String centroidTable) {
    this.dynamo = dynamo;
    this.runs = new TableSpec(runsTable, TableSpec.string("series"), TableSpec.string("run"), List.of(
        new TableSpec.Index(BY_TIME, TableSpec.number("run_ts")),
        new TableSpec.Index(BY_TYPE_TIME, TableSpec.string("type_ts"))));
    this.centroids = new TableSpec(centroidTable, TableSpec.string("run"), TableSpec.number("centroid"), List.of());
  }

  /** Checks (locally: creates) the tables; a distance run reads them without writing. */
  public void ensureTables() {
    dynamo.ensureTable(runs);
    dynamo.ensureTable(centroids);
  }

  @Override
  public void prepare(DriftRun run) {
    ensureTables();
  }

  @Override
  public List<String> tables() {
    return List.of(runs.name(), centroids.name());
  }

  @Override
  public int write(DriftRun run, DriftRunRecord record, DriftResult result) {
    DriftRunRecord stored = record.withRunTs(runTime(run));
    return publication().publish(DriftRunItems.runItem(stored), run.centroidKey(), centroidItems(run, result));
  }

  /** A series' runs, oldest first (by run_ts, then run key: reruns keep their first time). */
  public List<DriftRunRecord> runs(String series) {
    QueryRequest query = QueryRequest.builder().tableName(runs.name()).keyConditionExpression("series = :s")
        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(series))).consistentRead(true).build();
    List<DriftRunRecord> found = new ArrayList<>(dynamo.queryAll(query).stream().map(DriftRunItems::run).toList());
    found.sort(Comparator.comparingLong(DriftRunRecord::runTs).thenComparing(DriftRunRecord::runKey));
    return found;
  }

  @Override
  public List<DriftRunRecord> history(String series) {
    return runs(series);
  }

  private RunWithCentroids publication() {
    return new RunWithCentroids(dynamo, runs, centroids);
  }

  private long runTime(DriftRun run) {
    Map<String, AttributeValue> key = Map.of("series", AttributeValue.fromS(run.series()), "run", AttributeValue.fromS(run.runKey()));
    return run.identity().keepingFirstTime(() -> dynamo.number(runs.name(), key, "run_ts")).epochSeconds();
  }

  /**
   * The BASELINE a SNAPSHOT is compared with: run {@code runId} of the series, or its latest BASELINE
   * when {@code runId} is null; empty when there is none.
   */
  @Override
  public Optional<StoredBaseline> baseline(String series, String runId) {
    Optional<Map<String, AttributeValue>> item;
    if (runId != null) {
      item = dynamo.get(runs.name(), Map.of("series", AttributeValue.fromS(series),
          "run", AttributeValue.fromS(DriftRun.JobType.BASELINE + "#" + runId)));
    } else {
      QueryRequest latest = QueryRequest.builder().tableName(runs.name()).indexName(BY_TYPE_TIME)
          .keyConditionExpression("series = :s AND begins_with(type_ts, :t)")
          .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(series), ":t", AttributeValue.fromS(DriftRun.JobType.BASELINE + "#")))
          .scanIndexForward(false).limit(1).consistentRead(true).build();
      item = dynamo.client().query(latest).items().stream().findFirst();
    }
    if (item.isEmpty()) {
      return Optional.empty();
    }
    RunWithCentroids.Read read = publication().complete(item.get());
    return Optional.of(StoredBaseline.of(DriftRunItems.run(read.run()), read.centroids().stream().map(DriftRunItems::centroid).toList()));
  }

  @Override
  public Optional<StoredBaseline> previousSnapshot(DriftRun run) {
    String snapshots = DriftRun.JobType.SNAPSHOT + "#";
    String mine = DriftRun.typeTimeKey(DriftRun.JobType.SNAPSHOT, run.identity().epochSeconds(), run.identity().runId());
    // SNAPSHOT type keys sort by time then id: the newest below this run's own key, skipping this run's item (a rerun's).
    QueryRequest before = QueryRequest.builder().tableName(runs.name()).indexName(BY_TYPE_TIME)
        .keyConditionExpression("series = :s AND type_ts BETWEEN :from AND :to")
        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(run.series()), ":from", AttributeValue.fromS(snapshots),
            ":to", AttributeValue.fromS(mine)))
        .scanIndexForward(false).limit(2).consistentRead(true).build();
    Optional<Map<String, AttributeValue>> item = dynamo.client().query(before).items().stream()
        .filter(i -> !i.get("run").s().equals(run.runKey())).findFirst();
    if (item.isEmpty()) {
      return Optional.empty();
    }
    RunWithCentroids.Read read = publication().complete(item.get());
    return Optional.of(StoredBaseline.of(DriftRunItems.run(read.run()), read.centroids().stream().map(DriftRunItems::centroid).toList()));
  }

  private static List<Map<String, AttributeValue>> centroidItems(DriftRun run, DriftResult result) {
    ClusterStats stats = result.clusters();
    long total = stats.total();
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int c = 0; c < result.centroids().k(); c++) {
      CentroidRecord.DistanceProfile distances = new CentroidRecord.DistanceProfile(
          QuantileSet.of(result.referenceDistances().euclidean()[c]), QuantileSet.of(result.referenceDistances().cosine()[c]));
      items.add(DriftRunItems.centroidItem(new CentroidRecord(c, Float32Vector.of(result.centroids().centre(c)), CentroidRecord.FLOAT32_LE,
          result.dim(), stats.count(c), total == 0 ? 0.0 : (double) stats.count(c) / total, stats.meanDistance(c), stats.maxDistance(c),
          distances, run.series(), run.jobType().name(), run.identity().runId())));
    }
    return items;
  }
}
