package llmops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import llmops.udfs.eval.ClassificationLabel;
import llmops.udfs.eval.FactualKnowledge;
import llmops.udfs.eval.QaAccuracy;
import llmops.udfs.eval.SummarizationAccuracy;
import llmops.udfs.eval.TargetOutputs;

/**
 * The eval benchmark's function-level measure: the per-record metric functions the job's UDFs call,
 * on one thread (one core) over the same records as the Python reference, no Spark, so the two
 * sides do the same work. Prints one JSON line: {"algorithm", "records", "seconds"}.
 * Args: DATA.jsonl ALGORITHM LIMIT. The records are scored twice and the second pass timed, so
 * class loading and WordNet's first lookups are not counted (the Python side has its own warm-up
 * in the interpreter's caches; its figure includes none of fmeval's Ray or data loading).
 */
public final class EvalFunctions {
  private EvalFunctions() {}

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    String algorithm = args[1];
    int limit = Integer.parseInt(args[2]);
    List<JsonNode> records = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      records.add(json.readTree(line));
      if (records.size() == limit) {
        break;
      }
    }
    Consumer<JsonNode> score = scorer(algorithm);
    records.forEach(score);
    long start = System.nanoTime();
    records.forEach(score);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.println(json.writeValueAsString(Map.of("algorithm", algorithm, "records", records.size(), "seconds", seconds)));
  }

  private static Consumer<JsonNode> scorer(String algorithm) {
    return switch (algorithm) {
      case "factual_knowledge" -> r -> FactualKnowledge.score(r.get("qa_output").asText(),
          TargetOutputs.split(r.get("answer").asText(), "<OR>"), FactualKnowledge.Operator.OR);
      case "qa_accuracy" -> r -> QaAccuracy.score(r.get("qa_output").asText(), TargetOutputs.split(r.get("answer").asText(), "<OR>"));
      case "summarization_accuracy" -> r -> SummarizationAccuracy.score(r.get("summary_output").asText(),
          List.of(r.get("summary_target").asText()));
      case "classification_accuracy" -> {
        ClassificationLabel labels = new ClassificationLabel(List.of("positive", "negative", "neutral"));
        yield r -> ClassificationLabel.accuracy(labels.predict(r.get("label_output").asText()), r.get("label").asText());
      }
      default -> throw new IllegalArgumentException("no function-level measure for " + algorithm);
    };
  }
}
