package llmops.udfs.text;

import java.util.Locale;
import java.util.Map;

/**
 * The Porter stemmer exactly as NLTK 3.8's {@code nltk.stem.porter.PorterStemmer} runs it in its
 * default mode, {@code NLTK_EXTENSIONS}: the mode Google's rouge-score and NLTK's METEOR stem with,
 * so that scores computed here equal theirs. Apache OpenNLP's PorterStemmer is not used because it
 * is NLTK's {@code MARTIN_EXTENSIONS} mode, which stems 3,941 of the 613k words of
 * scripts/fidelity/porter_vectors.py differently (NLTK's irregular forms, its 'ies'/'ied' rules for
 * four-letter words, its y-to-i and 'alli' rules, its short-stem *o condition...).
 *
 * <p>Follows NLTK's source rule for rule, quirks included: the irregular forms are looked up before
 * lowercasing, the length of two or less that skips stemming is that of the word as given, and
 * lengths and positions count code points, as Python's do. Stateless and thread-safe.
 */
public final class PorterStemmer {
  private PorterStemmer() {}

  private static final Map<String, String> IRREGULAR_FORMS = Map.ofEntries(
      Map.entry("sky", "sky"), Map.entry("skies", "sky"),
      Map.entry("dying", "die"), Map.entry("lying", "lie"), Map.entry("tying", "tie"),
      Map.entry("news", "news"),
      Map.entry("innings", "inning"), Map.entry("inning", "inning"),
      Map.entry("outings", "outing"), Map.entry("outing", "outing"),
      Map.entry("cannings", "canning"), Map.entry("canning", "canning"),
      Map.entry("howe", "howe"),
      Map.entry("proceed", "proceed"), Map.entry("exceed", "exceed"), Map.entry("succeed", "succeed"));

  /** Whether a rule's condition holds for the stem left once its suffix is removed. */
  private enum Condition { NONE, MEASURE_ABOVE_0, MEASURE_ABOVE_1, MEASURE_ABOVE_1_AFTER_S_OR_T, MEASURE_ABOVE_0_WITH_L }

  /** A suffix rule: the first rule whose suffix the word ends with decides, whether its condition holds or not. */
  private record Rule(String suffix, String replacement, Condition condition) {}

  private static final Rule[] STEP_1A = {
      new Rule("sses", "ss", Condition.NONE),
      new Rule("ies", "i", Condition.NONE),
      new Rule("ss", "ss", Condition.NONE),
      new Rule("s", "", Condition.NONE),
  };

  private static final Rule[] STEP_2 = {
      new Rule("ational", "ate", Condition.MEASURE_ABOVE_0),
      new Rule("tional", "tion", Condition.MEASURE_ABOVE_0),
      new Rule("enci", "ence", Condition.MEASURE_ABOVE_0),
      new Rule("anci", "ance", Condition.MEASURE_ABOVE_0),
      new Rule("izer", "ize", Condition.MEASURE_ABOVE_0),
      new Rule("bli", "ble", Condition.MEASURE_ABOVE_0),
      new Rule("alli", "al", Condition.MEASURE_ABOVE_0),
      new Rule("entli", "ent", Condition.MEASURE_ABOVE_0),
      new Rule("eli", "e", Condition.MEASURE_ABOVE_0),
      new Rule("ousli", "ous", Condition.MEASURE_ABOVE_0),
      new Rule("ization", "ize", Condition.MEASURE_ABOVE_0),
      new Rule("ation", "ate", Condition.MEASURE_ABOVE_0),
      new Rule("ator", "ate", Condition.MEASURE_ABOVE_0),
      new Rule("alism", "al", Condition.MEASURE_ABOVE_0),
      new Rule("iveness", "ive", Condition.MEASURE_ABOVE_0),
      new Rule("fulness", "ful", Condition.MEASURE_ABOVE_0),
      new Rule("ousness", "ous", Condition.MEASURE_ABOVE_0),
      new Rule("aliti", "al", Condition.MEASURE_ABOVE_0),
      new Rule("iviti", "ive", Condition.MEASURE_ABOVE_0),
      new Rule("biliti", "ble", Condition.MEASURE_ABOVE_0),
      new Rule("fulli", "ful", Condition.MEASURE_ABOVE_0),
      // The 'l' stays with the stem so that short stems like 'geo' and 'theo' qualify.
      new Rule("logi", "log", Condition.MEASURE_ABOVE_0_WITH_L),
  };

