package llmops.report;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import llmops.distance.DistanceRunRecord;
import llmops.report.DistanceSection.DistantPrompt;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The most distant prompts of a distance run, with their text: the one thing its item does not hold.
 * They are read from the outliers Parquet the run wrote, at the path its item records.
 */
final class DistantPrompts {
  /** Rows in the report's table: enough to see what the reference misses, few enough to read. */
  static final int SHOWN = 20;

  private DistantPrompts() {}

  record Found(List<DistantPrompt> prompts, String note) {}

  static Found of(SparkSession spark, DistanceRunRecord run) throws IOException {
    String path = run.outputs() == null ? null : run.outputs().outliers();
    if (path == null) {
      return new Found(List.of(), "The run's item names no outliers path.");
    }
    Path outliers = new Path(path);
    if (!outliers.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(outliers)) {
      return new Found(List.of(), "The run's outliers are no longer at " + path + " (replaced or deleted since).");
    }
    String column = run.metric() + "_distance";
    Dataset<Row> rows = spark.read().parquet(path);
    boolean withText = Arrays.asList(rows.columns()).contains("text");
    List<DistantPrompt> prompts = rows.orderBy(functions.col(column).desc(), functions.col("id")).limit(SHOWN).collectAsList().stream()
        .map(r -> new DistantPrompt(r.getString(r.fieldIndex("id")), r.getInt(r.fieldIndex("cluster")), r.getDouble(r.fieldIndex(column)),
            r.getDouble(r.fieldIndex("threshold")), withText ? r.getString(r.fieldIndex("text")) : null))
        .toList();
    if (prompts.isEmpty()) {
      return new Found(prompts, "No prompt was beyond its cluster's outlier threshold.");
    }
    return new Found(prompts, "The " + prompts.size() + " outliers farthest from their nearest reference centroid, from " + path
        + (withText ? "." : " (the prompts' input had no text field, so only their ids are shown)."));
  }
}
