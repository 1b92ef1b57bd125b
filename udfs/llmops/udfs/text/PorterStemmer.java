package llmops.udfs.text;

import java.util.Locale;

/**
 * Temporary stand-in for NLTK's PorterStemmer, which the text-metrics branch implements under this
 * name: it only lowercases, so METEOR's stem stage matches nothing beyond its exact stage.
 */
public final class PorterStemmer {
  public String stem(String word) {
    return word.toLowerCase(Locale.ROOT);
  }
}
