package llmops.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import llmops.testing.Cli;
import llmops.testing.FakeModelServer;
import llmops.testing.SparkTest;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RAG metrics end to end on the hand-labelled set (src/test/resources/rag/): the eval job sends the real
 * prompts through Bedrock's Converse (the AWS SDK's client, pointed at a fake server on loopback) to a judge that
 * answers them by their protocol ({@link RagJudge}), and every record's scores are the ones worked out by hand from
 * its labels.
 */
class RagMetricsTest {
  private static Path dir;

  @BeforeAll
  static void setUp() throws Exception {
    CalledModels.setUp();
    dir = Files.createTempDirectory("rag-metrics");
  }

  @AfterAll
  static void tearDown() {
    CalledModels.tearDown();
  }

  static String bedrock(FakeModelServer judge) {
    return "{model_provider: bedrock, model_id: anthropic.claude-3-haiku, endpoint_url: \"" + judge.uri() + "\", region: us-east-1}";
  }

  static Path config(String name, FakeModelServer judge, String dataset) throws Exception {
    String judgeEntry = bedrock(judge);
    return config(name, dataset, """
          - {algorithm: Faithfulness, judge: %s}
          - {algorithm: AnswerRelevancy, judge: %s}
          - {algorithm: ContextPrecision, judge: %s}
          - {algorithm: ContextRecall, judge: %s}
          - {algorithm: RagSimilarity}
        """.formatted(judgeEntry, judgeEntry, judgeEntry, judgeEntry));
  }

