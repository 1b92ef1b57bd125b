package llmops.udfs.eval;

/**
 * fmeval's {@code normalize_text_quac_protocol} (the SQuAD/QuAC answer normalisation): lowercase,
 * delete ASCII punctuation, split on single spaces and drop empty words and the articles a/an/the.
 * Only the space character separates words here, as in fmeval, so "the\ncat" keeps its article.
 */
public final class QuacText {
  private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private QuacText() {}

  public static String normalise(String text) {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    StringBuilder kept = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (ASCII_PUNCTUATION.indexOf(c) < 0) {
        kept.append(c);
      }
    }
    StringBuilder out = new StringBuilder(kept.length());
    for (String word : kept.toString().split(" ")) {
      if (!word.isEmpty() && !word.equals("a") && !word.equals("an") && !word.equals("the")) {
        if (out.length() > 0) {
          out.append(' ');
        }
        out.append(word);
      }
    }
    return out.toString();
  }

  /** Python's {@code str.strip()} with no argument: removes leading and trailing whitespace as Python defines it. */
  public static String pythonStrip(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isPythonWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && isPythonWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  /** Python's {@code str.split()} with no argument: runs of whitespace separate words, no empty words. */
  public static java.util.List<String> pythonSplit(String text) {
    java.util.List<String> words = new java.util.ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && isPythonWhitespace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isPythonWhitespace(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        words.add(text.substring(start, i));
      }
    }
    return words;
  }

  /** Python's {@code str.isspace} for one code point (Unicode White_Space plus the ASCII separators 0x1c-0x1f). */
  public static boolean isPythonWhitespace(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || (c >= 0x1c && c <= 0x1f) || c == 0x85;
  }
}
