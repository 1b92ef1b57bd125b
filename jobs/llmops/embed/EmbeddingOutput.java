package llmops.embed;

import java.util.LinkedHashMap;
import java.util.Map;
import llmops.udfs.vectors.EmbeddingText;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

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
   * only. The rows are cached as they are computed, so the model runs once for the write and the counts
   * both; the caller unpersists the returned rows when it has counted them.
   */
  static Dataset<Row> write(Dataset<Row> computed, Format format, String path) {
    Dataset<Row> embeddings = computed.persist(StorageLevel.MEMORY_AND_DISK());
    switch (format) {
      case PARQUET -> embeddings.write().mode(SaveMode.Overwrite).parquet(path);
      case JSONL -> embeddings.write().mode(SaveMode.Overwrite).json(path);
      case SEED -> embeddings.select("embedding").map(
              (org.apache.spark.api.java.function.MapFunction<Row, String>) row -> EmbeddingText.format(floats(row)), Encoders.STRING())
          .write().mode(SaveMode.Overwrite).option("compression", "gzip").text(path);
      default -> throw new IllegalStateException(format.name());
    }
    return embeddings;
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