  static Path config(String name, String dataset, String algorithms) throws Exception {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, """
        dataset:
          dataset_name: %s
          model_input_key: question
          target_output_key: reference
          model_output_key: answer
          record_id_key: id
          %s
        models:
          - name: rag-app
        algorithms:
        %s
        """.formatted(name, dataset, algorithms));
    return file;
  }

  static Cli.Result eval(Path config, Path data) throws Exception {
    String name = config.getFileName().toString().replace(".yaml", "");
    Cli.Result result = Cli.run("eval", "--config", config.toString(), "--data_path", data.toString(), "--output_path",
        dir.resolve("out-" + name).toString(), "--out_table", "rag-test", "--responses_table", "rag-responses-" + name);
    assertEquals(0, result.exitCode(), result.stdout());
    return result;
  }

  static Map<String, Row> byRecord(Cli.Result result) {
    Map<String, Row> rows = new HashMap<>();
    for (Row row : SparkTest.spark().read().parquet(result.summary().at("/output/records").asText()).collectAsList()) {
      rows.put(row.getString(row.fieldIndex("record_id")), row);
    }
    return rows;
  }

  private static Double score(Row row, String name) {
    int i = row.fieldIndex(name);
    return row.isNullAt(i) ? null : row.getDouble(i);
  }

  @Test
  void everyRecordsScoresAreTheOnesWorkedOutFromItsLabels() throws Exception {
    RagJudge judge = new RagJudge();
    try (FakeModelServer server = new FakeModelServer(judge::answer)) {
      Cli.Result result = eval(config("labelled", server, "context_key: contexts"), RagJudge.LABELLED);
      Map<String, Row> rows = byRecord(result);
      assertEquals(7, rows.size());
      for (JsonNode record : judge.records()) {
        Row row = rows.get(record.get("id").asText());
        for (String metric : List.of("faithfulness", "context_precision", "context_recall")) {
          JsonNode expected = record.at("/expected/" + metric);
          if (expected.isNull()) {
            assertNull(score(row, metric), record.get("id") + " " + metric);
          } else {
            assertEquals(expected.asDouble(), score(row, metric), 1e-12, record.get("id") + " " + metric);
          }
        }
        double relevancy = score(row, "answer_relevancy");
        if (record.at("/labels/noncommittal").asBoolean()) {
          assertEquals(0.0, relevancy, 0, "a noncommittal answer scores 0");
        } else if (record.at("/labels/on_topic").asBoolean()) {
          assertTrue(relevancy > 0.6, record.get("id") + " on topic: " + relevancy);
        } else {
          assertTrue(relevancy < 0.3, record.get("id") + " off topic: " + relevancy);
        }
      }
      // The failures are counted by reason, never guessed: r5 claims nothing (Ragas: undefined), r6's judge rambled.
      JsonNode failures = CalledModels.model(result, "rag-app").at("/score_failures/faithfulness");
      assertEquals(1, failures.get("the answer makes no claims").asInt(), failures.toString());
      assertEquals(1, failures.get("no JSON object with \"verdicts\" in the reply").asInt(), failures.toString());
      // Means over the scored records: faithfulness (1 + 0.5 + 0 + 1 + 0) / 5.
      assertEquals(2.5 / 5, CalledModels.model(result, "rag-app").at("/scores/faithfulness").asDouble(), 1e-12);
      // The endpoint-free similarities: r1 answers its question from its first context; r7 talks about bananas.
      assertTrue(score(rows.get("r1"), "answer_question_similarity") > score(rows.get("r7"), "answer_question_similarity") + 0.4);
      assertTrue(score(rows.get("r1"), "answer_context_similarity") > 0.9, "r1 repeats its first context");
      assertTrue(score(rows.get("r7"), "answer_context_similarity") < 0.3);
    }
  }

  /** The real prompts, sent over the OpenAI chat protocol to a local server, get replies the strict readers accept; a rerun asks nothing again. */
  @Test
  void theRealPromptsThroughAnOpenAiCompatibleServerAreAskedOnceAcrossRuns() throws Exception {
    RagJudge judge = new RagJudge();
    try (FakeModelServer server = new FakeModelServer(judge::answer)) {
      String openAi = "{model_provider: openai, model_id: local-judge, endpoint_url: \"" + server.uri() + "/v1\"}";
      Path config = config("resumed", "context_key: contexts", """
            - {algorithm: ContextPrecision, judge: %s}
            - {algorithm: ContextRecall, judge: %s}
          """.formatted(openAi, openAi));
      eval(config, RagJudge.LABELLED);
      int calls = server.totalAnswers();
      Cli.Result rerun = eval(config, RagJudge.LABELLED);
      Map<String, Row> again = byRecord(rerun);
      assertEquals(calls, server.totalAnswers(), "every judge reply came from the responses table");
      assertEquals(7 / 12.0, score(again.get("r4"), "context_precision"), 1e-12);
      assertEquals(2 / 3.0, score(again.get("r4"), "context_recall"), 1e-12);
      assertTrue(CalledModels.model(rerun, "rag-app").at("/score_failures").isMissingNode(), "every reply was read");
    }
  }

  @Test
  void contextsGivenAsOneDelimitedTextAreCutAtTheDelimiter() throws Exception {
    RagJudge judge = new RagJudge();
    Path data = dir.resolve("delimited.jsonl");
    StringBuilder lines = new StringBuilder();
    for (JsonNode record : judge.records()) {
      com.fasterxml.jackson.databind.node.ObjectNode copy = record.deepCopy();
      List<String> contexts = new java.util.ArrayList<>();
      record.get("contexts").forEach(c -> contexts.add(c.asText()));
      copy.put("contexts", String.join("\n\n", contexts));
      lines.append(copy).append('\n');
    }
    Files.writeString(data, lines);
    try (FakeModelServer server = new FakeModelServer(judge::answer)) {
      Map<String, Row> rows = byRecord(eval(config("delimited", "context_key: contexts\n  context_delimiter: \"\\n\\n\"",
          "  - {algorithm: ContextPrecision, judge: " + bedrock(server) + "}"), data));
      assertEquals(List.of("Bees are insects.", "Bees make honey.", "Bees make wax."), rows.get("r4").getList(rows.get("r4").fieldIndex("contexts")));
      assertEquals(7 / 12.0, score(rows.get("r4"), "context_precision"), 1e-12);
    }
  }
}
