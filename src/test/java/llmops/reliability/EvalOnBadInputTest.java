package llmops.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import llmops.testing.Cli;
import llmops.testing.SparkTest;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The eval job over a two-model dataset (JSON Lines, plain and a truncated gzip) with records that
 * are bad for both models or for one only, plus a 50 MB line; compared with a run over good/, where
 * the records bad for every model are blanked and those bad for one model only are kept.
 */
class EvalOnBadInputTest {
  private static final String DATA = "eval";
  private static final List<String> SCORES = List.of("factual_knowledge", "exact_match_score", "quasi_exact_match_score", "f1_score",
      "precision_over_words", "recall_over_words");
  @TempDir
  static Path dir;
  static JsonNode expected;
  static Cli.Result mixed;
  static Cli.Result good;

  @BeforeAll
  static void runOnMixedAndOnGoodOnly() throws Exception {
    expected = BadInputCorpus.manifest(DATA);
    Path input = BadInputCorpus.mixedCopy(DATA, dir);
    HugeLine.write(input.resolve("zz-huge.jsonl"), "{\"id\": \"huge\", \"question\": \"q\", \"answer\": \"a\", \"answers\": {\"m2\": \"a\", \"m1\": \"word",
        " word", "\"}}");
    mixed = eval("mixed", input);
    good = eval("good", BadInputCorpus.good(DATA));
  }

  private static Cli.Result eval(String name, Path data) throws Exception {
    return Cli.run("eval", "--config", BadInputCorpus.ROOT.resolve("eval/config.yaml").toString(), "--data_path", data.toString(),
        "--output_path", dir.resolve("out-" + name).toString(), "--out_table", "bad-input-eval-" + name, "--run_id", "1");
  }

  private static JsonNode model(Cli.Result run, String name) {
    for (JsonNode m : run.summary().get("models")) {
      if (m.get("model").asText().equals(name)) {
        return m;
      }
    }
    throw new AssertionError("no model " + name + " in " + run.summary());
  }

  @Test
  void theRunCompletesWithExitCode0() {
    assertEquals(0, mixed.exitCode());
    assertEquals(0, good.exitCode());
  }

  @Test
  void everyBadRecordIsCountedByReasonPerModel() {
    for (String m : List.of("m1", "m2")) {
      assertEquals(BadInputCorpus.withTheHugeLine(expected.at("/models/" + m + "/errors_by_reason")),
          BadInputCorpus.counts(model(mixed, m).get("errors_by_reason")), m);
      assertEquals(BadInputCorpus.counts(expected.at("/models/" + m + "/errors_by_reason_in_good")),
          BadInputCorpus.counts(model(good, m).get("errors_by_reason")), m);
    }
  }

  @Test
  void everyBadRecordIsARowWithItsReasonAndNoScores() {
    for (String m : List.of("m1", "m2")) {
      List<Row> errors = records("mixed").where("model = '" + m + "' AND error_reason IS NOT NULL").collectAsList();
      Map<String, Long> byReason = new TreeMap<>();
      for (Row r : errors) {
        byReason.merge(r.getString(r.fieldIndex("error_reason")), 1L, Long::sum);
        for (String score : SCORES) {
          assertTrue(r.isNullAt(r.fieldIndex(score)), r.toString());
        }
      }
      assertEquals(BadInputCorpus.withTheHugeLine(expected.at("/models/" + m + "/errors_by_reason")), byReason, m);
    }
  }

  @Test
  void nothingElseIsLostEveryLineIsAScoredRecordAnErrorOrBlank() {
    for (String m : List.of("m1", "m2")) {
      JsonNode counts = model(mixed, m);
      assertEquals(expected.at("/models/" + m + "/records").asLong() + 1, counts.get("records").asLong(), m);
      assertEquals(expected.at("/models/" + m + "/scored").asLong(), counts.get("scored").asLong(), m);
      assertEquals(counts.get("records").asLong(), records("mixed").where("model = '" + m + "'").count(), m);
    }
    assertEquals(expected.get("blank_lines").asLong(), mixed.summary().get("blank_lines").asLong());
  }

  @Test
  void theGoodRecordsGetTheSameScoresAsWithoutTheBadOnes() {
    Map<String, String> withBad = scores("mixed");
    assertEquals(expected.at("/models/m1/scored").asInt() + expected.at("/models/m2/scored").asInt(), withBad.size());
    assertEquals(scores("good"), withBad);
  }

  /** The means may be summed in another order (the records are spread over partitions by count), hence 1e-12. */
  @Test
  void theMeansAreThoseOfTheGoodRecordsAlone() {
    for (String m : List.of("m1", "m2")) {
      JsonNode withBad = model(mixed, m).get("scores");
      JsonNode alone = model(good, m).get("scores");
      assertEquals(BadInputCorpus.counts(alone).keySet(), BadInputCorpus.counts(withBad).keySet());
      alone.fields().forEachRemaining(e -> assertEquals(e.getValue().asDouble(), withBad.get(e.getKey()).asDouble(), 1e-12, m + " " + e.getKey()));
    }
  }

  private static org.apache.spark.sql.Dataset<Row> records(String name) {
    return SparkTest.spark().read().parquet(dir.resolve("out-" + name + "/records").toString());
  }

  /** Every scored record's scores, by model and record id. */
  private static Map<String, String> scores(String name) {
    return records(name).where("error_reason IS NULL").collectAsList().stream().collect(Collectors.toMap(
        r -> r.getString(r.fieldIndex("model")) + "/" + r.getString(r.fieldIndex("record_id")),
        r -> SCORES.stream().map(s -> String.valueOf(r.get(r.fieldIndex(s)))).collect(Collectors.joining(" "))));
  }

  @Test
  void anEmptyPrefixIsAClearErrorWithExitCode1() throws Exception {
    Path empty = dir.resolve("empty-prefix");
    Files.createDirectories(empty);
    Cli.Result run = eval("empty-prefix", empty);
    assertEquals(1, run.exitCode());
    assertTrue(run.summary().get("error").asText().contains("no dataset files under " + empty), run.summary().toString());
  }
}
