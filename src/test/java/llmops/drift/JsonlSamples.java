package llmops.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import llmops.testing.Cli;

/** JSON Lines samples of {@link DriftVerdictTest}'s distribution (4 clusters in 16 dimensions), with a field added to each record. */
final class JsonlSamples {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonlSamples() {}

  /** Writes {@code n} vectors, plus the given drift, as one JSON Lines file under dir/name; returns the folder. */
  static Path sample(Path dir, String name, int n, String... drift) throws Exception {
    Path path = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("sample-data", "--output_path", path.toString(), "--n", Integer.toString(n), "--dim", "16",
        "--clusters", "4", "--separation", "2", "--noise", "0.5", "--files", "1", "--format", "jsonl"));
    args.addAll(List.of(drift));
    assertEquals(0, Cli.run(args.toArray(new String[0])).exitCode());
    return path;
  }

  /** The sample's records, the i-th with {@code value(i)} in its field {@code field}. */
  static List<String> withField(Path sample, String field, IntFunction<JsonNode> value) throws IOException {
    List<String> out = new ArrayList<>();
    try (var files = Files.list(sample)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : Files.readAllLines(file)) {
          ObjectNode record = (ObjectNode) JSON.readTree(line);
          record.set(field, value.apply(out.size()));
          out.add(JSON.writeValueAsString(record));
        }
      }
    }
    return out;
  }

  /** A record with this id and embedding and, when not null, the field set to this text. */
  static String record(String id, JsonNode embedding, String field, String text) {
    ObjectNode record = JSON.createObjectNode().put("id", id);
    if (field != null) {
      record.put(field, text);
    }
    record.set("embedding", embedding);
    return record.toString();
  }

  static JsonNode embeddingOf(String line) throws IOException {
    return JSON.readTree(line).get("embedding");
  }
}
