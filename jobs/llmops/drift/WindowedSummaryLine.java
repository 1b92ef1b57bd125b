package llmops.drift;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import llmops.io.Records;
import llmops.udfs.time.TimeWindow;

/**
 * The summary line of a --window run: the whole input as read, then under {@code windows} one entry
 * per window, earliest first: a judged window's entry is its run record as a plain SNAPSHOT's summary
 * line gives it (without the binary mean); a window too small to judge says why.
 */
final class WindowedSummaryLine {
  /**
   * A window that was not judged.
   *
   * @param vectors its valid vectors
   */
  record NotJudged(DriftRunRecord.Window window, String runId, long vectors, boolean judged, String reason) {}

  /** One window's entry: exactly one of the two is set. */
  record Entry(DriftRunRecord judged, NotJudged notJudged) {
    static Entry judged(DriftRunRecord run) {
      return new Entry(run, null);
    }

    static Entry notJudged(DriftRunRecord.Window window, String runId, long vectors, String reason) {
      return new Entry(null, new NotJudged(window, runId, vectors, false, reason));
    }

    ObjectNode tree() {
      if (notJudged != null) {
        return Records.toTree(notJudged);
      }
      ObjectNode run = Records.toTree(judged);
      run.remove("mean");
      run.put("judged", true);
      return run;
    }
  }

  private WindowedSummaryLine() {}

  static String json(DriftRun run, DriftRunRecord.Input input, TimeWindow window, String timeField, long minWindowSize, List<Entry> entries,
      DriftSummaryLine.Outputs outputs, Map<String, Double> timings) {
    ObjectNode line = Records.toTree(new Header(DriftRunRecord.JOB, DriftRunRecord.OK, run.jobType().name(), run.series(), window.spec(),
        timeField, minWindowSize, input));
    line.putArray("windows").addAll(entries.stream().map(Entry::tree).toList());
    line.set("outputs", Records.toTree(outputs));
    line.set("timings_s", Records.toTree(timings));
    return Records.json(line);
  }

  /** The line's first keys: what ran, on which input, split how. */
  private record Header(String job, String status, String jobType, String series, String window, String timeField, long minWindowSize,
      DriftRunRecord.Input input) {}
}
