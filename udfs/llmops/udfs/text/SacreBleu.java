package llmops.udfs.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BLEU as sacrebleu 2.x computes it with its defaults, on sacrebleu's 0-100 scale: the 13a
 * tokenizer, case kept, n-grams up to 4, 'exp' smoothing, and the brevity penalty from the
 * reference whose length is closest to the hypothesis' (the shorter one on a tie).
 * {@link #sentenceBleu} is {@code sacrebleu.sentence_bleu} (effective order: orders the hypothesis
 * is too short for are left out); {@link #corpusBleu} is {@code sacrebleu.corpus_bleu} from the
 * summed {@link BleuStatistics} of every segment (no effective order).
 *
 * <p>As sacrebleu, empty references are ignored and a segment with no other reference is refused.
 * Stateless and thread-safe.
 */
public final class SacreBleu {
  private SacreBleu() {}

  /** sacrebleu's {@code my_log(0)}: the log it uses for a precision of 0, which makes the score 0. */
  private static final double LOG_OF_ZERO = -9999999999.0;

  /**
   * Sentence BLEU of one hypothesis against its references, as {@code sacrebleu.sentence_bleu}.
   *
   * @return BLEU in [0, 100]
   * @throws IllegalArgumentException if every reference is empty
   */
  public static double sentenceBleu(String hypothesis, List<String> references) {
    return sentenceBleu(statistics(hypothesis, references));
  }

  /** The same from the segment's {@link #statistics}, for callers that also keep them for corpus BLEU. */
  public static double sentenceBleu(BleuStatistics segment) {
    return score(segment, true);
  }

  /**
   * Corpus BLEU from the sum of every segment's {@link #statistics}, as {@code sacrebleu.corpus_bleu}.
   *
   * @return BLEU in [0, 100]
   */
  public static double corpusBleu(BleuStatistics summed) {
    return score(summed, false);
  }

  /**
   * One segment's contribution to corpus BLEU.
   *
   * @throws IllegalArgumentException if every reference is empty
   */
  public static BleuStatistics statistics(String hypothesis, List<String> references) {
    Map<String, Integer> vocabulary = new HashMap<>();
    int[] hypothesisIds = tokenIds(hypothesis, vocabulary);
    List<int[]> referenceIds = new ArrayList<>(references.size());
    for (String reference : references) {
      if (!reference.isEmpty()) {
        referenceIds.add(tokenIds(reference, vocabulary));
      }
    }
    if (referenceIds.isEmpty()) {
      throw new IllegalArgumentException("no non-empty reference (sacrebleu: \"Empty or `None` reference sentence found.\")");
    }
    int[][] referenceArray = referenceIds.toArray(new int[0][]);
    long[] matches = NgramMatches.clipped(hypothesisIds, referenceArray, vocabulary.size(), BleuStatistics.MAX_ORDER);
    long[] totals = new long[BleuStatistics.MAX_ORDER];
    for (int n = 1; n <= BleuStatistics.MAX_ORDER; n++) {
      totals[n - 1] = Math.max(0, hypothesisIds.length - n + 1);
    }
    return BleuStatistics.of(hypothesisIds.length, closestLength(hypothesisIds.length, referenceArray), matches, totals);
  }

  private static int[] tokenIds(String text, Map<String, Integer> vocabulary) {
    String[] tokens = Tokenizer13a.tokens(text);
    int[] ids = new int[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      ids[i] = vocabulary.computeIfAbsent(tokens[i], t -> vocabulary.size());
    }
    return ids;
  }

  /** sacrebleu's {@code _get_closest_ref_len}: the closest length, the shorter one on a tie. */
  private static int closestLength(int hypothesisLength, int[][] references) {
    int closest = -1;
    int closestDifference = -1;
    for (int[] reference : references) {
      int difference = Math.abs(hypothesisLength - reference.length);
      if (closestDifference == -1 || difference < closestDifference
          || (difference == closestDifference && reference.length < closest)) {
        closestDifference = difference;
        closest = reference.length;
      }
    }
    return closest;
  }

  /** sacrebleu's {@code BLEU.compute_bleu} with 'exp' smoothing, in its order of floating-point operations. */
  private static double score(BleuStatistics stats, boolean effectiveOrder) {
    long hypothesisLength = stats.hypothesisLength();
    long referenceLength = stats.referenceLength();
    double brevityPenalty = 1.0;
    if (hypothesisLength < referenceLength) {
      brevityPenalty = hypothesisLength > 0 ? Math.exp(1 - (double) referenceLength / hypothesisLength) : 0.0;
    }
    boolean anyMatch = false;
    for (int n = 1; n <= BleuStatistics.MAX_ORDER; n++) {
      anyMatch |= stats.matches(n) > 0;
    }
    if (!anyMatch) {
      return 0.0;
    }
    double[] precisions = new double[BleuStatistics.MAX_ORDER];
    double smoothing = 1.0;
    int order = BleuStatistics.MAX_ORDER;
    for (int n = 1; n <= BleuStatistics.MAX_ORDER; n++) {
      long total = stats.totals(n);
      if (total == 0) {
        break;
      }
      if (effectiveOrder) {
        order = n;
      }
      if (stats.matches(n) == 0) {
        smoothing *= 2;
        precisions[n - 1] = 100. / (smoothing * total);
      } else {
        precisions[n - 1] = 100. * stats.matches(n) / total;
      }
    }
    double logSum = 0;
    for (int n = 0; n < order; n++) {
      logSum += precisions[n] == 0.0 ? LOG_OF_ZERO : Math.log(precisions[n]);
    }
    return brevityPenalty * Math.exp(logSum / order);
  }
}
