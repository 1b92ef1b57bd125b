package llmops.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import llmops.io.Dynamo;
import llmops.testing.Cli;
import llmops.testing.LocalServices;
import llmops.testing.SparkTest;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The eval CLI end to end on a small dataset with known answers (two models, two categories, bad
 * records), through DynamoDB Local: per-record Parquet and JSON Lines, items, history and leaderboard.
 */
class EvalJobTest {
  @TempDir
  static Path dir;
  static Path config;
  static Path data;

  @BeforeAll
  static void dataset() throws Exception {
    data = dir.resolve("data");
    Files.createDirectories(data);
    Files.writeString(data.resolve("part-1.jsonl"), String.join("\n",
        "{\"id\": \"r1\", \"q\": \"Capital of France?\", \"a\": \"Paris\", \"cat\": \"geo\", \"out\": {\"good\": \"Paris\", \"bad\": \"It is Lyon.\"}}",
        "{\"id\": \"r2\", \"q\": \"Capital of the UK?\", \"a\": \"London<OR>UK capital\", \"cat\": \"geo\", \"out\": {\"good\": \"The capital is London.\", \"bad\": \"london\"}}",
        "",
        "{\"id\": \"r3\", \"q\": \"Who wrote Hamlet?\", \"a\": \"William Shakespeare\", \"cat\": \"books\", \"out\": {\"good\": \"William Shakespeare\", \"bad\": \"Marlowe\"}}",
        "{\"id\": \"r4\", \"q\": \"Largest planet?\", \"a\": \"Jupiter\", \"cat\": \"books\", \"out\": {\"good\": \"Jupiter\"}}",
        "{\"id\": \"r5\", \"q\": \"broken\", \"a\": ",
        "{\"id\": \"r6\", \"q\": \"Answer as a list?\", \"a\": [\"x\"], \"cat\": \"geo\", \"out\": {\"good\": \"x\", \"bad\": \"x\"}}") + "\n");
    config = dir.resolve("eval.yaml");
    Files.writeString(config, """
        pipeline: {name: test-pipeline}
        dataset:
          dataset_name: tiny_qa
          model_input_key: q
          target_output_key: a
          category_key: cat
          record_id_key: id
        models:
          - {name: good, model_output_key: out.good}
          - {name: bad, model_output_key: out.bad}
        algorithms:
          - {algorithm: FactualKnowledge, target_output_delimiter: "<OR>"}
          - {algorithm: QAAccuracy}
          - {algorithm: SummarizationAccuracy}
          - {algorithm: SemanticSimilarity}
        """);
  }

