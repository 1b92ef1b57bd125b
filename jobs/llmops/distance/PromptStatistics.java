package llmops.distance;

import java.util.List;
import llmops.spark.GroupedQuantiles;
import llmops.udfs.distance.CentroidDistances;
import llmops.udfs.distance.DistanceQuantiles;
import llmops.udfs.stats.GroupSummary;
import llmops.udfs.stats.QuantileSearch;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The prompts' distances to their nearest reference centroid, per cluster (groups 0..k-1) and
 * overall (group k): count, mean, standard deviation, extremes and exact quantiles.
 */
record PromptStatistics(GroupSummary summary, QuantileSearch quantiles, int k) {
  static PromptStatistics of(JavaRDD<PromptDistances> distances, int k, CentroidDistances.Metric metric) throws Exception {
    GroupedQuantiles.Result r = GroupedQuantiles.of(distances, k + 1, DistanceQuantiles.PROBABILITIES, (p, sink) -> {
      CentroidDistances d = p.centroid();
      for (int i = 0; i < d.rows(); i++) {
        double value = d.distance(metric, i);
        sink.add(d.clusters()[i], value);
        sink.add(k, value);
      }
    });
    return new PromptStatistics(r.summary(), r.quantiles(), k);
  }

  /** The prompts' kNN distances, all in one group (the statistics' k is 0, so group 0 is "all prompts"). */
  static PromptStatistics ofKnn(JavaRDD<PromptDistances> distances) throws Exception {
    GroupedQuantiles.Result r = GroupedQuantiles.of(distances, 1, DistanceQuantiles.PROBABILITIES, (p, sink) -> {
      for (double value : p.knn()) {
        sink.add(0, value);
      }
    });
    return new PromptStatistics(r.summary(), r.quantiles(), 0);
  }

  /** Per cluster {prompts, outliers, novel prompts}, counted from the per-prompt output itself so the counts and the file agree. */
  static long[][] flaggedByCluster(SparkSession spark, String distancePath, int k) {
    long[][] out = new long[k][3];
    List<Row> rows = spark.read().parquet(distancePath + "/prompts")
        .groupBy("cluster").agg(functions.count("*"), functions.sum(functions.col("outlier").cast("long")),
            functions.sum(functions.col("novel").cast("long")))
        .collectAsList();
    for (Row row : rows) {
      for (int j = 0; j < 3; j++) {
        out[row.getInt(0)][j] = row.getLong(j + 1);
      }
    }
    return out;
  }
}
