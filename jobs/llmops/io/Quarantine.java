package llmops.io;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Writes bad records, with their reasons, as JSON Lines a person can open and fix. */
public final class Quarantine {
  private static final StructType SCHEMA = DataTypes.createStructType(List.of(
      field("source", DataTypes.StringType),
      field("offset", DataTypes.LongType),
      field("id", DataTypes.StringType),
      field("reason", DataTypes.StringType),
      field("detail", DataTypes.StringType),
      field("raw", DataTypes.StringType)));

  private Quarantine() {}

  /** Replaces whatever an earlier run with the same id wrote there, so reruns leave one copy. */
  public static void write(SparkSession spark, JavaRDD<BadRecord> records, String path) {
    JavaRDD<Row> rows = records.map(r -> RowFactory.create(r.source(), r.offset(), r.id(), r.reason(), r.detail(), r.raw()));
    Dataset<Row> df = spark.createDataFrame(rows, SCHEMA);
    df.coalesce(1).write().mode(SaveMode.Overwrite).json(path);
  }

  /**
   * Writes the bad records, when there are any, to the path {@code where} gives (timed as the
   * "quarantine" phase); returns that path, or null when nothing was quarantined.
   */
  public static String writeIfAny(SparkSession spark, long quarantined, JavaRDD<BadRecord> records, Supplier<String> where,
      Timings timings) throws Exception {
    if (quarantined == 0) {
      return null;
    }
    String path = where.get();
    timings.time("quarantine", () -> { write(spark, records, path); return null; });
    return path;
  }

  /** How a "nothing usable" error ends: what was quarantined, by reason, and where it is. */
  public static String explained(Map<String, Long> byReason, String path) {
    return "quarantined by reason: " + byReason + (path == null ? "" : " (see " + path + ")");
  }

  /**
   * Where bad records go unless the user says: {@code <parent of input>/_llmops_quarantine/<series>/<run label>},
   * beside the data and hidden from readers of its prefix (names starting with _ are skipped).
   */
  public static String defaultPath(String inputPath, String series, String runLabel) {
    Path input = new Path(inputPath);
    Path base = input.getParent() == null ? input : input.getParent();
    return new Path(base, "_llmops_quarantine/" + series + "/" + runLabel).toString();
  }

  private static StructField field(String name, org.apache.spark.sql.types.DataType type) {
    return DataTypes.createStructField(name, type, true);
  }
}
