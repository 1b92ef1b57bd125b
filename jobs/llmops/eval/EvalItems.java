package llmops.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import llmops.io.Records;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The evaluation store's serialiser: a model's run record, a selection record or a pairwise record to its
 * item and back. The items add only their keys, {@code dataset} and {@code run} (which of a run's items this
 * is: {@code RUN#}, {@code LATEST#}, {@code SELECTION#}; see {@link EvaluationStore}).
 */
public final class EvalItems {
  private static final List<String> KEYS = List.of("dataset", "run");

  private EvalItems() {}

  public static Map<String, AttributeValue> runItem(String dataset, String runKey, EvalRunRecord run) {
    return keyed(dataset, runKey, Records.toTree(run));
  }

  public static EvalRunRecord run(Map<String, AttributeValue> item) {
    return Records.read(unkeyed(item), EvalRunRecord.class);
  }

  public static Map<String, AttributeValue> selectionItem(String dataset, String runKey, SelectionRecord selection) {
    return keyed(dataset, runKey, Records.toTree(selection));
  }

  public static SelectionRecord selection(Map<String, AttributeValue> item) {
    return Records.read(unkeyed(item), SelectionRecord.class);
  }

  public static Map<String, AttributeValue> pairwiseItem(String dataset, String runKey, PairwiseRecord pairwise) {
    return keyed(dataset, runKey, Records.toTree(pairwise));
  }

  public static PairwiseRecord pairwise(Map<String, AttributeValue> item) {
    return Records.read(unkeyed(item), PairwiseRecord.class);
  }

  private static Map<String, AttributeValue> keyed(String dataset, String runKey, ObjectNode tree) {
    tree.put("dataset", dataset);
    tree.put("run", runKey);
    return Records.toItem(tree);
  }

  private static ObjectNode unkeyed(Map<String, AttributeValue> item) {
    ObjectNode tree = Records.itemTree(item);
    tree.remove(KEYS);
    return tree;
  }
}
