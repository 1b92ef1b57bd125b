package llmops.udfs.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * fmeval's {@code convert_model_output_to_label}: the first space-separated word of the output that,
 * lowercased and stripped, is one of the (lowercased, stripped) valid labels; else {@value #UNKNOWN}.
 * As in fmeval the prediction is compared with the target output as written, so a target label in
 * capitals never matches: keep labels lowercase.
 */
public final class ClassificationLabel implements java.io.Serializable {
  public static final String UNKNOWN = "unknown";
  /** fmeval's name of the score. */
  public static final String SCORE = "classification_accuracy_score";
  private final Set<String> validLabels = new HashSet<>();

  public ClassificationLabel(List<String> validLabels) {
    for (String label : validLabels) {
      this.validLabels.add(QuacText.pythonStrip(label.toLowerCase(Locale.ROOT)));
    }
  }

  public String predict(String modelOutput) {
    for (String word : modelOutput.split(" ", -1)) {
      String candidate = QuacText.pythonStrip(word.toLowerCase(Locale.ROOT));
      if (validLabels.contains(candidate)) {
        return candidate;
      }
    }
    return UNKNOWN;
  }

  /** fmeval's per-record {@code classification_accuracy_score}. */
  public static double accuracy(String predicted, String targetOutput) {
    return predicted.equals(targetOutput) ? 1 : 0;
  }
}
