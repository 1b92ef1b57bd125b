package llmops.udfs.text;

import java.util.Arrays;

/**
 * sacrebleu's default tokenizer, {@code 13a} (mteval-v13a's normalisation), including what BLEU does
 * before it ({@code sent.rstrip()}) and after it ({@code line.split()}): the tokens BLEU counts
 * n-grams of. Its four {@code re.sub} passes are run as Python runs them, each a left-to-right scan
 * that resumes after every replaced match, over two char arrays in turn: no regular expressions.
 */
final class Tokenizer13a {
  private Tokenizer13a() {}

  static String[] tokens(String segment) {
    String line = stripTrailingWhitespace(segment)
        .replace("<skipped>", "")
        .replace("-\n", "")
        .replace("\n", " ");
    if (line.indexOf('&') >= 0) {
      line = line.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
    }
    char[] a = new char[3 * line.length() + 2];
    int n = spaceAroundSymbols(line, a);
    char[] b = new char[2 * n];
    // r'([^0-9])([\.,])' -> r'\1 \2 ': period and comma split off unless after a digit
    n = replacePairs(a, n, b, c -> !isDigit(c), Tokenizer13a::isPeriodOrComma, false);
    a = atLeast(a, 2 * n);
    // r'([\.,])([^0-9])' -> r' \1 \2': ... and unless before a digit
    n = replacePairs(b, n, a, Tokenizer13a::isPeriodOrComma, c -> !isDigit(c), true);
    b = atLeast(b, 2 * n);
    // r'([0-9])(-)' -> r'\1 \2 ': a dash after a digit
    n = replacePairs(a, n, b, Tokenizer13a::isDigit, c -> c == '-', false);
    return split(b, n);
  }

  /** A pass at most doubles the length, so this is room enough for the next one. */
  private static char[] atLeast(char[] buffer, int size) {
    return buffer.length >= size ? buffer : new char[size];
  }

  private interface CharTest {
    boolean test(char c);
  }

  /**
   * One pass of {@code re.sub(r'(X)(Y)', ...)}: every pair matching X then Y, left to right and not
   * overlapping, becomes "X Y " or, with {@code spaceFirst}, " X Y".
   */
  private static int replacePairs(char[] in, int n, char[] out, CharTest first, CharTest second, boolean spaceFirst) {
    int o = 0;
    int i = 0;
    while (i < n) {
      if (i + 1 < n && first.test(in[i]) && second.test(in[i + 1])) {
        if (spaceFirst) {
          out[o++] = ' ';
        }
        out[o++] = in[i];
        out[o++] = ' ';
        out[o++] = in[i + 1];
        if (!spaceFirst) {
          out[o++] = ' ';
        }
        i += 2;
      } else {
        out[o++] = in[i++];
      }
    }
    return o;
  }

  /**
   * {@code " " + line + " "} with r'([\{-\~\[-\` -\&\(-\+\:-\@\/])' -> r' \1 ': the ASCII symbols
   * other than ' , - . become tokens of their own.
   */
  private static int spaceAroundSymbols(String line, char[] out) {
    int o = 0;
    out[o++] = ' ';
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (isSymbol(c)) {
        out[o++] = ' ';
        out[o++] = c;
        out[o++] = ' ';
      } else {
        out[o++] = c;
      }
    }
    out[o++] = ' ';
    return o;
  }

  private static boolean isSymbol(char c) {
    return (c >= '{' && c <= '~') || (c >= '[' && c <= '`') || (c >= ' ' && c <= '&')
        || (c >= '(' && c <= '+') || (c >= ':' && c <= '@') || c == '/';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isPeriodOrComma(char c) {
    return c == '.' || c == ',';
  }

  /** Python's {@code str.split()}: runs of whitespace separate, none at either end. */
  private static String[] split(char[] chars, int n) {
    String[] tokens = new String[n / 2 + 1];
    int count = 0;
    int start = -1;
    for (int i = 0; i <= n; i++) {
      boolean space = i == n || isPythonWhitespace(chars[i]);
      if (space && start >= 0) {
        tokens[count++] = new String(chars, start, i - start);
        start = -1;
      } else if (!space && start < 0) {
        start = i;
      }
    }
    return Arrays.copyOf(tokens, count);
  }

  private static String stripTrailingWhitespace(String s) {
    int end = s.length();
    while (end > 0 && isPythonWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Python's {@code str.isspace()}, which differs from both of Java's whitespace tests. */
  private static boolean isPythonWhitespace(char c) {
    return (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= ' ') || c == '\u0085' || c == '\u00a0'
        || c == '\u1680' || (c >= '\u2000' && c <= '\u200a') || c == '\u2028' || c == '\u2029'
        || c == '\u202f' || c == '\u205f' || c == '\u3000';
  }
}
