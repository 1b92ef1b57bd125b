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
  static PromptStatistics of(JavaRDD<CentroidDistances> distances, int k, CentroidDistances.Metric metric) throws Exception {
    GroupedQuantiles.Result r = GroupedQuantiles.of(distances, k + 1, DistanceQuantiles.PROBABILITIES, (d, sink) -> {
      for (int i = 0; i < d.rows(); i++) {
        double value = d.distance(metric, i);
        sink.add(d.clusters()[i], value);
        sink.add(k, value);
      }
    });
    return new PromptStatistics(r.summary(), r.quantiles(), k);
  }

  /** Per cluster {prompts, outliers}, counted from the per-prompt output itself so the counts and the file agree. */
  static long[][] outliersByCluster(SparkSession spark, String distancePath, int k) {
    long[][] out = new long[k][2];
    List<Row> rows = spark.read().parquet(distancePath + "/prompts")
        .groupBy("cluster").agg(functions.count("*"), functions.sum(functions.col("outlier").cast("long")))
        .collectAsList();
    for (Row row : rows) {
      out[row.getInt(0)][0] = row.getLong(1);
      out[row.getInt(0)][1] = row.getLong(2);
    }
    return out;
  }
}
