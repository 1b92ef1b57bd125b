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
 * The per-prompt detail under {@code <distance_path>/prompts}, and the outliers and the novel prompts,
 * with their text when the input has an id and a text field, under {@code <distance_path>/outliers}
 * and {@code <distance_path>/novel}; all Parquet, all replaced by a rerun.
 */
final class PromptOutputs {
  private static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("id", DataTypes.StringType, false),
      DataTypes.createStructField("cluster", DataTypes.IntegerType, false),
      DataTypes.createStructField("euclidean_distance", DataTypes.DoubleType, false),
      DataTypes.createStructField("cosine_distance", DataTypes.DoubleType, false),
      DataTypes.createStructField("threshold", DataTypes.DoubleType, false),
      DataTypes.createStructField("outlier", DataTypes.BooleanType, false),
      DataTypes.createStructField("knn_distance", DataTypes.DoubleType, false),
      DataTypes.createStructField("novel", DataTypes.BooleanType, false),
      DataTypes.createStructField("series", DataTypes.StringType, false),
      DataTypes.createStructField("run_id", DataTypes.StringType, false)));
  private static final StructType TEXTS = DataTypes.createStructType(List.of(
      DataTypes.createStructField("text_id", DataTypes.StringType, false),
      DataTypes.createStructField("text", DataTypes.StringType, true)));

  private PromptOutputs() {}

  /** Returns whether the outliers and the novel prompts carry their text. */
  static boolean write(SparkSession spark, JavaRDD<PromptDistances> distances, CentroidDistances.Metric metric, double[] thresholds,
      double noveltyThreshold, String series, String runId, String promptPath, InputFormat format, EmbeddingFields fields,
      String distancePath) throws IOException {
    JavaRDD<Row> rows = distances.flatMap(p -> {
      CentroidDistances d = p.centroid();
      List<Row> out = new ArrayList<>(d.rows());
      for (int i = 0; i < d.rows(); i++) {
        double threshold = thresholds[d.clusters()[i]];
        out.add(RowFactory.create(d.ids()[i], d.clusters()[i], d.euclidean()[i], d.cosine()[i], threshold,
            d.distance(metric, i) > threshold, p.knn()[i], p.knn()[i] > noveltyThreshold, series, runId));
      }
      return out.iterator();
    });
    Dataset<Row> prompts = spark.createDataFrame(rows, SCHEMA);
    prompts.write().mode(SaveMode.Overwrite).parquet(distancePath + "/prompts");

    Dataset<Row> texts = texts(spark, promptPath, format, fields);
    Dataset<Row> written = spark.read().parquet(distancePath + "/prompts");
    withText(written.where("outlier"), texts).coalesce(1).write().mode(SaveMode.Overwrite).parquet(distancePath + "/outliers");
    withText(written.where("novel"), texts).coalesce(1).write().mode(SaveMode.Overwrite).parquet(distancePath + "/novel");
    return texts != null;
  }

  /** The rows with their prompt's text, when the input has texts; a left join keeps a row whose record has none, with a null text. */
  private static Dataset<Row> withText(Dataset<Row> selected, Dataset<Row> texts) {
    if (texts == null) {
      return selected;
    }
    return selected.join(functions.broadcast(texts), selected.col("id").equalTo(texts.col("text_id")), "left")
        .select(selected.col("*"), texts.col("text"));
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

  /** The {@code n} novel prompts farthest from the reference, farthest first, their text cut to {@code textChars} characters. */
  static List<DistanceRunRecord.NovelPrompt> mostNovel(SparkSession spark, String distancePath, int n, int textChars) {
    Dataset<Row> novel = spark.read().parquet(distancePath + "/novel");
    boolean withText = Arrays.asList(novel.columns()).contains("text");
    List<DistanceRunRecord.NovelPrompt> out = new ArrayList<>();
    for (Row row : novel.orderBy(functions.col("knn_distance").desc(), functions.col("id")).limit(n).collectAsList()) {
      String text = withText ? row.getAs("text") : null;
      out.add(new DistanceRunRecord.NovelPrompt(row.getAs("id"), row.<Integer>getAs("cluster"), row.<Double>getAs("knn_distance"),
          text == null || text.length() <= textChars ? text : text.substring(0, textChars)));
    }
    return out;
  }
}
