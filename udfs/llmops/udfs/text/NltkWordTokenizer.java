package llmops.udfs.text;

import static llmops.udfs.text.PythonText.DIGIT;
import static llmops.udfs.text.PythonText.END;
import static llmops.udfs.text.PythonText.SPACE;
import static llmops.udfs.text.PythonText.WORD;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NLTK 3.8's {@code NLTKWordTokenizer().tokenize(sentence)} (the improved Penn Treebank tokenizer
 * that {@code word_tokenize} applies to each sentence), without the optional parenthesis
 * conversion: the same substitutions in the same order, then a split on whitespace. Only a final
 * period of the whole input is split off, which is why sentences must be split first.
 */
final class NltkWordTokenizer {
  private NltkWordTokenizer() {}

  /**
   * A substitution, tried only if the text holds one of the characters every match contains: most
   * sentences have no quotes or contractions, and skipping a scan is most of the speed.
   */
  private interface Substitution {
    String apply(String text);
  }

  private record Rule(Pattern pattern, String replacement, String anyOf) implements Substitution {
    @Override
    public String apply(String text) {
      for (int i = 0; i < text.length(); i++) {
        if (anyOf.indexOf(text.charAt(i)) >= 0) {
          return pattern.matcher(text).replaceAll(replacement);
        }
      }
      return text;
    }
  }

  /**
   * A substitution of the text's last period and the closing marks and spaces after it. Only the
   * last period can match (nothing after it may be a period), so the search starts just before it
   * instead of trying every position.
   */
  private record FinalPeriod(Pattern pattern, String replacement) implements Substitution {
    @Override
    public String apply(String text) {
      int dot = text.lastIndexOf('.');
      if (dot < 1) {
        return text;
      }
      Matcher m = pattern.matcher(text).region(dot - 1, text.length()).useTransparentBounds(true).useAnchoringBounds(false);
      if (!m.find()) {
        return text;
      }
      StringBuilder out = new StringBuilder(text.length() + 4);
      m.appendReplacement(out, replacement);
      return m.appendTail(out).toString();
    }
  }

  private static Rule rule(String regex, String replacement, String anyOf) {
    return new Rule(Pattern.compile(regex), replacement, anyOf);
  }

  private static final List<Rule> STARTING_QUOTES = List.of(
      rule("([«“‘„]|`+)", " $1 ", "«“‘„`"),
      rule("^\"", "``", "\""),
      rule("(``)", " $1 ", "`"),
      rule("([ (\\[{<])(\"|'{2})", "$1 `` ", "\"'"),
      new Rule(PythonText.ignoringCase("(')(?!re|ve|ll|m|t|s|d|n)(" + WORD + ")(?!" + WORD + ")"), "$1 $2", "'"));

  private static final List<Substitution> PUNCTUATION = List.of(
      new FinalPeriod(Pattern.compile("([^.])(\\.)([\\])}>\"'»”’ ]*)" + SPACE + "*" + END), "$1 $2 $3 "),
      rule("([:,])([^" + DIGIT + "])", " $1 $2", ":,"),
      rule("([:,])" + END, " $1 ", ":,"),
      rule("\\.{2,}", " $0 ", "."),
      rule("[;@#$%&]", " $0 ", ";@#$%&"),
      new FinalPeriod(Pattern.compile("([^.])(\\.)([\\])}>\"']*)" + SPACE + "*" + END), "$1 $2$3 "),
      rule("[?!]", " $0 ", "?!"),
      rule("([^'])' ", "$1 ' ", "'"),
      rule("[*]", " $0 ", "*"));

  private static final Rule PARENS_BRACKETS = rule("[\\]\\[(){}<>]", " $0 ", "[](){}<>");
  private static final Rule DOUBLE_DASHES = rule("--", " -- ", "-");

  private static final List<Rule> ENDING_QUOTES = List.of(
      rule("([»”’])", " $1 ", "»”’"),
      rule("''", " '' ", "'"),
      rule("\"", " '' ", "\""),
      rule("([^' ])('[sS]|'[mM]|'[dD]|') ", "$1 $2 ", "'"),
      rule("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "$1 $2 ", "'"));

  /**
   * Robert MacIntyre's contractions ("cannot", "gonna", "'tis"; NLTK leaves his third list unused),
   * each matched case-insensitively and tried only if the text, case-folded, contains it. Python's
   * {@code \b} next to a letter is a one-sided test, so it is written as one.
   */
  private record Contraction(Pattern pattern, String literal) {
    String apply(String text, String folded) {
      return folded.contains(literal) ? pattern.matcher(text).replaceAll(" $1 $2 ") : text;
    }
  }

  private static Contraction contraction(String first, String second, String after) {
    String regex = (first.startsWith("'") ? " " : "(?<!" + WORD + ")") + "(" + first + ")(" + second + ")" + after;
    return new Contraction(PythonText.ignoringCase(regex), first + second);
  }

  private static final String NOT_BEFORE_WORD = "(?!" + WORD + ")";
  private static final List<Contraction> CONTRACTIONS = List.of(
      contraction("can", "not", NOT_BEFORE_WORD),
      contraction("d", "'ye", NOT_BEFORE_WORD),
      contraction("gim", "me", NOT_BEFORE_WORD),
      contraction("gon", "na", NOT_BEFORE_WORD),
      contraction("got", "ta", NOT_BEFORE_WORD),
      contraction("lem", "me", NOT_BEFORE_WORD),
      contraction("more", "'n", NOT_BEFORE_WORD),
      contraction("wan", "na", "(?=" + SPACE + ")"),
      contraction("'t", "is", NOT_BEFORE_WORD),
      contraction("'t", "was", NOT_BEFORE_WORD));

  /**
   * Each character as Java's case-insensitive matching sees it (upper-cased, then lower-cased, one
   * code point at a time), so that "ſ" and "İ" still reveal the "s" and "i" they match.
   */
  private static String caseFolded(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c))));
    return out.toString();
  }

  static List<String> tokenize(String sentence) {
    String text = sentence;
    for (Rule r : STARTING_QUOTES) {
      text = r.apply(text);
    }
    for (Substitution r : PUNCTUATION) {
      text = r.apply(text);
    }
    text = PARENS_BRACKETS.apply(text);
    text = DOUBLE_DASHES.apply(text);
    text = " " + text + " ";
    for (Rule r : ENDING_QUOTES) {
      text = r.apply(text);
    }
    String folded = caseFolded(text);
    for (Contraction c : CONTRACTIONS) {
      text = c.apply(text, folded);
    }
    return PythonText.split(text);
  }
}
