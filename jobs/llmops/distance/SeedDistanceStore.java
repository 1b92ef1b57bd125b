package llmops.distance;

import java.util.List;
import java.util.Map;
import llmops.config.RunIdentity;
import llmops.io.Dynamo;
import llmops.io.Items;
import llmops.io.TableSpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Exactly the AWS sample's item: {@code jobtype} (S) = "DISTANCE" + {@code jobdate} (N, epoch seconds)
 * with {@code mean}, {@code median} and {@code stdev} of the prompts' distances. The sample's were
 * squared Euclidean distances; these are the run's --metric distances, not squared.
 */
final class SeedDistanceStore implements DistanceStore {
  private final Dynamo dynamo;
  private final TableSpec table;

  SeedDistanceStore(Dynamo dynamo, String table) {
    this.dynamo = dynamo;
    this.table = new TableSpec(table, TableSpec.string("jobtype"), TableSpec.number("jobdate"), List.of());
  }

  @Override
  public void prepare(RunIdentity run) {
    if (!run.idIsTime()) {
      throw new IllegalArgumentException("--schema seed keys runs by time: --run_id must be epoch seconds (the sample's jobdate), got '"
          + run.runId() + "'");
    }
    dynamo.ensureTable(table);
  }

  /** Seed run ids are times already (see {@link #prepare}). */
  @Override
  public RunIdentity stored(String series, RunIdentity run) {
    return run;
  }

  /** The sample's items keep no per-series history to compare with. */
  @Override
  public List<DistanceRunRecord> previousRuns(String series, RunIdentity current, int limit) {
    return List.of();
  }

  @Override
  public void write(DistanceRunRecord record) {
    DistanceRunRecord.Statistics overall = record.distances().overall();
    dynamo.putAll(table.name(), List.of(Map.of(
        "jobtype", AttributeValue.fromS("DISTANCE"),
        "jobdate", AttributeValue.fromN(Long.toString(record.runTs())),
        "mean", Items.toAttribute(overall.mean()),
        "median", Items.toAttribute(overall.p50()),
        "stdev", Items.toAttribute(overall.stddev()))));
  }

  @Override
  public String table() {
    return table.name();
  }
}
