package llmops.drift;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import llmops.io.Records;
import llmops.spark.BlockPartitions;

/**
 * The drift job's JSON summary line: the run record without its binary mean, then what it wrote, how
 * long each phase took and how the vectors were spread over the cores.
 */
final class DriftSummaryLine {
  /** @param assignmentsPath null without --assignments_path */
  record Outputs(List<String> tables, int itemsWritten, String assignmentsPath) {}

  private DriftSummaryLine() {}

  static String json(DriftRunRecord run, Outputs outputs, Map<String, Double> timings, BlockPartitions.Layout partitions) {
    ObjectNode line = Records.toTree(run);
    line.remove("mean");
    line.set("outputs", Records.toTree(outputs));
    line.set("timings_s", Records.toTree(timings));
    line.set("partitions", Records.toTree(partitions));
    return Records.json(line);
  }
}
