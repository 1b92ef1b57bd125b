package llmops.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import llmops.testing.SparkTest;
import llmops.testing.Synthetic;
import llmops.udfs.vectors.GaussianClusters;
import llmops.udfs.vectors.Reasons;
import llmops.udfs.vectors.VectorBlock;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingInputTest {
  private static final float[][] ROWS = Synthetic.vectors(new GaussianClusters(8, 3, 1, 0.5, 1, 0, 0), 50, 3);

  @TempDir
  Path dir;

  private static ValidatedEmbeddings read(Path path, InputFormat format) throws IOException {
    return ValidatedEmbeddings.of(EmbeddingInput.read(SparkTest.spark(), path.toString(), format, EmbeddingFields.defaults()), null);
  }

  /** The valid vectors, sorted, so inputs in different layouts compare equal. */
  private static List<float[]> vectors(ValidatedEmbeddings input) {
    List<float[]> out = new ArrayList<>();
    for (VectorBlock b : input.blocks().collect()) {
      for (int r = 0; r < b.rows(); r++) {
        out.add(b.row(r));
      }
    }
    out.sort(Comparator.comparingDouble((float[] v) -> v[0]).thenComparingDouble(v -> v[1]));
    return out;
  }

  private static String seedText(float[][] rows) {
    StringBuilder sb = new StringBuilder();
    for (float[] r : rows) {
      sb.append(Synthetic.seedLine(r)).append('\n');
    }
    return sb.toString();
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private void assertSameVectors(List<float[]> expected, List<float[]> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i));
    }
  }

  @Test
  void readsTheAwsSampleArchivePlainAndGzippedRecursively() throws IOException {
    Path archive = dir.resolve("archive");
    Files.createDirectories(archive.resolve("2024/07"));
    Files.writeString(archive.resolve("part-0.txt"), seedText(java.util.Arrays.copyOfRange(ROWS, 0, 20)));
    Files.write(archive.resolve("2024/07/part-1.gz"), gzip(seedText(java.util.Arrays.copyOfRange(ROWS, 20, 50))));
    ValidatedEmbeddings input = read(archive, InputFormat.AUTO);
    assertEquals(InputFormat.SEED, input.format());
    assertEquals(2, input.files());
    assertEquals(50, input.valid());
    assertEquals(8, input.dim());
    assertSameVectors(vectors(read(archive, InputFormat.SEED)), vectors(input));
  }

  @Test
  void readsJsonLinesAndParquetToTheSameVectors() throws IOException {
    Path seed = dir.resolve("seed");
    Files.createDirectories(seed);
    Files.writeString(seed.resolve("a.txt"), seedText(ROWS));
    StringBuilder jsonl = new StringBuilder();
    List<org.apache.spark.sql.Row> parquetRows = new ArrayList<>();
    for (int i = 0; i < ROWS.length; i++) {
      jsonl.append("{\"id\": \"doc-").append(i).append("\", \"text\": \"t\", \"embedding\": ").append(Synthetic.seedLine(ROWS[i])).append("}\n");
      Float[] boxed = new Float[ROWS[i].length];
      for (int j = 0; j < boxed.length; j++) {
        boxed[j] = ROWS[i][j];
      }
      parquetRows.add(RowFactory.create("doc-" + i, boxed));
    }
    Path json = dir.resolve("json");
    Files.createDirectories(json);
    Files.writeString(json.resolve("a.jsonl"), jsonl);
    Path parquet = dir.resolve("parquet");
    SparkTest.spark().createDataFrame(parquetRows, DataTypes.createStructType(List.of(
        DataTypes.createStructField("id", DataTypes.StringType, false),
        DataTypes.createStructField("embedding", DataTypes.createArrayType(DataTypes.FloatType), false))))
        .write().parquet(parquet.toString());

    List<float[]> expected = vectors(read(seed, InputFormat.AUTO));
    ValidatedEmbeddings fromJson = read(json, InputFormat.AUTO);
    ValidatedEmbeddings fromParquet = read(parquet, InputFormat.AUTO);
    assertEquals(InputFormat.JSONL, fromJson.format());
    assertEquals(InputFormat.PARQUET, fromParquet.format());
    assertSameVectors(expected, vectors(fromJson));
    assertSameVectors(expected, vectors(fromParquet));
    assertEquals("doc-0", fromJson.blocks().first().id(0));
  }

  @Test
  void quarantinesEveryKindOfBadLineAndKeepsTheRest() throws IOException {
    Path input = dir.resolve("bad");
    Files.createDirectories(input);
    String good = seedText(java.util.Arrays.copyOfRange(ROWS, 0, 10));
    String bad = String.join("\n",
        "[0.1, abc, 0.3]",
        "[0.1, 0.2",
        "[NaN, 1, 2, 3, 4, 5, 6, 7]",
        "[1, 2, Infinity, 3, 4, 5, 6, 7]",
        "[]",
        "[1.0, 2.0]",
        "   ",
        "{\"embedding\": [1]}") + "\n";
    Files.writeString(input.resolve("a.txt"), good + bad);
    Files.write(input.resolve("b.txt"), new byte[] {'[', (byte) 0xff, (byte) 0xfe, ']', '\n'});

    ValidatedEmbeddings v = read(input, InputFormat.SEED);
    assertEquals(10, v.valid());
    assertEquals(8, v.dim());
    assertEquals(Map.of(Reasons.UNPARSEABLE, 3L, Reasons.INVALID_UTF8, 1L, Reasons.NON_FINITE, 2L, Reasons.EMPTY_VECTOR, 1L,
        Reasons.DIMENSION_MISMATCH, 1L),
        v.quarantinedByReason());
    assertEquals(1, v.blankLines());
    assertEquals(8, v.badRecords().count());
    assertTrue(v.badRecords().collect().stream().anyMatch(b -> b.reason().equals(Reasons.DIMENSION_MISMATCH)
        && b.source().equals("a.txt") && b.offset() > 0));
  }

  @Test
  void aTruncatedGzipFileIsQuarantinedAndItsEarlierLinesKept() throws IOException {
    Path input = dir.resolve("gz");
    Files.createDirectories(input);
    byte[] whole = gzip(seedText(ROWS));
    Files.write(input.resolve("broken.gz"), java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
    Files.write(input.resolve("fine.gz"), gzip(seedText(java.util.Arrays.copyOfRange(ROWS, 0, 5))));
    ValidatedEmbeddings v = read(input, InputFormat.AUTO);
    assertEquals(1L, v.quarantinedByReason().get(Reasons.CORRUPT_FILE));
    assertTrue(v.valid() > 5 && v.valid() < 55, "kept " + v.valid());
    BadRecord failure = v.badRecords().collect().get(0);
    assertEquals("broken.gz", failure.source());
  }

  @Test
  void jsonRecordsWithMissingOrWrongFieldsAreQuarantinedByReason() throws IOException {
    Path input = dir.resolve("jsonbad");
    Files.createDirectories(input);
    Files.writeString(input.resolve("a.jsonl"), String.join("\n",
        "{\"id\": 1, \"embedding\": [1, 2]}",
        "{\"id\": 2, \"embedding\": [3, 4]}",
        "{\"id\": 3}",
        "{\"id\": 4, \"embedding\": \"[1, 2]\"}",
        "{\"id\": 5, \"embedding\": [1, \"x\"]}",
        "[1, 2]",
        "{\"id\": 6, \"embedding\": [1, 2"));
    ValidatedEmbeddings v = read(input, InputFormat.JSONL);
    assertEquals(2, v.valid());
    assertEquals(Map.of(Reasons.MISSING_FIELD, 1L, Reasons.WRONG_TYPE, 3L, Reasons.UNPARSEABLE, 1L), v.quarantinedByReason());
  }

  @Test
  void onlyNamesBelowTheInputPathCanHideFiles() throws IOException {
    Path input = dir.resolve(".cache/embeddings");
    Files.createDirectories(input.resolve("_temporary"));
    Files.writeString(input.resolve("part-0.txt"), seedText(ROWS));
    Files.writeString(input.resolve("_temporary/part-0.txt"), seedText(ROWS));
    Files.writeString(input.resolve("_SUCCESS"), "");
    ValidatedEmbeddings v = read(input, InputFormat.AUTO);
    assertEquals(1, v.files());
    assertEquals(ROWS.length, v.valid());
  }

  @Test
  void anEmptyOrMissingPathIsAClearError() throws IOException {
    Path empty = dir.resolve("empty");
    Files.createDirectories(empty);
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> read(empty, InputFormat.AUTO));
    assertTrue(none.getMessage().contains("no input files"), none.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> read(dir.resolve("nope"), InputFormat.AUTO));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
  }
}
