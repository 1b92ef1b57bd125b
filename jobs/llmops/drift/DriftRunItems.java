package llmops.drift;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import llmops.io.Records;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The native drift store's serialiser: a run record to its run item and back, a centroid record to
 * its centroid item and back. The items add only keys: the run's {@code run} (sort key) and
 * {@code type_ts} (its index key), and the attributes {@link RunWithCentroids} adds (the centroid
 * pointer, count and digest; a centroid's partition key).
 */
public final class DriftRunItems {
  /** Attributes of a run item that are keys or publication state, not part of the record. */
  private static final List<String> RUN_KEYS = List.of("run", "type_ts", RunWithCentroids.POINTER, RunWithCentroids.COUNT,
      RunWithCentroids.DIGEST);
  /** A centroid item's partition key: its run's centroid pointer. */
  private static final String CENTROID_PARTITION = "run";

  private DriftRunItems() {}

  /** The run item, without the attributes {@link RunWithCentroids} adds when it publishes it. */
  public static Map<String, AttributeValue> runItem(DriftRunRecord run) {
    ObjectNode tree = Records.toTree(run);
    tree.put("run", run.runKey());
    tree.put("type_ts", DriftRun.typeTimeKey(DriftRun.JobType.valueOf(run.jobType()), run.runTs(), run.runId()));
    return Records.toItem(tree);
  }

  public static DriftRunRecord run(Map<String, AttributeValue> item) {
    ObjectNode tree = Records.itemTree(item);
    tree.remove(RUN_KEYS);
    return Records.read(tree, DriftRunRecord.class);
  }

  /** The centroid item, without its partition key (the run's pointer, which {@link RunWithCentroids} chooses). */
  public static Map<String, AttributeValue> centroidItem(CentroidRecord centroid) {
    return Records.toItem(Records.toTree(centroid));
  }

  public static CentroidRecord centroid(Map<String, AttributeValue> item) {
    ObjectNode tree = Records.itemTree(item);
    tree.remove(CENTROID_PARTITION);
    return Records.read(tree, CentroidRecord.class);
  }
}
