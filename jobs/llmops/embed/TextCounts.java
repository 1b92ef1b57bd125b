package llmops.embed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import llmops.io.BadRecord;
import llmops.io.TextInput;
import llmops.udfs.vectors.Reasons;

/** How many records the input had, how many have usable text, and why the others were set aside. */
record TextCounts(long records, long usable, long blankLines, Map<String, Long> quarantinedByReason) implements java.io.Serializable {
  static TextCounts of(TextInput.Parsed input) {
    List<TextCounts> perBatch = input.batches().map(b -> {
      Map<String, Long> reasons = new TreeMap<>();
      long badRecords = 0;
      for (BadRecord bad : b.bad()) {
        reasons.merge(bad.reason(), 1L, Long::sum);
        // A corrupt file is quarantined once but is not a record, as in the drift and distance jobs' counts.
        badRecords += bad.reason().equals(Reasons.CORRUPT_FILE) ? 0 : 1;
      }
      return new TextCounts(b.texts().size() + badRecords, b.texts().size(), b.blankLines(), reasons);
    }).collect();
    long records = 0;
    long usable = 0;
    long blank = 0;
    Map<String, Long> reasons = new TreeMap<>();
    for (TextCounts c : perBatch) {
      records += c.records();
      usable += c.usable();
      blank += c.blankLines();
      c.quarantinedByReason().forEach((r, n) -> reasons.merge(r, n, Long::sum));
    }
    return new TextCounts(records, usable, blank, reasons);
  }

  long quarantined() {
    return quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  Map<String, Object> asMap(String path, TextInput.Format format, int files, String quarantinePath) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("input_path", path);
    m.put("format", format.name().toLowerCase());
    m.put("files", files);
    m.put("records", records);
    m.put("usable", usable);
    m.put("quarantined", quarantined());
    m.put("quarantined_by_reason", quarantinedByReason);
    m.put("quarantine_path", quarantinePath);
    m.put("blank_lines_skipped", blankLines);
    return m;
  }
}
