package llmops.distance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import llmops.io.EmbeddingFields;
import llmops.io.EmbeddingInput;
import llmops.io.InputFormat;
import llmops.udfs.distance.CentroidDistances;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The per-prompt detail under {@code <distance_path>/prompts} and the outliers, with their text when
 * the input has an id and a text field, under {@code <distance_path>/outliers}; both Parquet, both
 * replaced by a rerun.
 */
final class PromptOutputs {
  private static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("id", DataTypes.StringType, false),
      DataTypes.createStructField("cluster", DataTypes.IntegerType, false),
      DataTypes.createStructField("euclidean_distance", DataTypes.DoubleType, false),
      DataTypes.createStructField("cosine_distance", DataTypes.DoubleType, false),
      DataTypes.createStructField("threshold", DataTypes.DoubleType, false),
      DataTypes.createStructField("outlier", DataTypes.BooleanType, false),
      DataTypes.createStructField("series", DataTypes.StringType, false),
      DataTypes.createStructField("run_id", DataTypes.StringType, false)));
  private static final StructType TEXTS = DataTypes.createStructType(List.of(
      DataTypes.createStructField("text_id", DataTypes.StringType, false),
      DataTypes.createStructField("text", DataTypes.StringType, true)));

  private PromptOutputs() {}

  /** Returns whether the outliers carry their text. */
  static boolean write(SparkSession spark, JavaRDD<CentroidDistances> distances, CentroidDistances.Metric metric, double[] thresholds,
      String series, String runId, String promptPath, InputFormat format, EmbeddingFields fields, String distancePath) throws IOException {
    JavaRDD<Row> rows = distances.flatMap(d -> {
      List<Row> out = new ArrayList<>(d.rows());
      for (int i = 0; i < d.rows(); i++) {
        double threshold = thresholds[d.clusters()[i]];
        out.add(RowFactory.create(d.ids()[i], d.clusters()[i], d.euclidean()[i], d.cosine()[i], threshold,
            d.distance(metric, i) > threshold, series, runId));
      }
      return out.iterator();
    });
    Dataset<Row> prompts = spark.createDataFrame(rows, SCHEMA);
    prompts.write().mode(SaveMode.Overwrite).parquet(distancePath + "/prompts");

    Dataset<Row> outliers = spark.read().parquet(distancePath + "/prompts").where("outlier");
    Dataset<Row> texts = texts(spark, promptPath, format, fields);
    if (texts != null) {
      // A left join: an outlier whose record has no text keeps its row, with a null text.
      outliers = outliers.join(functions.broadcast(texts), outliers.col("id").equalTo(texts.col("text_id")), "left")
          .select(outliers.col("*"), texts.col("text"));
    }
    outliers.coalesce(1).write().mode(SaveMode.Overwrite).parquet(distancePath + "/outliers");
    return texts != null;
  }

  /**
   * (text_id, text) of the input's records, when its format has named fields and any record has a
   * text; else null. JSON Lines are read by the job's own reader, not Spark's: Spark's fails the
   * whole job on a truncated gzip and holds a line of any length in memory.
   */
  private static Dataset<Row> texts(SparkSession spark, String path, InputFormat format, EmbeddingFields fields) throws IOException {
    Dataset<Row> all = switch (format) {
      case JSONL -> spark.createDataFrame(EmbeddingInput.jsonTexts(spark, path, fields), TEXTS);
      case PARQUET -> textColumns(spark.read().option("recursiveFileLookup", "true").parquet(path), fields);
      default -> null;
    };
    if (all == null || all.isEmpty()) {
      return null;
    }
    return all.where("text_id IS NOT NULL").dropDuplicates("text_id");
  }

  private static Dataset<Row> textColumns(Dataset<Row> parquet, EmbeddingFields fields) {
    if (!Arrays.asList(parquet.columns()).containsAll(List.of(fields.id(), fields.text()))) {
      return null;
    }
    return parquet.select(parquet.col(fields.id()).cast("string").as("text_id"), parquet.col(fields.text()).cast("string").as("text"));
  }
}
