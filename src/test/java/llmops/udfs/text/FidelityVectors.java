package llmops.udfs.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The JSON Lines files that scripts/fidelity/meteor_vectors.py wrote with NLTK, from the test classpath. */
final class FidelityVectors {
  private FidelityVectors() {}

  static List<JsonNode> read(String name) {
    ObjectMapper json = new ObjectMapper();
    try (InputStream in = FidelityVectors.class.getResourceAsStream("/fidelity/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource fidelity/" + name);
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return lines.lines().filter(l -> !l.isBlank()).map(l -> {
        try {
          return json.readTree(l);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
