package llmops.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import llmops.testing.Cli;
import llmops.testing.SparkTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The eval job over a two-model dataset (JSON Lines, plain and a truncated gzip) with records that
 * are bad for both models or for one only, plus a 50 MB line; compared with a run over good/, where
 * the records bad for every model are blanked and those bad for one model only are kept. It counts
 * per model and keeps a bad record as a row of its output with the reason and no scores, so the
 * contract's counts are keyed {@code "<model> <reason>"}.
 */
class EvalOnBadInputTest implements BadInputContract {
  private static final List<String> MODELS = List.of("m1", "m2");
  private static final List<String> SCORES = List.of("factual_knowledge", "exact_match_score", "quasi_exact_match_score", "f1_score",
      "precision_over_words", "recall_over_words");
  private final BadInputRuns runs = new BadInputRuns();

  @Override
  public String dataSet() {
    return "eval";
  }

  @Override
  public void addTheHugeLine(Path mixedCopy) throws IOException {
    HugeLine.write(mixedCopy.resolve("zz-huge.jsonl"), "{\"id\": \"huge\", \"question\": \"q\", \"answer\": \"a\", \"answers\": {\"m2\": \"a\", \"m1\": \"word",
        " word", "\"}}");
  }

  @Override
  public Cli.Result run(String name, Path data, Path dir) throws Exception {
    return Cli.run("eval", "--config", BadInputCorpus.ROOT.resolve("eval/config.yaml").toString(), "--data_path", data.toString(),
        "--output_path", dir.resolve("out-" + name).toString(), "--out_table", "bad-input-eval-" + name, "--run_id", "1");
  }

  @Override
  public BadInputRuns runs() {
    return runs;
  }

  @Override
  public String noInputError(Path empty) {
    return "no dataset files under " + empty;
  }

  @Override
  public Map<String, Accounting> accounting(Cli.Result run) {
    Map<String, Accounting> out = new TreeMap<>();
    for (String m : MODELS) {
      JsonNode counts = model(run, m);
      out.put(m, new Accounting(counts.get("records").asLong(), counts.get("scored").asLong(), counts.get("errors").asLong()));
    }
    return out;
  }

  /** Per model: a record bad for that model is an error row, the 50 MB line one more. */
  @Override
  public Map<String, Accounting> expectedAccounting(JsonNode manifest) {
    Map<String, Accounting> out = new TreeMap<>();
    for (String m : MODELS) {
      long records = manifest.at("/models/" + m + "/records").asLong() + 1;
      long scored = manifest.at("/models/" + m + "/scored").asLong();
      out.put(m, new Accounting(records, scored, records - scored));
    }
    return out;
  }

  @Override
  public long blankLinesSkipped(Cli.Result run) {
    return run.summary().get("blank_lines").asLong();
  }

  @Override
  public Map<String, Long> countedByReason(Cli.Result run) {
    return perModel(m -> BadInputCorpus.counts(model(run, m).get("errors_by_reason")));
  }

  /** The error rows of the run's records, which must hold no score. */
  @Override
  public Map<String, Long> keptByReason(Cli.Result run, String name) {
    return perModel(m -> {
      Map<String, Long> byReason = new TreeMap<>();
      for (Row r : records(name).where("model = '" + m + "' AND error_reason IS NOT NULL").collectAsList()) {
        byReason.merge(r.getString(r.fieldIndex("error_reason")), 1L, Long::sum);
        for (String score : SCORES) {
          assertTrue(r.isNullAt(r.fieldIndex(score)), r.toString());
        }
      }
      return byReason;
    });
  }

  @Override
  public Map<String, Long> expectedByReason(JsonNode manifest) {
    return perModel(m -> BadInputCorpus.withTheHugeLine(manifest.at("/models/" + m + "/errors_by_reason")));
  }

  @Override
  public Map<String, Long> expectedByReasonInGood(JsonNode manifest) {
    return perModel(m -> BadInputCorpus.counts(manifest.at("/models/" + m + "/errors_by_reason_in_good")));
  }

  private static Map<String, Long> perModel(java.util.function.Function<String, Map<String, Long>> byReason) {
    Map<String, Long> out = new TreeMap<>();
    for (String m : MODELS) {
      byReason.apply(m).forEach((reason, count) -> out.put(m + " " + reason, count));
    }
    return out;
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
  void everyRecordIsARowOfTheOutput() {
    for (String m : MODELS) {
      assertEquals(model(runs.mixed(), m).get("records").asLong(), records("mixed").where("model = '" + m + "'").count(), m);
    }
  }

  @Test
  void theGoodRecordsGetTheSameScoresAsWithoutTheBadOnes() {
    Map<String, String> withBad = scores("mixed");
    assertEquals(runs.manifest().at("/models/m1/scored").asInt() + runs.manifest().at("/models/m2/scored").asInt(), withBad.size());
    assertEquals(scores("good"), withBad);
  }

  /** The means may be summed in another order (the records are spread over partitions by count), hence 1e-12. */
  @Test
  void theMeansAreThoseOfTheGoodRecordsAlone() {
    for (String m : MODELS) {
      JsonNode withBad = model(runs.mixed(), m).get("scores");
      JsonNode alone = model(runs.good(), m).get("scores");
      assertEquals(BadInputCorpus.counts(alone).keySet(), BadInputCorpus.counts(withBad).keySet());
      alone.fields().forEachRemaining(e -> assertEquals(e.getValue().asDouble(), withBad.get(e.getKey()).asDouble(), 1e-12, m + " " + e.getKey()));
    }
  }

  private Dataset<Row> records(String name) {
    return SparkTest.spark().read().parquet(runs.dir().resolve("out-" + name + "/records").toString());
  }

  /** Every scored record's scores, by model and record id. */
  private Map<String, String> scores(String name) {
    return records(name).where("error_reason IS NULL").collectAsList().stream().collect(Collectors.toMap(
        r -> r.getString(r.fieldIndex("model")) + "/" + r.getString(r.fieldIndex("record_id")),
        r -> SCORES.stream().map(s -> String.valueOf(r.get(r.fieldIndex(s)))).collect(Collectors.joining(" "))));
  }
}
