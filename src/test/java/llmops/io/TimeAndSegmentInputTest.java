package llmops.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import llmops.testing.SparkTest;
import llmops.udfs.time.TimeWindow;
import llmops.udfs.vectors.VectorBlock;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each record's time (--time_field) or segment (--segment_field) read beside its vector from Parquet, and the windows or segments they make. */
class TimeAndSegmentInputTest {
  /** 2026-12-01T00:00:00Z. */
  private static final long DECEMBER_FIRST = 1_796_083_200_000L;
  private static final long HOUR = 3_600_000L;
  private static final TimeWindow DAY = TimeWindow.parse("1d");

  @TempDir
  Path dir;

  private ValidatedEmbeddings readParquet(DataType timeType, List<Object> times) throws IOException {
    return readParquet(timeType, times, EmbeddingFields.defaults().withTime("ts"));
  }

  /** Parquet records doc-0, doc-1, ... with {@code values} in their column "ts", read with these fields. */
  private ValidatedEmbeddings readParquet(DataType type, List<Object> values, EmbeddingFields fields) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      rows.add(RowFactory.create("doc-" + i, new Float[] {(float) i, 1f}, values.get(i)));
    }
    Path parquet = dir.resolve("parquet");
    SparkTest.spark().createDataFrame(rows, DataTypes.createStructType(List.of(
        DataTypes.createStructField("id", DataTypes.StringType, false),
        DataTypes.createStructField("embedding", DataTypes.createArrayType(DataTypes.FloatType), false),
        DataTypes.createStructField("ts", type, true)))).write().parquet(parquet.toString());
    return ValidatedEmbeddings.of(EmbeddingInput.read(SparkTest.spark(), parquet.toString(), InputFormat.PARQUET, fields), null);
  }

  private static List<String> ids(ValidatedEmbeddings input) {
    List<String> ids = new ArrayList<>();
    for (VectorBlock b : input.blocks().collect()) {
      for (int r = 0; r < b.rows(); r++) {
        ids.add(b.id(r));
      }
    }
    return ids.stream().sorted().toList();
  }

  @Test
  void aParquetTimestampColumnPutsEachRecordInItsDay() throws IOException {
    ValidatedEmbeddings input = readParquet(DataTypes.TimestampType, List.of(new Timestamp(DECEMBER_FIRST + HOUR),
        new Timestamp(DECEMBER_FIRST + 23 * HOUR), new Timestamp(DECEMBER_FIRST + 25 * HOUR)));
    assertEquals(Map.of(DECEMBER_FIRST, 2L, DECEMBER_FIRST + 24 * HOUR, 1L), input.countsByWindow(DAY));
    ValidatedEmbeddings first = input.within(DECEMBER_FIRST, DECEMBER_FIRST + 24 * HOUR);
    assertEquals(List.of("doc-0", "doc-1"), ids(first));
    assertEquals(2, first.valid());
    first.release();
    input.release();
  }

  @Test
  void aParquetStringColumnTakesEveryFormAndQuarantinesTheRest() throws IOException {
    // Arrays.asList: List.of refuses the null that stands for a record without a time.
    ValidatedEmbeddings input = readParquet(DataTypes.StringType, Arrays.asList("2026-12-01T05:00:00Z",
        Long.toString(DECEMBER_FIRST / 1000 + 60), Long.toString(DECEMBER_FIRST + 30 * HOUR), "soon", null));
    assertEquals(Map.of(DECEMBER_FIRST, 2L, DECEMBER_FIRST + 24 * HOUR, 1L), input.countsByWindow(DAY));
    assertEquals(Map.of("unreadable_time", 1L, "missing_field", 1L), input.quarantinedByReason());
    input.release();
  }

  @Test
  void aParquetEpochNumberColumnIsReadAsSecondsOrMilliseconds() throws IOException {
    ValidatedEmbeddings input = readParquet(DataTypes.LongType, List.of(DECEMBER_FIRST / 1000, DECEMBER_FIRST + 24 * HOUR));
    assertEquals(Map.of(DECEMBER_FIRST, 1L, DECEMBER_FIRST + 24 * HOUR, 1L), input.countsByWindow(DAY));
    input.release();
  }

  @Test
  void aParquetSegmentColumnCarriesEachRecordsSegment() throws IOException {
    ValidatedEmbeddings input = readParquet(DataTypes.StringType, Arrays.asList("tenant-a", "tenant-b", "tenant-a", "tenant d", null),
        EmbeddingFields.defaults().withSegment("ts"));
    assertEquals(Map.of("tenant-a", 2L, "tenant-b", 1L), input.countsBySegment());
    assertEquals(Map.of("unusable_segment", 1L, "missing_field", 1L), input.quarantinedByReason());
    ValidatedEmbeddings a = input.inSegment("tenant-a");
    assertEquals(List.of("doc-0", "doc-2"), ids(a));
    a.release();
    input.release();
  }

  @Test
  void theAwsSamplesTextLinesHaveNoTimeField() throws IOException {
    Path seed = Files.createDirectories(dir.resolve("seed"));
    Files.writeString(seed.resolve("a.txt"), "[1.0, 2.0]\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmbeddingInput.read(SparkTest.spark(), seed.toString(),
        InputFormat.SEED, EmbeddingFields.defaults().withTime("ts")));
    assertEquals("the AWS sample's text lines have no fields: a time or segment field needs JSON Lines or Parquet input", e.getMessage());
  }
}
