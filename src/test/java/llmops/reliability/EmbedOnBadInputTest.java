package llmops.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import llmops.testing.Cli;
import llmops.testing.SparkTest;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embed job over texts with bad records among the good ones, plus a 50 MB line: JSON Lines
 * (plain and a truncated gzip) and plain text with Latin-1 and UTF-16 lines; each compared with a
 * run over the good texts alone.
 */
class EmbedOnBadInputTest {
  @TempDir
  static Path dir;
  static Cli.Result jsonMixed;
  static Cli.Result jsonGood;
  static Cli.Result plainMixed;
  static Cli.Result plainGood;

  @BeforeAll
  static void runOnMixedAndOnGoodOnly() throws Exception {
    Path json = BadInputCorpus.mixedCopy("texts-jsonl", dir);
    HugeLine.write(json.resolve("zz-huge.jsonl"), "{\"id\": \"huge\", \"text\": \"word", " word", "\"}");
    jsonMixed = embed("json-mixed", json);
    jsonGood = embed("json-good", BadInputCorpus.good("texts-jsonl"));
    Path plain = BadInputCorpus.mixedCopy("texts-plain", dir);
    HugeLine.text(plain.resolve("zz-huge.txt"));
    plainMixed = embed("plain-mixed", plain);
    plainGood = embed("plain-good", BadInputCorpus.good("texts-plain"));
  }

  private static Cli.Result embed(String name, Path input) throws Exception {
    return Cli.run("embed", "--input_path", input.toString(), "--output_path", dir.resolve("out-" + name).toString(),
        "--quarantine_path", dir.resolve("quarantine-" + name).toString());
  }

  @Test
  void theRunsCompleteWithExitCode0() {
    for (Cli.Result run : List.of(jsonMixed, jsonGood, plainMixed, plainGood)) {
      assertEquals(0, run.exitCode(), run.stdout());
    }
  }

  @Test
  void everyBadRecordIsCountedByReasonInTheSummary() {
    for (String data : List.of("texts-jsonl", "texts-plain")) {
      Cli.Result run = data.equals("texts-jsonl") ? jsonMixed : plainMixed;
      assertEquals(BadInputCorpus.withTheHugeLine(BadInputCorpus.manifest(data).get("quarantined_by_reason")),
          BadInputCorpus.counts(run.summary().at("/input/quarantined_by_reason")), data);
    }
    assertTrue(jsonGood.summary().at("/input/quarantined_by_reason").isEmpty());
    assertTrue(plainGood.summary().at("/input/quarantined_by_reason").isEmpty());
  }

  @Test
  void everyBadRecordIsInTheQuarantineWithItsReason() {
    for (String data : List.of("texts-jsonl", "texts-plain")) {
      Cli.Result run = data.equals("texts-jsonl") ? jsonMixed : plainMixed;
      assertEquals(BadInputCorpus.withTheHugeLine(BadInputCorpus.manifest(data).get("quarantined_by_reason")),
          BadInputCorpus.quarantinedByReason(run.summary().at("/input/quarantine_path").asText()), data);
    }
  }

  @Test
  void nothingElseIsLostEveryLineIsAnEmbeddedTextABadOneOrBlank() {
    for (String data : List.of("texts-jsonl", "texts-plain")) {
      JsonNode expected = BadInputCorpus.manifest(data);
      JsonNode in = (data.equals("texts-jsonl") ? jsonMixed : plainMixed).summary().get("input");
      assertEquals(expected.get("records").asLong() + 1, in.get("records").asLong(), data);
      assertEquals(expected.get("good").asLong(), in.get("usable").asLong(), data);
      assertEquals(expected.get("blank_lines").asLong(), in.get("blank_lines_skipped").asLong(), data);
      // a corrupt file is quarantined once but is not a record, as in the drift and distance jobs
      assertEquals(in.get("records").asLong() + expected.get("corrupt_files").asLong(), in.get("usable").asLong() + in.get("quarantined").asLong(), data);
    }
  }

  /** A text's vector in another batch differs by float rounding only, below 1e-5 (SentenceEmbedderTest). */
  @Test
  void theGoodTextsGetTheSameEmbeddingsAsWithoutTheBadOnes() {
    for (String[] pair : List.of(new String[] {"json-mixed", "json-good"}, new String[] {"plain-mixed", "plain-good"})) {
      Map<String, float[]> withBad = embeddings(pair[0]);
      Map<String, float[]> alone = embeddings(pair[1]);
      assertEquals(alone.keySet(), withBad.keySet(), pair[0]);
      alone.forEach((id, v) -> {
        for (int j = 0; j < v.length; j++) {
          assertEquals(v[j], withBad.get(id)[j], 1e-5, id);
        }
      });
    }
  }

  @Test
  void textThatIsNotAsciiButValidUtf8IsKeptAsItIs() {
    List<Row> rows = SparkTest.spark().read().parquet(dir.resolve("out-plain-mixed").toString()).where("text LIKE '%lässt%' OR text LIKE '%Dónde%'")
        .collectAsList();
    assertEquals(2, rows.size());
  }

  private static Map<String, float[]> embeddings(String name) {
    return SparkTest.spark().read().parquet(dir.resolve("out-" + name).toString()).select("id", "embedding").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> {
          List<Float> v = r.getList(1);
          float[] out = new float[v.size()];
          for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
          }
          return out;
        }));
  }

  @Test
  void anEmptyPrefixIsAClearErrorWithExitCode1() throws Exception {
    Path empty = dir.resolve("empty-prefix");
    Files.createDirectories(empty);
    Cli.Result run = embed("empty-prefix", empty);
    assertEquals(1, run.exitCode());
    assertTrue(run.summary().get("error").asText().contains("no input files under " + empty), run.summary().toString());
  }
}
