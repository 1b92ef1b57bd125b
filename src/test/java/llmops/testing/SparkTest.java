package llmops.testing;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** The test JVM's one SparkSession: local[2], UI off, few shuffle partitions, as the jobs make it. */
public final class SparkTest {
  private SparkTest() {}

  public static synchronized SparkSession spark() {
    System.setProperty("llmops.master", "local[2]");
    return llmops.spark.Sparks.session("llmops-tests");
  }

  public static JavaSparkContext context() {
    return JavaSparkContext.fromSparkContext(spark().sparkContext());
  }
}
