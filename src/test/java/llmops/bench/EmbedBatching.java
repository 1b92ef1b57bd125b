package llmops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import llmops.udfs.embeddings.SentenceEmbedder;
import llmops.udfs.embeddings.SentenceModel;

/**
 * What grouping batches by length saves when lengths vary: messages made of the benchmark's questions
 * (three in four a single question, else two to six of them in one message, so 12 to about 100 tokens)
 * embedded on one thread by each model, first in batches of 64 as they come (each padded to its
 * longest message, as the job did before), then as the job does now (windows of 1,024 sorted by token
 * count, batches of 64). Prints one JSON line per model: messages, seconds each way.
 *   EmbedBatching TEXTS.jsonl MESSAGES
 */
public final class EmbedBatching {
  private static final int BATCH = 64;
  private static final int WINDOW = 16 * BATCH;

  private EmbedBatching() {}

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<String> questions = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      questions.add(json.readTree(line).get("text").asText());
    }
    Random random = new Random(3);
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < Integer.parseInt(args[1]); i++) {
      int parts = random.nextInt(4) == 0 ? 2 + random.nextInt(5) : 1;
      StringBuilder message = new StringBuilder();
      for (int p = 0; p < parts; p++) {
        message.append(questions.get(random.nextInt(questions.size()))).append(' ');
      }
      messages.add(message.toString().strip());
    }
    for (SentenceModel model : SentenceModel.values()) {
      SentenceEmbedder embedder = SentenceEmbedder.shared(model);
      embedder.embed(messages.subList(0, Math.min(BATCH, messages.size())), BATCH); // loads and warms up
      long start = System.nanoTime();
      for (int i = 0; i < messages.size(); i += BATCH) {
        embedder.embed(messages.subList(i, Math.min(messages.size(), i + BATCH))); // one pass, padded to the batch's longest
      }
      double asTheyCome = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      for (int i = 0; i < messages.size(); i += WINDOW) {
        embedder.embed(messages.subList(i, Math.min(messages.size(), i + WINDOW)), BATCH);
      }
      double sorted = (System.nanoTime() - start) / 1e9;
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("model", model.option);
      line.put("messages", messages.size());
      line.put("as_they_come_s", asTheyCome);
      line.put("length_sorted_s", sorted);
      System.out.println(json.writeValueAsString(line));
    }
  }
}
