package llmops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The embed benchmark's peer: the same model used as langchain4j documents it, in one plain JVM
 * (its own thread pool over every core, ONNX Runtime's default threading), no Spark. Prints one JSON
 * line with the texts embedded and the seconds taken, model loading excluded.
 *   EmbedPeer TEXTS.jsonl all-minilm-l6-v2|all-minilm-l6-v2-q
 */
public final class EmbedPeer {
  private EmbedPeer() {}

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<TextSegment> texts = Files.readAllLines(Path.of(args[0])).stream()
        .filter(line -> !line.isBlank())
        .map(line -> TextSegment.from(readText(json, line)))
        .toList();
    EmbeddingModel model = switch (args[1]) {
      case "all-minilm-l6-v2" -> new AllMiniLmL6V2EmbeddingModel();
      case "all-minilm-l6-v2-q" -> new AllMiniLmL6V2QuantizedEmbeddingModel();
      default -> throw new IllegalArgumentException("no langchain4j model for " + args[1]);
    };
    model.embed("warm up");
    long start = System.nanoTime();
    int batch = 64;
    for (int i = 0; i < texts.size(); i += batch) {
      model.embedAll(texts.subList(i, Math.min(texts.size(), i + batch)));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.println(json.writeValueAsString(Map.of("model", args[1], "texts", texts.size(), "seconds", seconds)));
  }

  private static String readText(ObjectMapper json, String line) {
    try {
      return json.readTree(line).get("text").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
