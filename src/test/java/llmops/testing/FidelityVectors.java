package llmops.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The expected answers scripts/fidelity/ wrote into src/test/resources/fidelity/. */
public final class FidelityVectors {
  private FidelityVectors() {}

  public static List<JsonNode> jsonLines(String name) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> records = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        FidelityVectors.class.getResourceAsStream("/fidelity/" + name), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        records.add(json.readTree(line));
      }
    }
    return records;
  }
}
