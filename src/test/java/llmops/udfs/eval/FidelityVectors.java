package llmops.udfs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the checked-in reference vectors under src/test/resources/fidelity (made by scripts/fidelity/). */
final class FidelityVectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FidelityVectors() {}

  static List<JsonNode> read(String name) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    try (InputStream in = FidelityVectors.class.getResourceAsStream("/fidelity/" + name);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        rows.add(JSON.readTree(line));
      }
    }
    return rows;
  }
}
