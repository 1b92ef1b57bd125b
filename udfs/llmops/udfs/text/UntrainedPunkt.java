package llmops.udfs.text;

import static llmops.udfs.text.PythonText.DIGIT;
import static llmops.udfs.text.PythonText.END;
import static llmops.udfs.text.PythonText.NOT_SPACE;
import static llmops.udfs.text.PythonText.SPACE;
import static llmops.udfs.text.PythonText.WORD;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NLTK 3.8's {@code PunktSentenceTokenizer().tokenize(text)} with no training: Punkt's candidate
 * breaks, word segmentation, both annotation passes and boundary realignment, with empty
 * abbreviation, collocation, sentence-starter and orthographic-context tables. With those tables
 * empty the decisions reduce to: a token ending in '.', '?' or '!' ends a sentence unless it ends
 * in "..", or it is an initial ("J.") or a number ("3.") followed by a lower-case word or by
 * punctuation, or an initial followed by a capitalised word.
 */
final class UntrainedPunkt {
  private UntrainedPunkt() {}

  private static final String NON_WORD = "(?:[)\";}\\]*:@'({\\[?!])";
  private static final String MULTI_CHAR = "(?:-{2,}|\\.{2,}|(?:\\." + SPACE + "){2,}\\.)";
  private static final String WORD_START = "[^(\"`{\\[:;&#*@)}\\]\\-,]";
  private static final Pattern WORD_TOKEN = Pattern.compile(
      MULTI_CHAR
          + "|(?=" + WORD_START + ")" + NOT_SPACE + "+?"
          + "(?=" + SPACE + "|" + END + "|" + NON_WORD + "|" + MULTI_CHAR
          + "|,(?=" + END + "|" + SPACE + "|" + NON_WORD + "|" + MULTI_CHAR + "))"
          + "|" + NOT_SPACE);
  private static final Pattern PERIOD_CONTEXT = Pattern.compile(
      "[.?!](?=(?<after>" + NON_WORD + "|" + SPACE + "+(?<next>" + NOT_SPACE + "+)))");
  /** Closing punctuation after a break belongs to the sentence before it: "(Sent1.) Sent2.". */
  private static final Pattern BOUNDARY_REALIGNMENT = Pattern.compile("[\"')\\]}]+?(?:" + SPACE + "+|(?=--)|(?=\\n|\\z))");
  private static final Pattern NUMERIC = Pattern.compile("-?[.,]?" + DIGIT + "[" + DIGIT + ",.-]*\\.?" + END);
  private static final Pattern INITIAL = Pattern.compile("[" + WORD.substring(1, WORD.length() - 1) + "&&[^" + DIGIT + "]]\\." + END);
  private static final Pattern ELLIPSIS = Pattern.compile("\\.\\.+" + END);
  private static final Set<String> SENTENCE_END = Set.of(".", "?", "!");
  private static final Set<String> PUNCTUATION = Set.of(";", ":", ",", ".", "!", "?");

  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (int[] span : realign(text, spans(text))) {
      out.add(span[0] < span[1] ? text.substring(span[0], span[1]) : "");
    }
    return out;
  }

  /** A candidate break and the text Punkt judges it on: the word before it, the mark and what follows. */
  private record Candidate(int end, int nextStart, String context) {}

  private static List<int[]> spans(String text) {
    List<int[]> spans = new ArrayList<>();
    int lastBreak = 0;
    for (Candidate c : candidates(text)) {
      if (containsBreak(c.context)) {
        spans.add(new int[] {lastBreak, c.end});
        lastBreak = c.nextStart >= 0 ? c.nextStart : c.end;
      }
    }
    spans.add(new int[] {lastBreak, PythonText.rstrip(text).length()});
    return spans;
  }

  /**
   * Punkt's {@code _match_potential_end_contexts}, quirks included: the word before a mark starts
   * after the last ASCII whitespace since the previous mark, but a whitespace found at the very
   * start counts as none, and then the previous word's start is reused; a mark whose word would
   * overlap the previous one's supersedes it.
   */
  private static List<Candidate> candidates(String text) {
    List<Candidate> out = new ArrayList<>();
    Matcher m = PERIOD_CONTEXT.matcher(text);
    int prevStart = 0;
    int prevStop = 0;
    Candidate previous = null;
    while (m.find()) {
      int lastSpace = lastAsciiWhitespace(text, prevStop, m.start());
      int wordStart = lastSpace > prevStop ? lastSpace + 1 : prevStart;
      if (previous != null && prevStop <= wordStart) {
        out.add(previous);
      }
      String context = text.substring(wordStart, m.start()) + m.group() + m.group("after");
      previous = new Candidate(m.end(), m.group("next") == null ? -1 : m.start("next"), context);
      prevStart = wordStart;
      prevStop = m.start();
    }
    if (previous != null) {
      out.add(previous);
    }
    return out;
  }

  /** The index of the last of ' \t\n\r\x0b\x0c' in text[from, to), or -1. */
  private static int lastAsciiWhitespace(String text, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      char c = text.charAt(i);
      if (c == ' ' || (c >= '\t' && c <= '\r')) {
        return i;
      }
    }
    return -1;
  }

  /** Whether a token Punkt marks as a sentence break is followed by another token in this context. */
  private static boolean containsBreak(String context) {
    List<String> tokens = words(context);
    for (int i = 0; i + 1 < tokens.size(); i++) {
      if (isBreak(tokens.get(i), tokens.get(i + 1))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> words(String text) {
    List<String> tokens = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      Matcher m = WORD_TOKEN.matcher(line);
      while (m.find()) {
        tokens.add(m.group());
      }
    }
    return tokens;
  }

  /** Both annotation passes on one token, given the next, with every learned table empty. */
  private static boolean isBreak(String token, String next) {
    boolean periodFinal = token.endsWith(".");
    boolean firstPassBreak = SENTENCE_END.contains(token)
        || (!ELLIPSIS.matcher(token).matches() && periodFinal && !token.endsWith(".."));
    if (!firstPassBreak || !periodFinal) {
      return firstPassBreak;
    }
    boolean initial = INITIAL.matcher(token).matches();
    if (initial || isNumber(token)) {
      // The orthographic heuristic knows nothing untrained: lower case or punctuation means "not a starter".
      boolean notStarter = PUNCTUATION.contains(next) || PythonText.firstIsLower(next);
      if (notStarter || (initial && PythonText.firstIsUpper(next))) {
        return false;
      }
    }
    return true;
  }

  /** Punkt's type without its final period is "##number##". */
  private static boolean isNumber(String token) {
    String lower = PythonText.lower(token);
    String type = NUMERIC.matcher(lower).matches() ? "##number##" : lower;
    String typeNoPeriod = type.length() > 1 && type.endsWith(".") ? type.substring(0, type.length() - 1) : type;
    return typeNoPeriod.equals("##number##");
  }

  /** Punkt's {@code _realign_boundaries}. */
  private static List<int[]> realign(String text, List<int[]> spans) {
    List<int[]> out = new ArrayList<>();
    int realign = 0;
    for (int i = 0; i < spans.size(); i++) {
      int start = spans.get(i)[0] + realign;
      int stop = spans.get(i)[1];
      if (i + 1 == spans.size()) {
        if (start < stop) {
          out.add(new int[] {start, stop});
        }
        continue;
      }
      int[] second = spans.get(i + 1);
      Matcher m = BOUNDARY_REALIGNMENT.matcher(text.substring(second[0], Math.max(second[0], second[1])));
      if (m.lookingAt()) {
        out.add(new int[] {start, second[0] + PythonText.rstrip(m.group()).length()});
        realign = m.end();
      } else {
        realign = 0;
        if (start < stop) {
          out.add(new int[] {start, stop});
        }
      }
    }
    return out;
  }
}
