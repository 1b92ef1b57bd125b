package llmops.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import llmops.testing.SparkTest;
import org.apache.spark.sql.Row;

/**
 * The checked-in bad-input corpus (src/test/resources/bad-input, written by
 * scripts/bad-input/generate.py) and its manifest of known counts. Each data set has mixed/ (good
 * and bad records) and good/ (the same files with the bad lines blanked: same offsets, line numbers
 * and ids, so the good records' results can be compared one to one).
 */
final class BadInputCorpus {
  static final Path ROOT = Path.of("src", "test", "resources", "bad-input");
  private static JsonNode manifest;

  private BadInputCorpus() {}

  static synchronized JsonNode manifest(String dataSet) {
    if (manifest == null) {
      try {
        manifest = new ObjectMapper().readTree(ROOT.resolve("manifest.json").toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return manifest.get(dataSet);
  }

  static Path good(String dataSet) {
    return ROOT.resolve(dataSet).resolve("good");
  }

  /** A copy of mixed/ in {@code dir}, for a test to add its 50 MB line to. */
  static Path mixedCopy(String dataSet, Path dir) throws IOException {
    Path copy = dir.resolve(dataSet + "-mixed");
    Files.createDirectories(copy);
    try (Stream<Path> files = Files.list(ROOT.resolve(dataSet).resolve("mixed"))) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    return copy;
  }

  /** The manifest's counts by reason, plus the 50 MB line every test adds to its copy of mixed/ ({@link HugeLine}). */
  static Map<String, Long> withTheHugeLine(JsonNode counts) {
    Map<String, Long> out = counts(counts);
    out.merge("line_too_long", 1L, Long::sum);
    return out;
  }

  static Map<String, Long> counts(JsonNode node) {
    Map<String, Long> out = new TreeMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
    return out;
  }

  /** What a quarantine folder (JSON Lines) holds, by reason. */
  static Map<String, Long> quarantinedByReason(String path) {
    Map<String, Long> out = new TreeMap<>();
    List<Row> rows = SparkTest.spark().read().json(path).select("reason").collectAsList();
    rows.forEach(r -> out.merge(r.getString(0), 1L, Long::sum));
    return out;
  }
}
