package llmops.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import llmops.testing.Cli;
import llmops.testing.LocalServices;
import llmops.testing.SparkTest;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input on S3 (S3Mock as a real server on loopback), read through Hadoop's S3A as on a cluster. */
class DriftFromS3Test {
  @TempDir
  static Path dir;

  @BeforeAll
  static void uploadArchive() throws Exception {
    System.setProperty("llmops.s3.endpoint", LocalServices.s3().toString());
    Path local = dir.resolve("archive");
    assertEquals(0, Cli.run("sample-data", "--output_path", local.toString(), "--n", "600", "--dim", "12", "--clusters", "3",
        "--format", "seed-gz", "--files", "2").exitCode());
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path("s3a://" + LocalServices.BUCKET + "/embeddings/2024-07-17/");
    FileSystem s3 = target.getFileSystem(SparkTest.spark().sparkContext().hadoopConfiguration());
    try (var files = Files.list(local)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".gz")).toList()) {
        s3.copyFromLocalFile(new org.apache.hadoop.fs.Path(f.toUri()), new org.apache.hadoop.fs.Path(target, f.getFileName().toString()));
      }
    }
  }

  @Test
  void readsAGzippedArchiveFromAnS3aPrefix() throws Exception {
    Cli.Result run = Cli.run("drift", "--job_type", "BASELINE", "--data_path", "s3a://" + LocalServices.BUCKET + "/embeddings/",
        "--k", "3", "--out_table", "s3-runs", "--centroid_table", "s3-centroids", "--series", "s3");
    assertEquals(0, run.exitCode());
    assertEquals(600, run.summary().at("/input/valid").asLong());
    assertEquals(2, run.summary().at("/input/files").asInt());
  }

  @Test
  void readsTheSamePrefixGivenAsS3() throws Exception {
    Cli.Result run = Cli.run("drift", "--job_type", "BASELINE", "--data_path", "s3://" + LocalServices.BUCKET + "/embeddings/",
        "--k", "3", "--out_table", "s3-runs", "--centroid_table", "s3-centroids", "--series", "s3-scheme");
    assertEquals(0, run.exitCode());
    assertEquals(600, run.summary().at("/input/valid").asLong());
  }
}
