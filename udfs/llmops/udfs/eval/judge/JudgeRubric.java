package llmops.udfs.eval.judge;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * What an LLM judge scores and on which scale: whole numbers from {@code min} to {@code max}, or named
 * labels listed from worst to best (then {@code labels} is non-empty and min/max are 0 and the last
 * label's position). Scores are normalised to 0..1: (score - min) / (max - min), or a label's position
 * over the last position.
 */
public record JudgeRubric(String name, String criteria, int min, int max, List<String> labels) implements Serializable {

  public JudgeRubric {
    if (name == null || name.isBlank() || criteria == null || criteria.isBlank()) {
      throw new IllegalArgumentException("a rubric needs a name and criteria");
    }
    labels = List.copyOf(labels);
    if (labels.isEmpty() && min >= max) {
      throw new IllegalArgumentException("the scale's minimum must be below its maximum, got " + min + ".." + max);
    }
    if (!labels.isEmpty()) {
      if (labels.size() < 2) {
        throw new IllegalArgumentException("a labelled scale needs at least two labels");
      }
      if (labels.stream().map(l -> l.strip().toLowerCase(Locale.ROOT)).distinct().count() != labels.size()
          || labels.stream().anyMatch(String::isBlank)) {
        throw new IllegalArgumentException("labels must be non-blank and distinct ignoring case: " + labels);
      }
      if (min != 0 || max != labels.size() - 1) {
        throw new IllegalArgumentException("a labelled scale runs from 0 to the last label's position");
      }
    }
  }

  /** Whole-number scores from min to max, e.g. 1..5. */
  public static JudgeRubric numeric(String name, String criteria, int min, int max) {
    return new JudgeRubric(name, criteria, min, max, List.of());
  }

  /** Named labels, worst first, e.g. incorrect, partially correct, correct. */
  public static JudgeRubric labelled(String name, String criteria, List<String> labelsWorstFirst) {
    return new JudgeRubric(name, criteria, 0, labelsWorstFirst.size() - 1, labelsWorstFirst);
  }

  public boolean isLabelled() {
    return !labels.isEmpty();
  }

  /** The scale as the prompt and failure reasons word it. */
  String describeScale() {
    if (isLabelled()) {
      return "one of " + String.join(", ", labels.stream().map(l -> "\"" + l + "\"").toList()) + " (worst to best)";
    }
    return "a whole number from " + min + " (worst) to " + max + " (best)";
  }

  double normalise(double score) {
    return (score - min) / (max - min);
  }
}
