package llmops.udfs.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * fmeval's factual knowledge for one record: is the target inside the model output, compared in
 * lowercase ({@code factual_knowledge}) and after {@link QuacText#normalise} ({@code
 * factual_knowledge_quasi_exact})? With several targets, OR needs any of them (max), AND needs all (min).
 */
public record FactualKnowledge(double exactInclusion, double quasiExactInclusion) {
  /** fmeval's names of the scores, in the order {@link #asMap} gives them. */
  public static final List<String> NAMES = List.of("factual_knowledge", "factual_knowledge_quasi_exact");

  /** The scores under fmeval's names. */
  public Map<String, Double> asMap() {
    Map<String, Double> scores = new LinkedHashMap<>();
    scores.put("factual_knowledge", exactInclusion);
    scores.put("factual_knowledge_quasi_exact", quasiExactInclusion);
    return scores;
  }

  public enum Operator {
    OR, AND;

    public static Operator parse(String name) {
      return switch (name) {
        case "OR" -> OR;
        case "AND" -> AND;
        default -> throw new IllegalArgumentException("logical_operator must be OR or AND (got '" + name + "')");
      };
    }
  }

  public static FactualKnowledge score(String modelOutput, List<String> targets, Operator operator) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("no target output to compare with");
    }
    String lower = modelOutput.toLowerCase(Locale.ROOT);
    String normalised = QuacText.normalise(QuacText.pythonStrip(modelOutput));
    double exact = operator == Operator.OR ? 0 : 1;
    double quasi = exact;
    for (String target : targets) {
      double e = lower.contains(target.toLowerCase(Locale.ROOT)) ? 1 : 0;
      double q = normalised.contains(QuacText.normalise(QuacText.pythonStrip(target))) ? 1 : 0;
      exact = operator == Operator.OR ? Math.max(exact, e) : Math.min(exact, e);
      quasi = operator == Operator.OR ? Math.max(quasi, q) : Math.min(quasi, q);
    }
    return new FactualKnowledge(exact, quasi);
  }
}
