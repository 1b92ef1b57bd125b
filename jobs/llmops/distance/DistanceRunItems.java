package llmops.distance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import llmops.io.Records;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The native distance store's serialiser: a run record to its item and back; the item adds only the sort key {@code run}. */
public final class DistanceRunItems {
  private static final String RUN_KEY = "run";

  private DistanceRunItems() {}

  public static Map<String, AttributeValue> runItem(DistanceRunRecord run) {
    ObjectNode tree = Records.toTree(run);
    tree.put(RUN_KEY, run.runKey());
    return Records.toItem(tree);
  }

  public static DistanceRunRecord run(Map<String, AttributeValue> item) {
    ObjectNode tree = Records.itemTree(item);
    tree.remove(RUN_KEY);
    return Records.read(tree, DistanceRunRecord.class);
  }
}
