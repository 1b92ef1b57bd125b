package llmops.udfs.text;

import static llmops.udfs.text.PythonText.BOUNDARY;
import static llmops.udfs.text.PythonText.DIGIT;
import static llmops.udfs.text.PythonText.END;
import static llmops.udfs.text.PythonText.SPACE;
import static llmops.udfs.text.PythonText.WORD;

import java.util.List;
import java.util.regex.Pattern;

/**
 * NLTK 3.8's {@code NLTKWordTokenizer().tokenize(sentence)} (the improved Penn Treebank tokenizer
 * that {@code word_tokenize} applies to each sentence), without the optional parenthesis
 * conversion: the same substitutions in the same order, then a split on whitespace. Only a final
 * period of the whole input is split off, which is why sentences must be split first.
 */
final class NltkWordTokenizer {
  private NltkWordTokenizer() {}

  private record Rule(Pattern pattern, String replacement) {
    String apply(String text) {
      return pattern.matcher(text).replaceAll(replacement);
    }
  }

  private static Rule rule(String regex, String replacement) {
    return new Rule(Pattern.compile(regex), replacement);
  }

  private static Rule ruleIgnoringCase(String regex, String replacement) {
    return new Rule(PythonText.ignoringCase(regex), replacement);
  }

  private static final List<Rule> STARTING_QUOTES = List.of(
      rule("([«“‘„]|`+)", " $1 "),
      rule("^\"", "``"),
      rule("(``)", " $1 "),
      rule("([ (\\[{<])(\"|'{2})", "$1 `` "),
      ruleIgnoringCase("(')(?!re|ve|ll|m|t|s|d|n)(" + WORD + ")" + BOUNDARY, "$1 $2"));

  private static final List<Rule> PUNCTUATION = List.of(
      rule("([^.])(\\.)([\\])}>\"'»”’ ]*)" + SPACE + "*" + END, "$1 $2 $3 "),
      rule("([:,])([^" + DIGIT + "])", " $1 $2"),
      rule("([:,])" + END, " $1 "),
      rule("\\.{2,}", " $0 "),
      rule("[;@#$%&]", " $0 "),
      rule("([^.])(\\.)([\\])}>\"']*)" + SPACE + "*" + END, "$1 $2$3 "),
      rule("[?!]", " $0 "),
      rule("([^'])' ", "$1 ' "),
      rule("[*]", " $0 "));

  private static final Rule PARENS_BRACKETS = rule("[\\]\\[(){}<>]", " $0 ");
  private static final Rule DOUBLE_DASHES = rule("--", " -- ");

  private static final List<Rule> ENDING_QUOTES = List.of(
      rule("([»”’])", " $1 "),
      rule("''", " '' "),
      rule("\"", " '' "),
      rule("([^' ])('[sS]|'[mM]|'[dD]|') ", "$1 $2 "),
      rule("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "$1 $2 "));

  /** Robert MacIntyre's contractions ("cannot", "gonna", "'tis"); NLTK leaves his third list unused. */
  private static final List<Rule> CONTRACTIONS = List.of(
      ruleIgnoringCase(BOUNDARY + "(can)(not)" + BOUNDARY, " $1 $2 "),
      ruleIgnoringCase(BOUNDARY + "(d)('ye)" + BOUNDARY, " $1 $2 "),
      ruleIgnoringCase(BOUNDARY + "(gim)(me)" + BOUNDARY, " $1 $2 "),
      ruleIgnoringCase(BOUNDARY + "(gon)(na)" + BOUNDARY, " $1 $2 "),
      ruleIgnoringCase(BOUNDARY + "(got)(ta)" + BOUNDARY, " $1 $2 "),
      ruleIgnoringCase(BOUNDARY + "(lem)(me)" + BOUNDARY, " $1 $2 "),
      ruleIgnoringCase(BOUNDARY + "(more)('n)" + BOUNDARY, " $1 $2 "),
      ruleIgnoringCase(BOUNDARY + "(wan)(na)(?=" + SPACE + ")", " $1 $2 "),
      ruleIgnoringCase(" ('t)(is)" + BOUNDARY, " $1 $2 "),
      ruleIgnoringCase(" ('t)(was)" + BOUNDARY, " $1 $2 "));

  static List<String> tokenize(String sentence) {
    String text = sentence;
    for (Rule r : STARTING_QUOTES) {
      text = r.apply(text);
    }
    for (Rule r : PUNCTUATION) {
      text = r.apply(text);
    }
    text = PARENS_BRACKETS.apply(text);
    text = DOUBLE_DASHES.apply(text);
    text = " " + text + " ";
    for (Rule r : ENDING_QUOTES) {
      text = r.apply(text);
    }
    for (Rule r : CONTRACTIONS) {
      text = r.apply(text);
    }
    return PythonText.split(text);
  }
}
