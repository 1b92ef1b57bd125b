package llmops.drift;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import llmops.io.Records;

/** The drift job's JSON summary line: the run record without its binary mean, then what it wrote and how long each phase took. */
final class DriftSummaryLine {
  /** @param assignmentsPath null without --assignments_path */
  record Outputs(List<String> tables, int itemsWritten, String assignmentsPath) {}

  private DriftSummaryLine() {}

  static String json(DriftRunRecord run, Outputs outputs, Map<String, Double> timings) {
    ObjectNode line = Records.toTree(run);
    line.remove("mean");
    line.set("outputs", Records.toTree(outputs));
    line.set("timings_s", Records.toTree(timings));
    return Records.json(line);
  }
}
