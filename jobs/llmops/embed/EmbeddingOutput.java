package llmops.embed;

import java.util.LinkedHashMap;
import java.util.Map;
import llmops.udfs.vectors.EmbeddingText;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** Writes the embeddings in the layout the drift and distance jobs read, and counts what was written. */
final class EmbeddingOutput {
  private EmbeddingOutput() {}

  enum Format {
    PARQUET, JSONL, SEED;

    static Format parse(String name) {
      return switch (name.toLowerCase()) {
        case "parquet" -> PARQUET;
        case "jsonl", "json" -> JSONL;
        case "seed" -> SEED;
        default -> throw new IllegalArgumentException("--format must be parquet, jsonl or seed (got '" + name + "')");
      };
    }
  }

  /**
   * Parquet and JSON Lines keep every column ({@code id, source_id, chunk, truncated, text, embedding,
   * model, dimension}); the seed format is the AWS sample's gzipped lines {@code [f1, f2, ...]}, vectors
   * only. Returns the written data, read back, for counting: the output is the one source of the counts.
   */
  static Dataset<Row> write(SparkSession spark, Dataset<Row> embeddings, Format format, String path) {
    switch (format) {
      case PARQUET -> embeddings.write().mode(SaveMode.Overwrite).parquet(path);
      case JSONL -> embeddings.write().mode(SaveMode.Overwrite).json(path);
      case SEED -> embeddings.select("embedding").map(
              (org.apache.spark.api.java.function.MapFunction<Row, String>) row -> EmbeddingText.format(floats(row)), Encoders.STRING())
          .write().mode(SaveMode.Overwrite).option("compression", "gzip").text(path);
      default -> throw new IllegalStateException(format.name());
    }
    return switch (format) {
      case PARQUET -> spark.read().parquet(path);
      case JSONL -> spark.read().json(path);
      case SEED -> embeddings; // the archive keeps no columns to count from: count what was sent to it
    };
  }

  private static float[] floats(Row row) {
    java.util.List<Float> list = row.getList(0);
    float[] out = new float[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }

  static Map<String, Object> counts(Dataset<Row> written) {
    Row r = written.agg(
        functions.count("*"),
        functions.sum(functions.col("truncated").cast("long")),
        functions.countDistinct(functions.when(functions.col("chunk").gt(0), functions.col("source_id"))),
        functions.sum(functions.when(functions.col("id").notEqual(functions.col("source_id")), 1).otherwise(0))).first();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("vectors", r.getLong(0));
    m.put("truncated", r.isNullAt(1) ? 0L : r.getLong(1));
    m.put("chunked_records", r.getLong(2));
    m.put("chunks", r.isNullAt(3) ? 0L : r.getLong(3));
    return m;
  }
}
