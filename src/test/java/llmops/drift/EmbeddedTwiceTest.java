package llmops.drift;

import static llmops.testing.SmallJobs.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import llmops.testing.TableContents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The same texts give the same BASELINE: embedded twice (the outputs match line by line; only the
 * part files' names differ, and with them the seed format's "file:offset" ids) and analysed, they
 * leave identical items apart from the input's paths, the run's time and the random generation the
 * centroids are stored under. Two runs of scripts/demo once stored different inertias.
 */
class EmbeddedTwiceTest {
  private static final List<String> PER_RUN = List.of("input", "run_ts", "type_ts", "centroid_key", "run");

  @TempDir
  Path dir;

  private Map<String, Set<Map<String, AttributeValue>>> embedAndAnalyse(Path texts, String name) throws Exception {
    Path embeddings = dir.resolve(name);
    ok("embed", "--input_path", texts.toString(), "--output_path", embeddings.toString(), "--format", "seed");
    ok("drift", "--job_type", "BASELINE", "--series", "twice", "--data_path", embeddings.toString(), "--k", "auto", "--k_range", "2-4",
        "--silhouette_sample", "60", "--kmeans_init_sample", "80", "--run_id", "twice-1",
        "--out_table", name + "-runs", "--centroid_table", name + "-centroids");
    Map<String, Set<Map<String, AttributeValue>>> kept = new HashMap<>();
    TableContents.of(name + "-runs", name + "-centroids").forEach((table, items) -> kept.put(table.substring(name.length()),
        items.stream().map(item -> {
          Map<String, AttributeValue> rest = new HashMap<>(item);
          PER_RUN.forEach(rest::remove);
          return rest;
        }).collect(Collectors.toSet())));
    return kept;
  }

  @Test
  void theSameTextsEmbeddedAndAnalysedTwiceLeaveTheSameItems() throws Exception {
    Path texts = dir.resolve("texts.jsonl");
    Files.write(texts, Files.readAllLines(Path.of("scripts/demo-corpus/reference.jsonl")).subList(0, 120));
    assertEquals(embedAndAnalyse(texts, "twice-a"), embedAndAnalyse(texts, "twice-b"));
  }
}