  private static Cli.Result eval(String out, String... extra) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("eval", "--config", config.toString(), "--data_path", data.toString(),
        "--output_path", dir.resolve(out).toString()));
    args.addAll(List.of(extra));
    if (!args.contains("--out_table")) {
      args.addAll(List.of("--out_table", "eval-test"));
    }
    return Cli.run(args.toArray(new String[0]));
  }

  private static Map<String, JsonNode> byModel(JsonNode summary) {
    Map<String, JsonNode> models = new java.util.TreeMap<>();
    summary.get("models").forEach(m -> models.put(m.get("model").asText(), m));
    return models;
  }

  @Test
  void scoresEveryRecordAndCountsEveryErrorByReason() throws Exception {
    Cli.Result run = eval("counts", "--run_id", "1700000000");
    assertEquals(0, run.exitCode());
    Map<String, JsonNode> models = byModel(run.summary());
    // 6 records (the blank line is not one); good: r5 unparseable, r6's list target
    assertEquals(6, models.get("good").get("records").asLong());
    assertEquals(4, models.get("good").get("scored").asLong());
    assertEquals(Map.of("unparseable", 1L, "wrong_type", 1L), counts(models.get("good").get("errors_by_reason")));
    // bad also lacks an answer for r4
    assertEquals(3, models.get("bad").get("scored").asLong());
    assertEquals(Map.of("missing_field", 1L, "unparseable", 1L, "wrong_type", 1L), counts(models.get("bad").get("errors_by_reason")));
    assertEquals(1, run.summary().get("blank_lines").asLong());
  }

  private static Map<String, Long> counts(JsonNode node) {
    Map<String, Long> out = new java.util.TreeMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
    return out;
  }

  @Test
  void datasetScoresAreTheMeansOfTheRecordScores() throws Exception {
    JsonNode good = byModel(eval("means").summary()).get("good").get("scores");
    // good: r1 "Paris"/"Paris", r2 "The capital is London."/"London<OR>UK capital", r3 and r4 exact
    assertEquals(1.0, good.get("factual_knowledge").asDouble(), 1e-12);
    assertEquals(0.75, good.get("exact_match_score").asDouble(), 1e-12);
    // r2: words {capital, is, london} vs {london}: P 1/3, R 1, F1 1/2 (best over the two targets)
    assertEquals((1 + 0.5 + 1 + 1) / 4, good.get("f1_score").asDouble(), 1e-12);
    assertEquals((1 + 1.0 / 3 + 1 + 1) / 4, good.get("precision_over_words").asDouble(), 1e-12);
    JsonNode bad = byModel(eval("means-bad").summary()).get("bad").get("scores");
    // bad: r1 "It is Lyon." 0, r2 "london" 1 (lowercase inclusion), r3 "Marlowe" 0
    assertEquals(1.0 / 3, bad.get("factual_knowledge").asDouble(), 1e-12);
    assertEquals(0, bad.get("exact_match_score").asDouble(), 1e-12);
    assertEquals(1.0 / 3, bad.get("quasi_exact_match_score").asDouble(), 1e-12);
  }

  @Test
  void identicalAnswersScoreOneOnEveryMetric() throws Exception {
    eval("identical");
    Row r3 = SparkTest.spark().read().parquet(dir.resolve("identical/records").toString()).where("model = 'good' AND record_id = 'r3'").first();
    for (String score : List.of("factual_knowledge", "exact_match_score", "f1_score", "rouge1", "rouge2", "rougeL")) {
      assertEquals(1.0, r3.getDouble(r3.fieldIndex(score)), 1e-12, score);
    }
    assertEquals(1.0, r3.getDouble(r3.fieldIndex("semantic_similarity")), 1e-5);
    assertEquals(100.0, r3.getDouble(r3.fieldIndex("bleu")), 1e-9);
    assertTrue(r3.getDouble(r3.fieldIndex("meteor")) > 0.9);
  }

  @Test
  void perRecordParquetKeepsErrorsBesideScores() throws Exception {
    eval("records");
    List<Row> rows = SparkTest.spark().read().parquet(dir.resolve("records/records").toString()).where("model = 'bad'").collectAsList();
    assertEquals(6, rows.size());
    Row missing = rows.stream().filter(r -> "r4".equals(r.getString(r.fieldIndex("record_id")))).findFirst().orElseThrow();
    assertEquals("missing_field", missing.getString(missing.fieldIndex("error_reason")));
    assertEquals("model_output (out.bad) is absent", missing.getString(missing.fieldIndex("error_detail")));
    assertTrue(missing.isNullAt(missing.fieldIndex("f1_score")));
    Row broken = rows.stream().filter(r -> "unparseable".equals(r.getString(r.fieldIndex("error_reason")))).findFirst().orElseThrow();
    assertTrue(broken.getString(broken.fieldIndex("record_id")).startsWith("part-1.jsonl@"), broken.toString());
  }

  @Test
  void fmevalStyleJsonLinesHoldScoresAsNameValuePairs() throws Exception {
    eval("fmeval");
    List<Row> rows = SparkTest.spark().read().json(dir.resolve("fmeval/fmeval/qa_accuracy_tiny_qa").toString())
        .where("model = 'good' AND record_id = 'r1'").collectAsList();
    assertEquals(1, rows.size());
    Row r1 = rows.get(0);
    assertEquals("Capital of France?", r1.getString(r1.fieldIndex("model_input")));
    Map<String, Double> scores = r1.<Row>getList(r1.fieldIndex("scores")).stream()
        .collect(Collectors.toMap(s -> s.getString(s.fieldIndex("name")), s -> s.getDouble(s.fieldIndex("value"))));
    assertEquals(Map.of("exact_match_score", 1.0, "quasi_exact_match_score", 1.0, "f1_score", 1.0, "precision_over_words", 1.0,
        "recall_over_words", 1.0), scores);
  }

  @Test
  void categoriesGetTheirOwnMeans() throws Exception {
    eval("categories", "--run_id", "cat-run");
    try (Dynamo dynamo = new Dynamo(LocalServices.dynamoDbClient(), true)) {
      EvalRunRecord item = new EvaluationStore(dynamo, "eval-test").history("tiny_qa", "good").stream()
          .filter(i -> i.runId().equals("cat-run")).findFirst().orElseThrow();
      Map<String, EvalScores> categories = item.categoryScores();
      assertEquals(Map.of("books", 2L, "geo", 3L), Map.of("books", categories.get("books").records(), "geo", categories.get("geo").records()));
      assertEquals(1.0, categories.get("books").mean("exact_match_score"), 1e-12);
      assertEquals(0.5, categories.get("geo").mean("exact_match_score"), 1e-12);
    }
  }

  @Test
  void historyAndLeaderboardAreEachOneQueryAndRerunsRewriteTheSameItems() throws Exception {
    assertEquals(0, eval("history-1", "--run_id", "1700000100", "--out_table", "eval-history").exitCode());
    assertEquals(0, eval("history-2", "--run_id", "1700000200", "--model", "good", "--out_table", "eval-history").exitCode());
    assertEquals(0, eval("history-2", "--run_id", "1700000200", "--model", "good", "--out_table", "eval-history").exitCode());
    try (Dynamo dynamo = new Dynamo(LocalServices.dynamoDbClient(), true)) {
      EvaluationStore store = new EvaluationStore(dynamo, "eval-history");
      List<String> goodRuns = store.history("tiny_qa", "good").stream().map(EvalRunRecord::runId).toList();
      assertEquals(List.of("1700000100", "1700000200"), goodRuns);
      Map<String, String> leaders = store.leaderboard("tiny_qa").stream()
          .collect(Collectors.toMap(EvalRunRecord::model, EvalRunRecord::runId));
      assertEquals("1700000200", leaders.get("good"));
      assertNotEquals(null, leaders.get("bad"));
    }
  }

  @Test
  void anOlderRunDoesNotDisplaceTheLeader() throws Exception {
    assertEquals(0, eval("newer", "--run_id", "1900000000", "--model", "bad", "--out_table", "eval-leader").exitCode());
    assertEquals(0, eval("older", "--run_id", "1600000000", "--model", "bad", "--out_table", "eval-leader").exitCode());
    try (Dynamo dynamo = new Dynamo(LocalServices.dynamoDbClient(), true)) {
      EvalRunRecord leader = new EvaluationStore(dynamo, "eval-leader").leaderboard("tiny_qa").stream()
          .filter(i -> i.model().equals("bad")).findFirst().orElseThrow();
      assertEquals("1900000000", leader.runId());
    }
  }

  @Test
  void aConfigErrorFailsBeforeAnyRecordIsRead() throws Exception {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, Files.readString(config).replace("QAAccuracy", "QAAcuracy"));
    Cli.Result run = Cli.run("eval", "--config", broken.toString(), "--data_path", data.toString(), "--output_path",
        dir.resolve("never").toString(), "--out_table", "eval-test");
    assertEquals(1, run.exitCode());
    assertTrue(run.summary().get("error").asText().contains("algorithms[1].algorithm: unknown algorithm 'QAAcuracy'"), run.stdout());
    assertTrue(Files.notExists(dir.resolve("never")));
  }

  @Test
  void classificationGetsScikitLearnsDatasetScores() throws Exception {
    Path labels = dir.resolve("labels");
    Files.createDirectories(labels);
    Files.writeString(labels.resolve("reviews.jsonl"), String.join("\n",
        "{\"text\": \"great\", \"label\": \"positive\", \"answer\": \"positive\"}",
        "{\"text\": \"fine\", \"label\": \"positive\", \"answer\": \"The review is negative\"}",
        "{\"text\": \"awful\", \"label\": \"negative\", \"answer\": \"Negative.\"}",
        "{\"text\": \"bad\", \"label\": \"negative\", \"answer\": \"NEGATIVE\"}",
        "{\"text\": \"ok\", \"label\": \"negative\", \"answer\": \"negative\"}") + "\n");
    Path classification = dir.resolve("classification.yaml");
    Files.writeString(classification, """
        dataset: {dataset_name: reviews, model_input_key: text, target_output_key: label, model_output_key: answer}
        algorithms: [{algorithm: ClassificationAccuracy}]
        """);
    Cli.Result run = Cli.run("eval", "--config", classification.toString(), "--data_path", labels.toString(), "--output_path",
        dir.resolve("classified").toString(), "--out_table", "eval-test", "--model", "classifier");
    assertEquals(0, run.exitCode());
    JsonNode scores = run.summary().at("/models/0/scores");
    // predictions: positive, negative, unknown ("Negative." keeps its full stop), negative, negative
    assertEquals(3.0 / 5, scores.get("classification_accuracy_score").asDouble(), 1e-12);
    assertEquals((0.5 + 2.0 / 3) / 2, scores.get("balanced_accuracy_score").asDouble(), 1e-12);
    assertEquals(3.0 / 5, scores.get("precision_score").asDouble(), 1e-12);
    assertEquals(1L, scores.at("/confusion_matrix/negative/unknown").asLong());
  }

  @Test
  void readsParquetDatasetsWithTheSameLocations() throws Exception {
    Path lines = dir.resolve("good-lines.jsonl");
    Files.write(lines, Files.readAllLines(data.resolve("part-1.jsonl")).subList(0, 5).stream().filter(l -> !l.isBlank()).toList());
    String parquet = dir.resolve("parquet-data").toString();
    SparkTest.spark().read().json(lines.toString()).write().parquet(parquet);
    Cli.Result run = Cli.run("eval", "--config", config.toString(), "--data_path", parquet, "--output_path", dir.resolve("from-parquet").toString(),
        "--out_table", "eval-parquet");
    assertEquals(0, run.exitCode());
    assertEquals("parquet", run.summary().get("input_format").asText());
    Map<String, JsonNode> models = byModel(run.summary());
    assertEquals(4, models.get("good").get("scored").asLong());
    assertEquals(0.75, models.get("good").get("scores").get("exact_match_score").asDouble(), 1e-12);
    assertEquals(Map.of("missing_field", 1L), counts(models.get("bad").get("errors_by_reason")));
  }

  @Test
  void readsTheDatasetFromS3() throws Exception {
    System.setProperty("llmops.s3.endpoint", LocalServices.s3().toString());
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path("s3a://" + LocalServices.BUCKET + "/eval/tiny/part-1.jsonl");
    target.getFileSystem(SparkTest.spark().sparkContext().hadoopConfiguration())
        .copyFromLocalFile(new org.apache.hadoop.fs.Path(data.resolve("part-1.jsonl").toUri()), target);
    Cli.Result run = Cli.run("eval", "--config", config.toString(), "--data_path", "s3://" + LocalServices.BUCKET + "/eval/tiny/",
        "--output_path", "s3a://" + LocalServices.BUCKET + "/eval-out/", "--out_table", "eval-test", "--model", "good");
    assertEquals(0, run.exitCode());
    assertEquals(4, run.summary().at("/models/0/scored").asLong());
    assertEquals(6, SparkTest.spark().read().parquet("s3a://" + LocalServices.BUCKET + "/eval-out/records").count());
    assertNull(run.summary().get("error"));
  }
}
