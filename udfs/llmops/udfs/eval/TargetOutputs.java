package llmops.udfs.eval;

import java.util.List;
import java.util.regex.Pattern;

/** The possible targets of a record: its target output split on the algorithm's delimiter, as Python's {@code str.split(sep)} does. */
public final class TargetOutputs {
  private TargetOutputs() {}

  /** Every piece, empty ones included; a null delimiter (fmeval's None) means one target. */
  public static List<String> split(String targetOutput, String delimiter) {
    if (delimiter == null) {
      return List.of(targetOutput);
    }
    return List.of(targetOutput.split(Pattern.quote(delimiter), -1));
  }
}
