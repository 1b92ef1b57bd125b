package llmops.udfs.eval.rag;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import llmops.udfs.eval.judge.JsonObjects;

/**
 * Strict readers of the RAG judge prompts' replies. Each prompt asks for one JSON object; the reply may
 * wrap it in prose or a ```json fence, but the object must be there, hold the asked-for field with the
 * asked-for shape, and be the only one that does (two different ones are ambiguous). A verdict is 1 or
 * 0 ({@code true}/{@code false}, {@code "yes"}/{@code "no"} and the quoted digits are the same
 * statement); anything else, a missing or repeated item, or an item the prompt did not list is a
 * failure with its reason, never a guess.
 */
public final class RagReplies {
  /** What a question-generation reply holds: the questions and whether the answer was noncommittal. */
  public record Questions(List<String> questions, boolean noncommittal) {}

  private RagReplies() {}

  /** The claims of an answer: {@code {"claims": ["...", ...]}}; an empty list is an answer that claims nothing. */
  public static Parsed<List<String>> claims(String reply) {
    Parsed<JsonNode> field = field(reply, "claims");
    return field.ok() ? texts(field.value(), "claims", -1) : Parsed.failed(field.failure());
  }

  /**
   * One verdict per listed item: {@code {"verdicts": [{"index": 1, "verdict": 1}, ...]}}, indexes 1 to
   * {@code items}, each once, in any order; the verdicts come back in the items' order.
   */
  public static Parsed<List<Boolean>> verdicts(String reply, int items) {
    Parsed<JsonNode> field = field(reply, "verdicts");
    if (!field.ok()) {
      return Parsed.failed(field.failure());
    }
    JsonNode list = field.value();
    if (!list.isArray()) {
      return Parsed.failed("\"verdicts\" is not a list");
    }
    Boolean[] byIndex = new Boolean[items];
    for (JsonNode entry : list) {
      JsonNode index = entry.get("index");
      if (index == null || !index.canConvertToExactIntegral() || !index.isNumber()) {
        return Parsed.failed("a verdict without a whole-number \"index\": " + entry);
      }
      int i = index.asInt();
      if (i < 1 || i > items) {
        return Parsed.failed("verdict for item " + i + ", but the prompt listed items 1 to " + items);
      }
      if (byIndex[i - 1] != null) {
        return Parsed.failed("two verdicts for item " + i);
      }
      Parsed<Boolean> verdict = verdict(entry.get("verdict"));
      if (!verdict.ok()) {
        return Parsed.failed("item " + i + ": " + verdict.failure());
      }
      byIndex[i - 1] = verdict.value();
    }
    List<Boolean> out = new ArrayList<>(items);
    for (int i = 0; i < items; i++) {
      if (byIndex[i] == null) {
        return Parsed.failed("no verdict for item " + (i + 1) + " of " + items);
      }
      out.add(byIndex[i]);
    }
    return Parsed.of(out);
  }

  /** One verdict: {@code {"verdict": 1}}. */
  public static Parsed<Boolean> verdict(String reply) {
    Parsed<JsonNode> field = field(reply, "verdict");
    return field.ok() ? verdict(field.value()) : Parsed.failed(field.failure());
  }

  /** {@code {"questions": [exactly count questions], "noncommittal": 0 or 1}}. */
  public static Parsed<Questions> questions(String reply, int count) {
    Parsed<JsonNode> field = field(reply, "questions");
    if (!field.ok()) {
      return Parsed.failed(field.failure());
    }
    Parsed<List<String>> questions = texts(field.value(), "questions", count);
    if (!questions.ok()) {
      return Parsed.failed(questions.failure());
    }
    Parsed<JsonNode> flag = field(reply, "noncommittal");
    if (!flag.ok()) {
      return Parsed.failed(flag.failure());
    }
    Parsed<Boolean> noncommittal = verdict(flag.value());
    return noncommittal.ok() ? Parsed.of(new Questions(questions.value(), noncommittal.value()))
        : Parsed.failed("noncommittal: " + noncommittal.failure());
  }

  /** The value of {@code name} in the reply's one JSON object that has it at its top level. */
  private static Parsed<JsonNode> field(String reply, String name) {
    if (reply == null || reply.isBlank()) {
      return Parsed.failed("the reply is empty");
    }
    JsonNode found = null;
    for (JsonNode object : JsonObjects.in(reply)) {
      JsonNode value = object.get(name);
      if (value != null) {
        if (found != null && !found.equals(value)) {
          return Parsed.failed("ambiguous: the reply has two JSON objects with different \"" + name + "\"");
        }
        found = value;
      }
    }
    return found == null ? Parsed.failed("no JSON object with \"" + name + "\" in the reply") : Parsed.of(found);
  }

  /** A list of non-blank strings; of exactly {@code count} of them unless count is negative. */
  private static Parsed<List<String>> texts(JsonNode list, String name, int count) {
    if (!list.isArray()) {
      return Parsed.failed("\"" + name + "\" is not a list");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : list) {
      if (!item.isTextual() || item.asText().isBlank()) {
        return Parsed.failed("\"" + name + "\" holds " + (item.isTextual() ? "a blank entry" : "a non-text entry: " + item));
      }
      out.add(item.asText().strip());
    }
    if (count >= 0 && out.size() != count) {
      return Parsed.failed("\"" + name + "\" has " + out.size() + " entries, the prompt asked for " + count);
    }
    return Parsed.of(out);
  }

  private static Parsed<Boolean> verdict(JsonNode value) {
    if (value == null || value.isNull()) {
      return Parsed.failed("no verdict");
    }
    if (value.isBoolean()) {
      return Parsed.of(value.asBoolean());
    }
    if (value.isIntegralNumber() && (value.asLong() == 0 || value.asLong() == 1)) {
      return Parsed.of(value.asLong() == 1);
    }
    if (value.isTextual()) {
      switch (value.asText().strip().toLowerCase(Locale.ROOT)) {
        case "1", "yes", "true" -> {
          return Parsed.of(true);
        }
        case "0", "no", "false" -> {
          return Parsed.of(false);
        }
        default -> { }
      }
    }
    return Parsed.failed("verdict " + value + " is not 1 or 0");
  }
}
