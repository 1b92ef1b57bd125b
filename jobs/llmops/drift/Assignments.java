package llmops.drift;

import java.util.ArrayList;
import java.util.List;
import llmops.udfs.clustering.Centroids;
import llmops.udfs.vectors.VectorBlock;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Per-record cluster and distance to its centre (Euclidean, not squared), as Parquet. */
final class Assignments {
  private static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("id", DataTypes.StringType, false),
      DataTypes.createStructField("cluster", DataTypes.IntegerType, false),
      DataTypes.createStructField("distance", DataTypes.DoubleType, false),
      DataTypes.createStructField("series", DataTypes.StringType, false),
      DataTypes.createStructField("job_type", DataTypes.StringType, false),
      DataTypes.createStructField("run_id", DataTypes.StringType, false)));

  private Assignments() {}

  /** Overwrites the path: a rerun replaces the earlier output instead of adding to it. */
  static void write(SparkSession spark, JavaRDD<VectorBlock> blocks, Centroids centroids, DriftRun run, String path) {
    String series = run.series();
    String jobType = run.jobType().name();
    String runId = run.identity().runId();
    JavaRDD<Row> rows = blocks.flatMap(block -> {
      double[] squared = new double[block.rows()];
      int[] labels = centroids.assign(block, block.valuesAsDoubles(), squared);
      List<Row> out = new ArrayList<>(block.rows());
      for (int r = 0; r < block.rows(); r++) {
        out.add(RowFactory.create(block.id(r), labels[r], Math.sqrt(squared[r]), series, jobType, runId));
      }
      return out.iterator();
    });
    spark.createDataFrame(rows, SCHEMA).write().mode(SaveMode.Overwrite).parquet(path);
  }
}
