package llmops.embed;

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

/** The embed CLI on a small JSON Lines corpus with bad records, and its output read by the drift job. */
class EmbedJobTest {
  @TempDir
  static Path dir;
  static Path corpus;

  @BeforeAll
  static void corpus() throws Exception {
    corpus = dir.resolve("corpus");
    Files.createDirectories(corpus);
    StringBuilder good = new StringBuilder();
    String[] topics = {"How do I reset my password number %d?", "Where is my parcel number %d?", "Can I return the jacket number %d?"};
    for (int i = 0; i < 60; i++) {
      good.append(String.format("{\"id\": \"q%d\", \"text\": \"%s\"}%n", i, String.format(topics[i % 3], i)));
    }
    Files.writeString(corpus.resolve("good.jsonl"), good);
    Files.writeString(corpus.resolve("bad.jsonl"), String.join("\n",
        "{\"id\": \"empty\", \"text\": \"   \"}",
        "{\"id\": \"number\", \"text\": 42}",
        "{\"id\": \"missing\"}",
        "{not json",
        "") + "\n");
  }

  private static JsonNode embed(String output, String... extra) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("embed", "--input_path", corpus.toString(), "--output_path",
        dir.resolve(output).toString(), "--quarantine_path", dir.resolve("q-" + output).toString()));
    args.addAll(List.of(extra));
    Cli.Result run = Cli.run(args.toArray(new String[0]));
    assertEquals(0, run.exitCode());
    return run.summary();
  }

  @Test
  void everyUsableTextIsEmbeddedAndEveryOtherRecordQuarantinedByReason() throws Exception {
    JsonNode s = embed("parquet");
    assertEquals(64, s.at("/input/records").asLong());
    assertEquals(60, s.at("/output/vectors").asLong());
    assertEquals(Map.of("empty_text", 1L, "missing_field", 1L, "unparseable", 1L, "wrong_type", 1L),
        SparkTest.spark().read().json(dir.resolve("q-parquet").toString()).collectAsList().stream()
            .collect(Collectors.groupingBy(r -> r.getString(r.fieldIndex("reason")), Collectors.counting())));
    Row first = SparkTest.spark().read().parquet(dir.resolve("parquet").toString()).where("id = 'q0'").first();
    assertEquals("How do I reset my password number 0?", first.getString(first.fieldIndex("text")));
    assertEquals(384, first.getList(first.fieldIndex("embedding")).size());
    assertEquals("sentence-transformers/all-MiniLM-L6-v2", first.getString(first.fieldIndex("model")));
  }

  @Test
  void theDriftJobReadsTheOutputInEveryFormat() throws Exception {
    for (String format : List.of("parquet", "seed", "jsonl")) {
      embed("for-drift-" + format, "--format", format);
      Cli.Result drift = Cli.run("drift", "--job_type", "BASELINE", "--series", "embedded-" + format, "--k", "3",
          "--data_path", dir.resolve("for-drift-" + format).toString(), "--out_table", "embed-runs", "--centroid_table", "embed-centroids");
      assertEquals(0, drift.exitCode(), format);
      assertEquals(60, drift.summary().at("/input/valid").asLong(), format);
      assertEquals(384, drift.summary().at("/input/dim").asInt(), format);
    }
  }

  @Test
  void theThreeTopicsFormTheThreeClustersTheDriftJobFinds() throws Exception {
    embed("topics");
    Cli.Result drift = Cli.run("drift", "--job_type", "BASELINE", "--series", "topics", "--k", "3",
        "--data_path", dir.resolve("topics").toString(), "--out_table", "embed-runs", "--centroid_table", "embed-centroids");
    assertEquals(List.of(20L, 20L, 20L), java.util.stream.StreamSupport.stream(drift.summary().at("/kmeans/cluster_sizes").spliterator(), false)
        .map(JsonNode::asLong).sorted().toList());
  }

  @Test
  void longTextsAreTruncatedOrChunkedAndCounted() throws Exception {
    Path longCorpus = dir.resolve("long");
    Files.createDirectories(longCorpus);
    Files.writeString(longCorpus.resolve("doc.txt"), "word ".repeat(50).strip() + "\nshort line\n");
    Cli.Result truncated = Cli.run("embed", "--input_path", longCorpus.toString(), "--output_path", dir.resolve("long-t").toString(), "--max_tokens", "16");
    assertEquals(0, truncated.exitCode());
    assertEquals(1, truncated.summary().at("/long_texts/truncated").asLong());
    assertEquals(2, truncated.summary().at("/output/vectors").asLong());
    Cli.Result chunked = Cli.run("embed", "--input_path", longCorpus.toString(), "--output_path", dir.resolve("long-c").toString(),
        "--max_tokens", "16", "--long_text", "chunk");
    assertEquals(0, chunked.exitCode());
    assertEquals(1, chunked.summary().at("/long_texts/chunked_records").asLong());
    assertEquals(4, chunked.summary().at("/long_texts/chunks").asLong(), "50 one-piece words, 14 a chunk (16 tokens with [CLS] and [SEP])");
    assertEquals(5, chunked.summary().at("/output/vectors").asLong());
    assertTrue(SparkTest.spark().read().parquet(dir.resolve("long-c").toString()).where("id = 'doc.txt:1#3'").count() == 1);
  }
}
