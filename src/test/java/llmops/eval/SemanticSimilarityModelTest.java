package llmops.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import llmops.testing.Cli;
import llmops.testing.SparkTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * semantic_similarity with {@code embedding_model: all-minilm-l6-v2-q}: the eval job scores with the
 * int8 model, gives DESIGN.md's known answers, and its run item records which model it used.
 */
class SemanticSimilarityModelTest {
  @TempDir
  static Path dir;
  static Path data;

  @BeforeAll
  static void dataset() throws Exception {
    data = dir.resolve("pairs.jsonl");
    Files.writeString(data, String.join("\n",
        "{\"id\": \"near\", \"q\": \"q\", \"target\": \"How do I reset my password?\", \"output\": \"I forgot my login password, how can I change it?\"}",
        "{\"id\": \"far\", \"q\": \"q\", \"target\": \"How do I reset my password?\", \"output\": \"The tent is waterproof up to 3000 mm.\"}",
        "{\"id\": \"same\", \"q\": \"q\", \"target\": \"Where is my parcel?\", \"output\": \"Where is my parcel?\"}") + "\n");
  }

  /** Runs semantic_similarity with this embedding_model line (or none) and returns each record's score. */
  private static Map<String, Double> scores(String name, String modelLine) throws Exception {
    Path config = dir.resolve(name + ".yaml");
    Files.writeString(config, """
        dataset: {dataset_name: pairs, model_input_key: q, target_output_key: target, model_output_key: output, record_id_key: id}
        algorithms:
          - algorithm: SemanticSimilarity
        """ + modelLine);
    Cli.Result run = Cli.run("eval", "--config", config.toString(), "--data_path", data.toString(),
        "--output_path", dir.resolve(name).toString(), "--out_table", "eval-embedding-model", "--model", name);
    assertEquals(0, run.exitCode());
    return SparkTest.spark().read().parquet(dir.resolve(name + "/records").toString()).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(r.fieldIndex("record_id")), r -> r.getDouble(r.fieldIndex("semantic_similarity"))));
  }

  /** The algorithms entry of the named model's run item, as `results` prints it. */
  private static JsonNode storedAlgorithm(String model) throws Exception {
    Cli.Result items = Cli.run("results", "--table", "eval-embedding-model");
    assertEquals(0, items.exitCode());
    ObjectMapper json = new ObjectMapper();
    for (String line : items.stdout().lines().filter(l -> l.startsWith("{")).toList()) {
      JsonNode item = json.readTree(line);
      if (model.equals(item.path("model").asText()) && item.has("algorithms")) {
        return item.get("algorithms").get(0);
      }
    }
    throw new AssertionError("no run item of " + model + " in\n" + items.stdout());
  }

  @Test
  void theInt8ModelScoresDesignsPairsAndIsRecordedInTheRunItem() throws Exception {
    Map<String, Double> int8 = scores("int8", "    embedding_model: all-minilm-l6-v2-q\n");
    assertEquals(0.83, int8.get("near"), 0.03, "DESIGN.md's near duplicates");
    assertTrue(int8.get("far") < 0.2, "unrelated: " + int8.get("far"));
    assertEquals(1.0, int8.get("same"), 1e-5);
    JsonNode algorithm = storedAlgorithm("int8");
    assertEquals("semantic_similarity", algorithm.get("name").asText());
    assertEquals("all-minilm-l6-v2-q", algorithm.get("embedding_model").asText());
  }

  @Test
  void withoutTheKeyTheFp32ModelScoresAsBeforeAndIsRecorded() throws Exception {
    Map<String, Double> fp32 = scores("fp32", "");
    Map<String, Double> int8 = scores("int8-again", "    embedding_model: all-minilm-l6-v2-q\n");
    assertEquals("all-minilm-l6-v2", storedAlgorithm("fp32").get("embedding_model").asText());
    // The two models' scores are close but not the same numbers: the int8 option is really another network.
    assertEquals(fp32.get("near"), int8.get("near"), 0.02);
    assertTrue(Math.abs(fp32.get("near") - int8.get("near")) > 1e-4, fp32 + " " + int8);
  }
}
