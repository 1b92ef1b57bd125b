package llmops.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import llmops.config.Endpoints;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The one place a SparkSession is made: local mode when no master is given, S3A wired to a local endpoint when set. */
public final class Sparks {
  private Sparks() {}

  public static SparkSession session(String appName) {
    SparkConf conf = new SparkConf().setAppName(appName);
    if (!conf.contains("spark.master")) {
      conf.setMaster(System.getProperty("llmops.master", "local[*]"))
          .set("spark.ui.enabled", "false")
          .set("spark.sql.shuffle.partitions", "8");
    }
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    // s3:// is EMRFS on EMR and Glue; elsewhere (this machine, plain Spark) it is served by S3A.
    if (hadoop.get("fs.s3.impl") == null && !onAwsManagedSpark()) {
      hadoop.set("fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
    }
    Endpoints.s3().ifPresent(endpoint -> {
      hadoop.set("fs.s3a.endpoint", endpoint.toString());
      hadoop.set("fs.s3a.path.style.access", "true");
      hadoop.set("fs.s3a.connection.ssl.enabled", endpoint.getScheme().equals("https") ? "true" : "false");
      hadoop.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider,"
          + "com.amazonaws.auth.EnvironmentVariableCredentialsProvider");
      hadoop.set("fs.s3a.change.detection.version.required", "false");
      boolean haveKeys = hadoop.get("fs.s3a.access.key") != null || System.getenv("AWS_ACCESS_KEY_ID") != null;
      if (!haveKeys) {
        // A local S3-compatible server takes any key; real credentials come from the environment.
        hadoop.set("fs.s3a.access.key", "local");
        hadoop.set("fs.s3a.secret.key", "local");
      }
    });
    try {
      // Hadoop's local file system writes a ".<name>.crc" beside every file it creates; a user's folder
      // should hold only the outputs. Reads still check the side files that exist. Tasks in local mode
      // share this (cached) instance; paths on S3 and HDFS never had side files.
      FileSystem.getLocal(hadoop).setWriteChecksum(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the local file system", e);
    }
    return spark;
  }

  private static boolean onAwsManagedSpark() {
    return System.getenv("EMR_CLUSTER_ID") != null || System.getenv("GLUE_VERSION") != null
        || new java.io.File("/emr/instance-controller").exists();
  }
}
