package llmops.udfs.eval.rag;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The sentences of a reference answer, which context recall asks the judge to attribute one by one:
 * split at line breaks and after '.', '!' or '?' followed by white space and a capital letter, a digit
 * or a quote. Decimal numbers ("3.5") and lower-case continuations ("e.g. this") stay whole; blank
 * pieces are dropped.
 */
public final class ReferenceSentences {
  private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\p{N}\"'“])|\\R+");

  private ReferenceSentences() {}

  public static List<String> split(String text) {
    List<String> sentences = new ArrayList<>();
    for (String piece : BOUNDARY.split(text)) {
      if (!piece.isBlank()) {
        sentences.add(piece.strip());
      }
    }
    return sentences;
  }
}