  private static final Rule[] STEP_3 = {
      new Rule("icate", "ic", Condition.MEASURE_ABOVE_0),
      new Rule("ative", "", Condition.MEASURE_ABOVE_0),
      new Rule("alize", "al", Condition.MEASURE_ABOVE_0),
      new Rule("iciti", "ic", Condition.MEASURE_ABOVE_0),
      new Rule("ical", "ic", Condition.MEASURE_ABOVE_0),
      new Rule("ful", "", Condition.MEASURE_ABOVE_0),
      new Rule("ness", "", Condition.MEASURE_ABOVE_0),
  };

  private static final Rule[] STEP_4 = {
      new Rule("al", "", Condition.MEASURE_ABOVE_1),
      new Rule("ance", "", Condition.MEASURE_ABOVE_1),
      new Rule("ence", "", Condition.MEASURE_ABOVE_1),
      new Rule("er", "", Condition.MEASURE_ABOVE_1),
      new Rule("ic", "", Condition.MEASURE_ABOVE_1),
      new Rule("able", "", Condition.MEASURE_ABOVE_1),
      new Rule("ible", "", Condition.MEASURE_ABOVE_1),
      new Rule("ant", "", Condition.MEASURE_ABOVE_1),
      new Rule("ement", "", Condition.MEASURE_ABOVE_1),
      new Rule("ment", "", Condition.MEASURE_ABOVE_1),
      new Rule("ent", "", Condition.MEASURE_ABOVE_1),
      new Rule("ion", "", Condition.MEASURE_ABOVE_1_AFTER_S_OR_T),
      new Rule("ou", "", Condition.MEASURE_ABOVE_1),
      new Rule("ism", "", Condition.MEASURE_ABOVE_1),
      new Rule("ate", "", Condition.MEASURE_ABOVE_1),
      new Rule("iti", "", Condition.MEASURE_ABOVE_1),
      new Rule("ous", "", Condition.MEASURE_ABOVE_1),
      new Rule("ive", "", Condition.MEASURE_ABOVE_1),
      new Rule("ize", "", Condition.MEASURE_ABOVE_1),
  };

  /** NLTK's {@code stem(word)} (with its default {@code to_lowercase=True}). */
  public static String stem(String word) {
    String irregular = IRREGULAR_FORMS.get(word);
    if (irregular != null) {
      return irregular;
    }
    String lower = word.toLowerCase(Locale.ROOT);
    if (word.codePointCount(0, word.length()) <= 2) {
      return lower;
    }
    Word w = new Word(lower);
    w.step1a();
    w.step1b();
    w.step1c();
    w.step2();
    w.applyFirstMatching(STEP_3);
    w.applyFirstMatching(STEP_4);
    w.step5a();
    w.step5b();
    return w.toString();
  }

  /** The word being stemmed, as code points; every step rewrites only its end. */
  private static final class Word {
    // No step makes the word longer than it came in, so the first array holds every version of it.
    private final int[] cp;
    private int length;

    Word(String lower) {
      cp = new int[lower.length()];
      for (int i = 0; i < lower.length(); ) {
        int c = lower.codePointAt(i);
        cp[length++] = c;
        i += Character.charCount(c);
      }
    }

    @Override
    public String toString() {
      return new String(cp, 0, length);
    }

    private static boolean isVowel(int c) {
      return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    }

    /** Porter's consonant: not a vowel, and a 'y' only at the start or after a vowel. */
    private boolean isConsonant(int i) {
      if (isVowel(cp[i])) {
        return false;
      }
      if (cp[i] != 'y') {
        return true;
      }
      // Along a run of y's the answer alternates, starting from what precedes the run.
      int start = i;
      while (start > 0 && cp[start - 1] == 'y') {
        start--;
      }
      boolean firstIsConsonant = start == 0 || isVowel(cp[start - 1]);
      return ((i - start) % 2 == 0) == firstIsConsonant;
    }

    /** Porter's m of the first {@code n} letters: the number of vowel-to-consonant transitions. */
    private int measure(int n) {
      int m = 0;
      boolean previousConsonant = true;
      for (int i = 0; i < n; i++) {
        boolean consonant = !isVowel(cp[i]) && (cp[i] != 'y' || i == 0 || !previousConsonant);
        if (consonant && !previousConsonant) {
          m++;
        }
        previousConsonant = consonant;
      }
      return m;
    }

