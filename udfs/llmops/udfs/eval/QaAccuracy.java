package llmops.udfs.eval;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * fmeval's QA accuracy for one record: each score is the best over the possible targets (the
 * target output split on the delimiter, {@code <OR>} by default).
 * <ul>
 *   <li>exact match: output and target equal after stripping whitespace;</li>
 *   <li>quasi-exact match: equal after {@link QuacText#normalise};</li>
 *   <li>precision, recall and F1 over the <em>sets</em> of normalised words (NLTK's set-based
 *       precision/recall/f_measure, as fmeval calls them).</li>
 * </ul>
 */
public record QaAccuracy(double exactMatch, double quasiExactMatch, double f1, double precision, double recall) {
  /** fmeval's names of the scores, in the order {@link #asMap} gives them. */
  public static final List<String> NAMES = List.of("exact_match_score", "quasi_exact_match_score", "f1_score", "precision_over_words",
      "recall_over_words");

  /** The scores under fmeval's names. */
  public Map<String, Double> asMap() {
    Map<String, Double> scores = new LinkedHashMap<>();
    scores.put("exact_match_score", exactMatch);
    scores.put("quasi_exact_match_score", quasiExactMatch);
    scores.put("f1_score", f1);
    scores.put("precision_over_words", precision);
    scores.put("recall_over_words", recall);
    return scores;
  }

  public static QaAccuracy score(String modelOutput, List<String> targets) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("no target output to compare with");
    }
    double em = 0, qem = 0, f1 = 0, precision = 0, recall = 0;
    String stripped = QuacText.pythonStrip(modelOutput);
    String normalised = QuacText.normalise(stripped);
    Set<String> outputWords = new HashSet<>(QuacText.pythonSplit(normalised));
    for (String target : targets) {
      String targetStripped = QuacText.pythonStrip(target);
      String targetNormalised = QuacText.normalise(targetStripped);
      em = Math.max(em, stripped.equals(targetStripped) ? 1 : 0);
      qem = Math.max(qem, normalised.equals(targetNormalised) ? 1 : 0);
      Set<String> targetWords = new HashSet<>(QuacText.pythonSplit(targetNormalised));
      int common = 0;
      for (String word : outputWords) {
        if (targetWords.contains(word)) {
          common++;
        }
      }
      // NLTK returns None for an empty test or reference set, which fmeval turns into 0.
      double p = outputWords.isEmpty() ? 0 : (double) common / outputWords.size();
      double r = targetWords.isEmpty() ? 0 : (double) common / targetWords.size();
      precision = Math.max(precision, p);
      recall = Math.max(recall, r);
      f1 = Math.max(f1, outputWords.isEmpty() || targetWords.isEmpty() || p == 0 || r == 0 ? 0 : 1.0 / (0.5 / p + 0.5 / r));
    }
    return new QaAccuracy(em, qem, f1, precision, recall);
  }
}
