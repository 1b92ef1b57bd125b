package llmops.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import llmops.testing.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Novelty on real text, end to end: Debian package synopses (src/test/resources/knn/
 * debian-descriptions.jsonl, made by scripts/reference/debian_corpus.py) embedded by the embed job
 * with the int8 MiniLM; a BASELINE of ten sections (games, sound, graphics, science, math, mail,
 * editors, database, web, net) less every eighth synopsis of each; then the held-out synopses of those
 * sections as same-topic prompts, and a shifted prompt set, 80 % from six sections the reference never
 * had (fonts, localization, kernel, hamradio, electronics, vcs) and 20 % held-out same-topic ones.
 * On these embeddings the centroid rule cannot tell the two sets apart (issue 20); the kNN rule must.
 */
class NoveltyOnRealTextTest {
  private static final Set<String> REFERENCE_SECTIONS =
      Set.of("games", "sound", "graphics", "science", "math", "mail", "editors", "database", "web", "net");
  private static final String[] DRIFT_TABLES = {"--drift_table", "debian-drift-runs", "--centroid_table", "debian-drift-centroids"};
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  static Path dir;
  static JsonNode sameTopic;
  static JsonNode shifted;
  static Map<String, String> sectionOf = new HashMap<>();

  @BeforeAll
  static void embedBaselineAndMeasure() throws Exception {
    List<String> reference = new ArrayList<>();
    List<String> heldOut = new ArrayList<>();
    List<String> newTopics = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/knn/debian-descriptions.jsonl"))) {
      JsonNode record = JSON.readTree(line);
      String section = record.get("section").asText();
      sectionOf.put(record.get("id").asText(), section);
      if (!REFERENCE_SECTIONS.contains(section)) {
        newTopics.add(line);
      } else if (seen.merge(section, 1, Integer::sum) % 8 == 1) {
        heldOut.add(line);
      } else {
        reference.add(line);
      }
    }
    assertEquals(240, newTopics.size());
    List<String> shiftedTexts = new ArrayList<>(newTopics);
    shiftedTexts.addAll(heldOut.subList(0, 60));

    String referenceVectors = embed("reference", reference);
    String sameVectors = embed("same-topic", heldOut);
    String shiftedVectors = embed("shifted", shiftedTexts);
    // A prompt of another dimension among the shifted ones: quarantined, the rest measured.
    Files.writeString(Path.of(shiftedVectors, "bad.jsonl"), "{\"id\": \"bad-1\", \"embedding\": [0.5, 0.5], \"text\": \"two numbers\"}\n");

    assertEquals(0, Cli.run("drift", "--job_type", "BASELINE", "--series", "debian", "--data_path", referenceVectors, "--k", "10",
        "--run_id", "1", "--out_table", "debian-drift-runs", "--centroid_table", "debian-drift-centroids").exitCode());
    sameTopic = distance(sameVectors, "same-topic");
    shifted = distance(shiftedVectors, "shifted");
  }

  private static String embed(String name, List<String> lines) throws Exception {
    Path texts = dir.resolve(name + ".jsonl");
    Files.write(texts, lines);
    String out = dir.resolve(name + "-vectors").toString();
    assertEquals(0, Cli.run("embed", "--input_path", texts.toString(), "--output_path", out, "--model", "all-minilm-l6-v2-q",
        "--format", "jsonl").exitCode());
    return out;
  }

  private static JsonNode distance(String prompts, String name) throws Exception {
    List<String> args = new ArrayList<>(List.of("distance", "--prompt_path", prompts, "--series", name, "--reference_series", "debian",
        "--metric", "cosine", "--distance_path", dir.resolve("distances-" + name).toString(), "--out_table", "debian-distance-runs"));
    args.addAll(List.of(DRIFT_TABLES));
    Cli.Result run = Cli.run(args.toArray(new String[0]));
    assertEquals(0, run.exitCode());
    return run.summary();
  }

  @Test
  void sameTopicPromptsAreRarelyNovel() {
    double share = sameTopic.at("/novelty/novel_share").asDouble();
    assertTrue(share <= 0.05, "same-topic novel share " + share);
  }

  @Test
  void aShiftToNewTopicsIsAtLeastThreeTimesAsNovel() {
    double same = sameTopic.at("/novelty/novel_share").asDouble();
    double moved = shifted.at("/novelty/novel_share").asDouble();
    assertTrue(moved >= 3 * same, "novel share " + moved + " shifted against " + same + " same-topic");
  }

  @Test
  void theMostNovelPromptsAreFromTheNewTopicsAndCarryTheirText() {
    JsonNode mostNovel = shifted.at("/novelty/most_novel");
    assertEquals(10, mostNovel.size());
    int fromNewTopics = 0;
    for (JsonNode p : mostNovel) {
      assertTrue(p.get("text").asText().length() > 0, p.toString());
      fromNewTopics += REFERENCE_SECTIONS.contains(sectionOf.get(p.get("id").asText())) ? 0 : 1;
    }
    // Measured: 8 of the 10 (the other two, a game campaign and organ stop definitions, are odd ones of their own sections).
    assertTrue(fromNewTopics >= 7, "most novel: " + mostNovel);
  }

  @Test
  void aBadPromptIsQuarantinedAndTheRestMeasured() {
    assertEquals(1, shifted.at("/input/quarantined_by_reason/dimension_mismatch").asLong(), shifted.at("/input").toString());
    assertEquals(300, shifted.at("/novelty/knn_distances/count").asLong());
  }
}
