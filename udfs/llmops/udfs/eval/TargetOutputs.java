package llmops.udfs.eval;

import java.util.ArrayList;
import java.util.List;

/** The possible targets of a record: its target output split on the algorithm's delimiter, as Python's {@code str.split(sep)} does. */
public final class TargetOutputs {
  private TargetOutputs() {}

  /** Every piece, empty ones included; a null delimiter (fmeval's None) means one target. */
  public static List<String> split(String targetOutput, String delimiter) {
    if (delimiter == null) {
      return List.of(targetOutput);
    }
    if (delimiter.isEmpty()) {
      throw new IllegalArgumentException("empty delimiter"); // as Python's str.split: "empty separator"
    }
    // Cut at each occurrence from the left, as str.split does; without a regular expression compiled for every record.
    List<String> pieces = new ArrayList<>();
    int from = 0;
    for (int at = targetOutput.indexOf(delimiter); at >= 0; at = targetOutput.indexOf(delimiter, from)) {
      pieces.add(targetOutput.substring(from, at));
      from = at + delimiter.length();
    }
    pieces.add(targetOutput.substring(from));
    return List.copyOf(pieces);
  }
}
