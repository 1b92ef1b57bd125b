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

  /** Each id's embedding in an output folder. */
  private static Map<String, float[]> vectors(String output) {
    return SparkTest.spark().read().parquet(dir.resolve(output).toString()).collectAsList().stream().collect(Collectors.toMap(
        r -> r.getString(r.fieldIndex("id")), r -> {
          List<Float> list = r.getList(r.fieldIndex("embedding"));
          float[] v = new float[list.size()];
          for (int j = 0; j < v.length; j++) {
            v[j] = list.get(j);
          }
          return v;
        }));
  }

  @Test
  void theInt8ModelIsChosenByFlagAndNamedInTheSummaryAndEveryRow() throws Exception {
    JsonNode fp32 = embed("fp32");
    JsonNode int8 = embed("int8", "--model", "all-minilm-l6-v2-q");
    assertEquals("all-minilm-l6-v2", fp32.at("/model_option").asText());
    assertEquals("sentence-transformers/all-MiniLM-L6-v2", fp32.at("/model").asText());
    assertEquals("all-minilm-l6-v2-q", int8.at("/model_option").asText());
    assertEquals("sentence-transformers/all-MiniLM-L6-v2 (int8)", int8.at("/model").asText());
    assertEquals(List.of("sentence-transformers/all-MiniLM-L6-v2 (int8)"),
        SparkTest.spark().read().parquet(dir.resolve("int8").toString()).select("model").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    Map<String, float[]> a = vectors("fp32");
    Map<String, float[]> b = vectors("int8");
    assertEquals(a.keySet(), b.keySet());
    for (String id : a.keySet()) {
      double dot = 0;
      for (int j = 0; j < a.get(id).length; j++) {
        dot += a.get(id)[j] * b.get(id)[j];
      }
      assertTrue(dot > 0.97, id + ": cosine " + dot); // the least agreeing demo-corpus question is at 0.9765 (QuantizedSentenceModelTest)
      assertTrue(dot < 1 - 1e-6, id + ": int8 gave the FP32 vector itself");
    }
  }

  @Test
  void anUnknownModelFailsNamingTheFlagBeforeAnyWork() throws Exception {
    Cli.Result run = Cli.run("embed", "--input_path", corpus.toString(), "--output_path", dir.resolve("never").toString(), "--model", "minilm-int4");
    assertEquals(1, run.exitCode());
    String error = run.summary().get("error").asText();
    assertTrue(error.contains("--model must be one of [all-minilm-l6-v2, all-minilm-l6-v2-q] (got 'minilm-int4')"), error);
    assertTrue(Files.notExists(dir.resolve("never")));
  }

  @Test
  void sortingTextsByLengthIntoBatchesChangesNoVector() throws Exception {
    // Lengths from 3 to about 60 words, shuffled: batches of 4 from sorted windows against one text a batch.
    Path mixed = dir.resolve("mixed-lengths");
    Files.createDirectories(mixed);
    StringBuilder lines = new StringBuilder();
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 90; i++) {
      int words = 3 + random.nextInt(60);
      StringBuilder text = new StringBuilder("Question " + i + " about my order:");
      for (int w = 0; w < words; w++) {
        text.append(' ').append(List.of("parcel", "refund", "size", "jacket", "card", "delivery", "password", "late").get(random.nextInt(8)));
      }
      lines.append(String.format("{\"id\": \"m%d\", \"text\": \"%s\"}%n", i, text));
    }
    Files.writeString(mixed.resolve("mixed.jsonl"), lines);
    for (String batch : List.of("1", "4")) {
      assertEquals(0, Cli.run("embed", "--input_path", mixed.toString(), "--output_path", dir.resolve("mixed-" + batch).toString(),
          "--batch_size", batch).exitCode());
    }
    Map<String, float[]> one = vectors("mixed-1");
    Map<String, float[]> sorted = vectors("mixed-4");
    assertEquals(90, sorted.size());
    for (String id : one.keySet()) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(one.get(id), sorted.get(id), 1e-5f, id);
    }
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
