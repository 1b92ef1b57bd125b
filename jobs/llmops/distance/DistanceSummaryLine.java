package llmops.distance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import llmops.io.Records;

/** The distance job's JSON summary line: the run record, then how long each phase took. */
final class DistanceSummaryLine {
  private DistanceSummaryLine() {}

  static String json(DistanceRunRecord run, Map<String, Double> timings) {
    ObjectNode line = Records.toTree(run);
    line.set("timings_s", Records.toTree(timings));
    return Records.json(line);
  }
}
