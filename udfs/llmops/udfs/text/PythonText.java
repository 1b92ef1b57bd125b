package llmops.udfs.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Python's notions of word character, whitespace and case, for code ported from NLTK. Python's
 * {@code re} on a {@code str} is Unicode-aware where {@code java.util.regex} is not, and even
 * Java's Unicode classes differ ({@code \s} there lacks U+001C..U+001F, {@code \w} adds combining
 * marks), so the ported patterns are built from these spellings instead of Java's shorthands.
 */
final class PythonText {
  private PythonText() {}

  /** Python's {@code \w}: {@code str.isalnum()} or underscore, which is exactly Unicode's letters and numbers. */
  static final String WORD = "[\\p{L}\\p{N}_]";
  /** Python's {@code \s}: the characters of {@code str.isspace()}. */
  static final String SPACE =
      "[\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]";
  static final String NOT_SPACE =
      "[^\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]";
  /** Python's {@code \d}: Unicode decimal digits. */
  static final String DIGIT = "\\p{Nd}";
  /** Python's {@code $} without MULTILINE: the end, or just before a final newline (and never before \r or U+2028). */
  static final String END = "(?=\\n?\\z)";

  static Pattern ignoringCase(String regex) {
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** {@code str.isspace()} of one character: the members of {@link #SPACE}. */
  private static boolean isSpace(int c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
  }

  /** {@code str.split()}: the runs of non-whitespace. */
  static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < s.length(); i++) {
      if (isSpace(s.charAt(i))) {
        if (start >= 0) {
          out.add(s.substring(start, i));
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      }
    }
    if (start >= 0) {
      out.add(s.substring(start));
    }
    return out;
  }

  /** {@code str.rstrip()}. */
  static String rstrip(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** {@code str.lower()}: full Unicode lowercasing, final sigma included, independent of the JVM's locale. */
  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** {@code s[0].isupper()} on a non-empty string (Unicode's Uppercase property in both languages). */
  static boolean firstIsUpper(String s) {
    return Character.isUpperCase(s.codePointAt(0));
  }

  /** {@code s[0].islower()} on a non-empty string. */
  static boolean firstIsLower(String s) {
    return Character.isLowerCase(s.codePointAt(0));
  }
}
