package llmops.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import llmops.io.Dynamo;
import llmops.io.Items;
import llmops.io.TableSpec;
import llmops.udfs.vectors.PythonFloat;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Exactly the AWS sample's items, so its notebooks keep working: drift table
 * {@code jobtype} (S) + {@code jobdate} (N) with {@code score} (MLlib's squared-Euclidean
 * silhouette, as the sample computes it), {@code inertia}, {@code varpc} and {@code clustersizes};
 * centroid table {@code jobtypedate} (S, "BASELINE-1689611647") + {@code centroid} (N) with
 * {@code center}, the comma-joined coordinates.
 */
final class SeedDriftStore implements DriftStore {
  private final Dynamo dynamo;
  private final TableSpec drift;
  private final TableSpec centroids;

  SeedDriftStore(Dynamo dynamo, String driftTable, String centroidTable) {
    this.dynamo = dynamo;
    this.drift = new TableSpec(driftTable, TableSpec.string("jobtype"), TableSpec.number("jobdate"), List.of());
    this.centroids = new TableSpec(centroidTable, TableSpec.string("jobtypedate"), TableSpec.number("centroid"), List.of());
  }

  @Override
  public void prepare(DriftRun run) {
    if (!run.identity().idIsTime()) {
      throw new IllegalArgumentException("--schema seed keys runs by time: --run_id must be epoch seconds (the sample's jobdate), got '"
          + run.identity().runId() + "'");
    }
    dynamo.ensureTable(drift);
    dynamo.ensureTable(centroids);
  }

  @Override
  public List<String> tables() {
    return List.of(drift.name(), centroids.name());
  }

  /** The sample's items hold no centroid radii, mean or data path: a SNAPSHOT cannot be compared from them. */
  @Override
  public Optional<StoredBaseline> baseline(String series, String runId) {
    if (runId != null) {
      throw new IllegalArgumentException("--baseline_run needs --schema native: the seed schema keeps too little of a BASELINE to compare with");
    }
    return Optional.empty();
  }

  /** The seed schema keeps too little of any run to compare with. */
  @Override
  public Optional<StoredBaseline> previousSnapshot(DriftRun run) {
    return Optional.empty();
  }

  /** The seed schema's SNAPSHOTs have no verdict, so no history to judge by. */
  @Override
  public List<DriftRunRecord> history(String series) {
    return List.of();
  }

  @Override
  public int write(DriftRun run, DriftRunRecord record, DriftResult result) {
    long jobdate = run.identity().epochSeconds();
    String jobtypedate = run.jobType() + "-" + jobdate;
    List<Map<String, AttributeValue>> centroidItems = new ArrayList<>();
    for (int c = 0; c < result.centroids().k(); c++) {
      StringJoiner center = new StringJoiner(",");
      for (double v : result.centroids().centre(c)) {
        center.add(PythonFloat.repr(v));
      }
      centroidItems.add(Map.of(
          "jobtypedate", AttributeValue.fromS(jobtypedate),
          "centroid", AttributeValue.fromN(Integer.toString(c)),
          "center", AttributeValue.fromS(center.toString())));
    }
    dynamo.putAll(centroids.name(), centroidItems);
    dynamo.deleteSortKeysFrom(centroids, jobtypedate, result.centroids().k());
    dynamo.putAll(drift.name(), List.of(Map.of(
        "jobtype", AttributeValue.fromS(run.jobType().name()),
        "jobdate", AttributeValue.fromN(Long.toString(jobdate)),
        "score", Items.toAttribute(result.silhouetteSquaredEuclidean()),
        "inertia", Items.toAttribute(result.inertia()),
        "varpc", AttributeValue.fromN(Integer.toString(result.componentsForVariance() - 1)),
        "clustersizes", AttributeValue.fromS(PythonFloat.intList(result.clusters().counts())))));
    return centroidItems.size() + 1;
  }

}
