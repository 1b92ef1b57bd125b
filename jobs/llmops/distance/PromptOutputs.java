package llmops.distance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import llmops.io.EmbeddingFields;
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

  private PromptOutputs() {}

  /** Returns whether the outliers carry their text. */
  static boolean write(SparkSession spark, JavaRDD<CentroidDistances> distances, CentroidDistances.Metric metric, double[] thresholds,
      String series, String runId, String promptPath, InputFormat format, EmbeddingFields fields, String distancePath) {
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
      outliers = outliers.join(functions.broadcast(texts), "id").select(outliers.col("*"), texts.col("text"));
    }
    outliers.coalesce(1).write().mode(SaveMode.Overwrite).parquet(distancePath + "/outliers");
    return texts != null;
  }

  /** (id, text) of the input's records, when its format has named fields and both are there; else null. */
  private static Dataset<Row> texts(SparkSession spark, String path, InputFormat format, EmbeddingFields fields) {
    Dataset<Row> all = switch (format) {
      case JSONL -> spark.read().option("recursiveFileLookup", "true").json(path);
      case PARQUET -> spark.read().option("recursiveFileLookup", "true").parquet(path);
      default -> null;
    };
    if (all == null || !Arrays.asList(all.columns()).containsAll(List.of(fields.id(), fields.text()))) {
      return null;
    }
    return all.select(all.col(fields.id()).cast("string").as("id"), all.col(fields.text()).cast("string").as("text"))
        .where("id IS NOT NULL").dropDuplicates("id");
  }
}
