package llmops.udfs.text;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ROUGE-1, ROUGE-2 and ROUGE-L F-measures exactly as Google's rouge-score computes them with
 * {@code RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)}: what HuggingFace
 * evaluate's "rouge" and AWS fmeval report for one prediction and one reference.
 *
 * <p>Its tokenizer: lowercase (Python's {@code str.lower}), every run of characters outside
 * [a-z0-9] separates tokens, and tokens longer than three characters are stemmed by NLTK's Porter
 * stemmer ({@link PorterStemmer}). ROUGE-N counts n-grams shared by both texts (each at most as
 * often as the rarer text has it); ROUGE-L uses the longest common token subsequence (not rougeLsum).
 * A text without tokens scores 0. F-measures are symmetric, so the order of the texts does not matter.
 * Thread-safe.
 */
public final class RougeScore {
  private RougeScore() {}

  /**
   * Stems already computed, shared by every thread of the JVM: words repeat so much across texts
   * that this makes scoring 40-word texts about 2.5 times faster. Bounded to a few MB.
   */
  private static final int MAX_CACHED_STEMS = 1 << 16;
  private static final Map<String, String> STEMS = new ConcurrentHashMap<>();

  /** The three F-measures, each in [0, 1]. */
  public record Scores(double rouge1, double rouge2, double rougeL) {}

  /** Both texts are tokenised once for all three scores. */
  public static Scores score(String prediction, String reference) {
    Map<String, Integer> vocabulary = new HashMap<>();
    int[] predicted = tokenIds(prediction, vocabulary);
    int[] expected = tokenIds(reference, vocabulary);
    long[] overlap = NgramMatches.clipped(predicted, new int[][] {expected}, vocabulary.size(), 2);
    return new Scores(
        ngramF(overlap[0], predicted.length, expected.length),
        ngramF(overlap[1], predicted.length - 1, expected.length - 1),
        lcsF(predicted, expected));
  }

  /** rouge_score's {@code _score_ngrams}: a text with no n-grams counts as having one, so it scores 0. */
  private static double ngramF(long overlap, int predictedNgrams, int expectedNgrams) {
    return fmeasure((double) overlap / Math.max(predictedNgrams, 1), (double) overlap / Math.max(expectedNgrams, 1));
  }

  private static double lcsF(int[] predicted, int[] expected) {
    if (predicted.length == 0 || expected.length == 0) {
      return 0;
    }
    int lcs = lcsLength(predicted, expected);
    return fmeasure((double) lcs / predicted.length, (double) lcs / expected.length);
  }

  /** rouge_score's {@code scoring.fmeasure}, in its order of operations. */
  private static double fmeasure(double precision, double recall) {
    return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
  }

  /** The usual dynamic programme, one row at a time. */
  private static int lcsLength(int[] a, int[] b) {
    int[] previous = new int[b.length + 1];
    int[] current = new int[b.length + 1];
    for (int i = 1; i <= a.length; i++) {
      for (int j = 1; j <= b.length; j++) {
        current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length];
  }

  /** rouge_score's {@code tokenize(text, PorterStemmer())}, each token numbered by {@code vocabulary} (which grows). */
  private static int[] tokenIds(String text, Map<String, Integer> vocabulary) {
    int[] ids = new int[16];
    int count = 0;
    StringBuilder token = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char raw = text.charAt(i);
      char c = lowerAlphanumeric(raw);
      if (c != SEPARATOR) {
        token.append(c);
      }
      // Python lowercases 'İ' to 'i' plus a combining dot, which is not alphanumeric: the token ends after it.
      boolean tokenEnds = c == SEPARATOR || raw == '\u0130' || i == text.length() - 1;
      if (tokenEnds && token.length() > 0) {
        if (count == ids.length) {
          ids = Arrays.copyOf(ids, count * 2);
        }
        ids[count++] = vocabulary.computeIfAbsent(stemmed(token.toString()), t -> vocabulary.size());
        token.setLength(0);
      }
    }
    return Arrays.copyOf(ids, count);
  }

  private static final char SEPARATOR = ' ';

  /**
   * The character Python's {@code str.lower} makes of {@code c} if that is in [a-z0-9], else
   * {@link #SEPARATOR}. Outside ASCII, only 'İ' (U+0130) and the Kelvin sign (U+212A) lowercase
   * into [a-z0-9] (checked over every code point with Python 3.11, Unicode 14).
   */
  private static char lowerAlphanumeric(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      return c;
    }
    if (c >= 'A' && c <= 'Z') {
      return (char) (c + ('a' - 'A'));
    }
    if (c == '\u0130') {
      return 'i';
    }
    if (c == '\u212a') {
      return 'k';
    }
    return SEPARATOR;
  }

  /** Tokens of four or more characters are stemmed; a stem of a token that long is never empty. */
  private static String stemmed(String token) {
    if (token.length() <= 3) {
      return token;
    }
    String stem = STEMS.get(token);
    if (stem == null) {
      if (STEMS.size() >= MAX_CACHED_STEMS) {
        STEMS.clear(); // crude, but a vocabulary that outgrows the cache simply starts over
      }
      stem = PorterStemmer.stem(token);
      STEMS.put(token, stem);
    }
    return stem;
  }
}
