package llmops.udfs.embeddings;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * What to do with a text longer than the model reads at once (all-MiniLM-L6-v2 was trained on 256
 * word pieces; sentence-transformers cuts longer inputs there): keep its head, or cut it into pieces
 * that each fit. Cuts fall between words, found by binary search on the token count.
 */
public enum LongText {
  TRUNCATE, CHUNK;

  public static LongText parse(String name) {
    return switch (name.toLowerCase()) {
      case "truncate" -> TRUNCATE;
      case "chunk" -> CHUNK;
      default -> throw new IllegalArgumentException("--long_text must be truncate or chunk (got '" + name + "')");
    };
  }

  /** The text itself when it fits in {@code maxTokens}; else its head (TRUNCATE) or consecutive pieces that each fit (CHUNK). */
  public List<String> pieces(String text, int maxTokens, ToIntFunction<String> tokens) {
    if (tokens.applyAsInt(text) <= maxTokens) {
      return List.of(text);
    }
    List<String> out = new ArrayList<>();
    String rest = text.strip();
    while (!rest.isEmpty()) {
      int cut = longestFittingPrefix(rest, maxTokens, tokens);
      out.add(rest.substring(0, cut).strip());
      if (this == TRUNCATE) {
        break;
      }
      rest = rest.substring(cut).strip();
    }
    return out;
  }

  /** The end of the longest prefix ending at a word boundary (or, for one overlong word, at any character) that fits. */
  private static int longestFittingPrefix(String text, int maxTokens, ToIntFunction<String> tokens) {
    List<Integer> ends = new ArrayList<>();
    for (int i = 1; i <= text.length(); i++) {
      if (i == text.length() || (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1)))) {
        ends.add(i);
      }
    }
    int lo = 0;
    int hi = ends.size() - 1;
    int best = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (tokens.applyAsInt(text.substring(0, ends.get(mid))) <= maxTokens) {
        best = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (best >= 0) {
      return ends.get(best);
    }
    // Even the first word is too long: cut inside it.
    int first = ends.get(0);
    int a = 1;
    int b = first;
    while (a < b) {
      int mid = (a + b + 1) >>> 1;
      if (tokens.applyAsInt(text.substring(0, mid)) <= maxTokens) {
        a = mid;
      } else {
        b = mid - 1;
      }
    }
    return a;
  }
}
