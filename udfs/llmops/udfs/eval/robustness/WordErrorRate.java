package llmops.udfs.eval.robustness;

import java.util.ArrayList;
import java.util.List;
import llmops.udfs.eval.QuacText;

/**
 * fmeval's {@code word_error_rate} of general semantic robustness: HuggingFace evaluate's "wer" (jiwer)
 * with the perturbed outputs as predictions and the original output as every reference. evaluate sums
 * the edit operations (substitutions + deletions + insertions) and the reference words over the pairs
 * and divides once; with one reference repeated that equals the mean of the per-pair rates.
 *
 * <p>Words are jiwer's default WER transform: runs of two or more whitespace characters become one
 * space, the text is stripped, and it is split on the space character alone. So a single newline or tab
 * between two words does not separate them ("a\nb" is one word), while two do.
 */
public final class WordErrorRate {
  /** fmeval's name of the score. */
  public static final String SCORE = "word_error_rate";

  private WordErrorRate() {}

  /**
   * The word error rate of the perturbed outputs against the original output, or null when the original
   * output has no words: jiwer refuses an empty reference, so fmeval fails such a record.
   */
  public static Double of(String originalOutput, List<String> perturbedOutputs) {
    List<String> reference = words(originalOutput);
    if (reference.isEmpty() || perturbedOutputs.isEmpty()) {
      return null;
    }
    long errors = 0;
    for (String perturbed : perturbedOutputs) {
      errors += distance(reference, words(perturbed));
    }
    return (double) errors / ((long) reference.size() * perturbedOutputs.size());
  }

  /** jiwer's {@code RemoveMultipleSpaces}, {@code Strip} and {@code ReduceToListOfListOfWords}. */
  public static List<String> words(String text) {
    StringBuilder collapsed = new StringBuilder(text.length());
    int[] codePoints = text.codePoints().toArray();
    for (int i = 0; i < codePoints.length; i++) {
      int run = i;
      while (run < codePoints.length && QuacText.isPythonWhitespace(codePoints[run])) {
        run++;
      }
      if (run - i >= 2) { // re.sub(r"\s\s+", " ", text)
        collapsed.append(' ');
        i = run - 1;
      } else {
        collapsed.appendCodePoint(codePoints[i]);
      }
    }
    List<String> words = new ArrayList<>();
    for (String word : QuacText.pythonStrip(collapsed.toString()).split(" ")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  /** The word-level Levenshtein distance: the fewest substitutions, deletions and insertions turning one list into the other. */
  static int distance(List<String> reference, List<String> hypothesis) {
    int[] previous = new int[hypothesis.size() + 1];
    int[] current = new int[hypothesis.size() + 1];
    for (int j = 0; j <= hypothesis.size(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= reference.size(); i++) {
      current[0] = i;
      for (int j = 1; j <= hypothesis.size(); j++) {
        int substitution = previous[j - 1] + (reference.get(i - 1).equals(hypothesis.get(j - 1)) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[hypothesis.size()];
  }
}
