package llmops.eval;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmops.config.RunIdentity;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Per-record output under {@code --output_path}, one folder per model ({@code model=<name>}), so that
 * runs of different models share a path and a rerun replaces only its own models' files:
 * <ul>
 *   <li>{@code records/}: Parquet, one row per record with every score as a column, the error if
 *       any, and the run;</li>
 *   <li>{@code fmeval/<eval_name>_<dataset_name>/}: JSON Lines in fmeval's EvalOutputRecord shape
 *       ({@code model_input, model_output, target_output, category, scores: [{name, value}]}, plus
 *       {@code error} for a record that could not be scored), in files ending {@code .jsonl}.</li>
 * </ul>
 */
final class EvaluationOutputs {
  /** The columns whose values are mostly distinct: Parquet stores them plainly (compressed) rather than in a dictionary. */
  private static final List<String> FREE_TEXT = List.of("record_id", "source", "model_input", "model_output", "target_output", "error_detail");

  private EvaluationOutputs() {}

  /** Writes both outputs; returns where they are. */
  static Map<String, String> write(Dataset<Row> scored, EvaluationConfig config, RunIdentity run, String outputPath) throws IOException {
    Map<String, String> written = new LinkedHashMap<>();
    String base = outputPath.replaceAll("/+$", "");
    String records = base + "/records";
    DataFrameWriter<Row> parquet = scored.withColumn("run_id", lit(run.runId())).withColumn("dataset", lit(config.dataset().name()))
        .write().mode(SaveMode.Overwrite).option("partitionOverwriteMode", "dynamic").partitionBy("model");
    for (String text : FREE_TEXT) {
      // A dictionary of texts that hardly repeat is built, overflows and is thrown away, page after page.
      parquet = parquet.option("parquet.enable.dictionary#" + text, "false");
    }
    parquet.parquet(records);
    written.put("records", records);
    for (EvaluationConfig.Algorithm algorithm : config.algorithms()) {
      String path = base + "/fmeval/" + algorithm.name() + "_" + config.dataset().name();
      List<Column> scores = new ArrayList<>();
      for (String name : algorithm.kind().scores()) {
        scores.add(struct(lit(name).as("name"), col(name).as("value")));
      }
      List<Column> fields = new ArrayList<>(List.of(col("model"), col("record_id"), col("model_input"), col("model_output"),
          col("target_output"), col("category")));
      if (algorithm.name().equals("classification_accuracy")) {
        fields.add(col(EvaluationScores.CLASSIFIED_OUTPUT));
      }
      // Null fields are left out of JSON Lines: a scored record has no error, a failed one no scores.
      fields.add(when(col("error_reason").isNull(), array(scores.toArray(Column[]::new))).as("scores"));
      fields.add(when(col("error_reason").isNotNull(), concat_ws(": ", col("error_reason"), col("error_detail"))).as("error"));
      scored.select(fields.toArray(Column[]::new))
          .write().mode(SaveMode.Overwrite).option("partitionOverwriteMode", "dynamic").partitionBy("model").json(path);
      asJsonLines(new Path(path), scored.sparkSession().sparkContext().hadoopConfiguration());
      written.put("fmeval_" + algorithm.name(), path);
    }
    return written;
  }

  /**
   * Spark names every JSON file {@code .json}; fmeval's per-record files are JSON Lines and end in
   * {@code .jsonl}. Every part file of the folder is renamed, so those an earlier version wrote for
   * other models end in {@code .jsonl} too.
   */
  private static void asJsonLines(Path folder, Configuration hadoop) throws IOException {
    FileSystem fs = folder.getFileSystem(hadoop);
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(folder, true);
    List<Path> json = new ArrayList<>();
    while (files.hasNext()) {
      Path file = files.next().getPath();
      if (file.getName().startsWith("part-") && file.getName().endsWith(".json")) {
        json.add(file);
      }
    }
    for (Path file : json) {
      Path renamed = new Path(file.getParent(), file.getName() + "l");
      if (!fs.rename(file, renamed)) {
        throw new IOException("cannot rename " + file + " to " + renamed);
      }
    }
  }
}