    private boolean containsVowel(int n) {
      for (int i = 0; i < n; i++) {
        if (!isConsonant(i)) {
          return true;
        }
      }
      return false;
    }

    /** Porter's *d for the first {@code n} letters. */
    private boolean endsDoubleConsonant(int n) {
      return n >= 2 && cp[n - 1] == cp[n - 2] && isConsonant(n - 1);
    }

    /** Porter's *o for the first {@code n} letters, with NLTK's extension to two-letter stems like 'ab'. */
    private boolean endsCvc(int n) {
      if (n >= 3) {
        int last = cp[n - 1];
        return isConsonant(n - 3) && !isConsonant(n - 2) && isConsonant(n - 1) && last != 'w' && last != 'x' && last != 'y';
      }
      return n == 2 && !isConsonant(0) && isConsonant(1);
    }

    private boolean endsWith(String suffix) {
      int offset = length - suffix.length();
      if (offset < 0) {
        return false;
      }
      for (int i = 0; i < suffix.length(); i++) {
        if (cp[offset + i] != suffix.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    private void replaceEnd(int stemLength, String replacement) {
      for (int i = 0; i < replacement.length(); i++) {
        cp[stemLength + i] = replacement.charAt(i);
      }
      length = stemLength + replacement.length();
    }

    private boolean holds(Condition condition, int stemLength) {
      return switch (condition) {
        case NONE -> true;
        case MEASURE_ABOVE_0 -> measure(stemLength) > 0;
        case MEASURE_ABOVE_1 -> measure(stemLength) > 1;
        case MEASURE_ABOVE_1_AFTER_S_OR_T -> measure(stemLength) > 1 && (cp[stemLength - 1] == 's' || cp[stemLength - 1] == 't');
        case MEASURE_ABOVE_0_WITH_L -> measure(stemLength + 1) > 0;
      };
    }

    void applyFirstMatching(Rule[] rules) {
      for (Rule rule : rules) {
        if (endsWith(rule.suffix())) {
          int stemLength = length - rule.suffix().length();
          if (holds(rule.condition(), stemLength)) {
            replaceEnd(stemLength, rule.replacement());
          }
          return;
        }
      }
    }

    void step1a() {
      // NLTK: 'dies' -> 'die' (not 'di') while 'flies' -> 'fli'.
      if (length == 4 && endsWith("ies")) {
        replaceEnd(1, "ie");
        return;
      }
      applyFirstMatching(STEP_1A);
    }

    void step1b() {
      // NLTK: 'died' -> 'die' while 'spied' -> 'spi'.
      if (endsWith("ied")) {
        replaceEnd(length - 3, length == 4 ? "ie" : "i");
        return;
      }
      if (endsWith("eed")) {
        if (measure(length - 3) > 0) {
          length--;
        }
        return;
      }
      int stem;
      if (endsWith("ed") && containsVowel(length - 2)) {
        stem = length - 2;
      } else if (endsWith("ing") && containsVowel(length - 3)) {
        stem = length - 3;
      } else {
        return;
      }
      length = stem;
      if (endsWith("at") || endsWith("bl") || endsWith("iz")) {
        replaceEnd(length, "e");
      } else if (endsDoubleConsonant(length)) {
        int last = cp[length - 1];
        if (last != 'l' && last != 's' && last != 'z') {
          length--;
        }
      } else if (measure(length) == 1 && endsCvc(length)) {
        replaceEnd(length, "e");
      }
    }

    void step1c() {
      // NLTK: y -> i only after a consonant that is not the first letter ('happy' -> 'happi', 'by' stays).
      if (endsWith("y") && length - 1 > 1 && isConsonant(length - 2)) {
        cp[length - 1] = 'i';
      }
    }

    void step2() {
      // NLTK applies 'alli' -> 'al' first and, when it does, runs the step again on the result.
      if (endsWith("alli") && measure(length - 4) > 0) {
        replaceEnd(length - 4, "al");
      }
      applyFirstMatching(STEP_2);
    }

    void step5a() {
      if (endsWith("e")) {
        int m = measure(length - 1);
        if (m > 1 || (m == 1 && !endsCvc(length - 1))) {
          length--;
        }
      }
    }

    void step5b() {
      if (endsWith("ll") && measure(length - 1) > 1) {
        length--;
      }
    }
  }
}
