package llmops.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A judge that answers the RAG prompts of conf/judge-prompts/ as a careful reader of their tagged sections would,
 * with nothing but what each prompt holds: the claims of an answer are its sentences ("I don't know" claims
 * nothing); a claim or a reference sentence is supported when the context contains it word for word; a passage is
 * useful when it contains a sentence of the reference answer. Only the questions an answer answers come from the
 * labelled set (a person wrote them). Its replies take the shapes models give: bare JSON, JSON in a fence with prose
 * around, verdicts out of order.
 */
final class RagJudge {
  static final Path LABELLED = Path.of("src/test/resources/rag/labelled.jsonl");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
  private static final Pattern NUMBERED = Pattern.compile("(?m)^(\\d+)\\. (.*)$");
  private final List<JsonNode> records = new ArrayList<>();

  RagJudge() {
    try {
      for (String line : Files.readAllLines(LABELLED)) {
        records.add(JSON.readTree(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<JsonNode> records() {
    return records;
  }

  String answer(String prompt) {
    if (prompt.startsWith("You break an answer into claims")) {
      List<String> claims = new ArrayList<>();
      for (String sentence : SENTENCE_END.split(section(prompt, "answer"))) {
        if (!sentence.isBlank() && !sentence.startsWith("I don't know")) {
          claims.add(sentence.strip());
        }
      }
      return "Here are the claims.\n```json\n" + JSON.createObjectNode().set("claims", JSON.valueToTree(claims)) + "\n```";
    }
    if (prompt.startsWith("You check claims against retrieved context")) {
      if (section(prompt, "claims").contains("boils")) {
        return "The claim about boiling water is well supported by the context.";
      }
      return verdicts(section(prompt, "context"), section(prompt, "claims"), true);
    }
    if (prompt.startsWith("You check whether retrieved context covers")) {
      return verdicts(section(prompt, "context"), section(prompt, "reference_sentences"), false);
    }
    if (prompt.startsWith("You judge whether a retrieved passage was useful")) {
      String passage = normal(section(prompt, "passage"));
      boolean useful = false;
      for (String sentence : SENTENCE_END.split(section(prompt, "reference_answer"))) {
        useful |= passage.contains(normal(sentence));
      }
      return "{\"reason\": \"checked\", \"verdict\": " + (useful ? 1 : 0) + "}";
    }
    if (prompt.startsWith("You infer questions from an answer")) {
      String answer = section(prompt, "answer");
      JsonNode record = records.stream().filter(r -> r.get("answer").asText().equals(answer)).findFirst().orElseThrow();
      return JSON.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("questions", record.get("generated_questions"))
          .put("noncommittal", record.at("/labels/noncommittal").asBoolean() ? 1 : 0).toString();
    }
    throw new IllegalArgumentException("not a RAG prompt: " + prompt);
  }

  /** One verdict per numbered item, listed last first: supported when the context holds the item word for word. */
  private static String verdicts(String context, String numbered, boolean asBooleans) {
    List<String> entries = new ArrayList<>();
    Matcher m = NUMBERED.matcher(numbered);
    while (m.find()) {
      boolean supported = normal(context).contains(normal(m.group(2)));
      entries.add(0, "{\"index\": " + m.group(1) + ", \"reason\": \"read\", \"verdict\": " + (asBooleans ? supported : supported ? 1 : 0) + "}");
    }
    return "{\"verdicts\": [" + String.join(", ", entries) + "]}";
  }

  private static String section(String prompt, String tag) {
    Matcher m = Pattern.compile("(?s)<" + tag + ">\n(.*?)\n</" + tag + ">").matcher(prompt);
    if (!m.find()) {
      throw new IllegalArgumentException("no <" + tag + "> in the prompt");
    }
    return m.group(1);
  }

  private static String normal(String text) {
    return text.strip().replaceAll("[.!?]$", "").toLowerCase(Locale.ROOT);
  }
}
