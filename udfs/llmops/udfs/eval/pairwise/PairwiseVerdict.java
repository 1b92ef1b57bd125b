package llmops.udfs.eval.pairwise;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import llmops.udfs.eval.judge.JsonObjects;
import llmops.udfs.eval.rag.Parsed;

/**
 * A pairwise judge's reply: {@code {"winner": "A"}}, {@code "B"} or {@code "tie"}, in the reply's one
 * JSON object with a {@code winner} field (prose and fences around it allowed). Any other value, no
 * such object, or two that disagree is a failure with its reason, never a guess.
 */
public final class PairwiseVerdict {
  /** Which of the two answers, as the prompt showed them, the judge preferred. */
  public enum Shown { A, B, TIE }

  private PairwiseVerdict() {}

  public static Parsed<Shown> parse(String reply) {
    if (reply == null || reply.isBlank()) {
      return Parsed.failed("the reply is empty");
    }
    Shown found = null;
    for (JsonNode object : JsonObjects.in(reply)) {
      JsonNode winner = object.get("winner");
      if (winner == null) {
        continue;
      }
      Shown shown = winner.isTextual() ? named(winner.asText()) : null;
      if (shown == null) {
        return Parsed.failed("winner " + winner + " is not \"A\", \"B\" or \"tie\"");
      }
      if (found != null && found != shown) {
        return Parsed.failed("ambiguous: the reply names two winners (" + found + ", " + shown + ")");
      }
      found = shown;
    }
    return found == null ? Parsed.failed("no JSON object with \"winner\" in the reply") : Parsed.of(found);
  }

  private static Shown named(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "a" -> Shown.A;
      case "b" -> Shown.B;
      case "tie" -> Shown.TIE;
      default -> null;
    };
  }
}
