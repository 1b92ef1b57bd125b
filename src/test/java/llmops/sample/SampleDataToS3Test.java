package llmops.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import llmops.config.Endpoints;
import llmops.testing.ChildJvm;
import llmops.testing.Cli;
import llmops.testing.LocalServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sample-data} writing its text formats to S3 (S3Mock on loopback) from tasks that do not
 * share the driver's file systems, as executors on a cluster do not: each runs in its own JVM with
 * Hadoop's S3A cache off ({@code fs.s3a.impl.disable.cache}, and the same for {@code s3://}), so a
 * task sees only the configuration it was given. The files are then read back by a drift run.
 */
class SampleDataToS3Test {
  private static final List<String> UNCACHED = List.of("-Dspark.hadoop.fs.s3a.impl.disable.cache=true",
      "-Dspark.hadoop.fs.s3.impl.disable.cache=true");
  @TempDir
  static Path dir;

  @BeforeAll
  static void readersUseTheS3Endpoint() throws Exception {
    System.setProperty("llmops.s3.endpoint", LocalServices.s3().toString());
  }

  private static void write(String format, String scheme) throws Exception {
    Path log = dir.resolve(format + ".log");
    int exit = ChildJvm.run("local[2]", log, Map.of(Endpoints.S3, LocalServices.s3().toString()), UNCACHED,
        List.of("sample-data", "--output_path", scheme + "://" + LocalServices.BUCKET + "/sample-data/" + format, "--n", "300", "--dim", "8",
            "--clusters", "3", "--files", "3", "--format", format));
    assertEquals(0, exit, Files.readString(log));
  }

  private static long validVectors(String format) throws Exception {
    Cli.Result run = Cli.run("drift", "--job_type", "BASELINE", "--data_path", "s3a://" + LocalServices.BUCKET + "/sample-data/" + format,
        "--k", "3", "--series", "sample-data-" + format, "--out_table", "sample-data-runs", "--centroid_table", "sample-data-centroids");
    assertEquals(0, run.exitCode(), run.stdout());
    assertEquals(3, run.summary().at("/input/files").asInt());
    return run.summary().at("/input/valid").asLong();
  }

  @Test
  void writesTheSeedTextFormatToAnS3Prefix() throws Exception {
    write("seed", "s3");
    assertEquals(300, validVectors("seed"));
  }

  @Test
  void writesGzippedSeedTextToAnS3aPrefix() throws Exception {
    write("seed-gz", "s3a");
    assertEquals(300, validVectors("seed-gz"));
  }

  @Test
  void writesJsonLinesToAnS3aPrefix() throws Exception {
    write("jsonl", "s3a");
    assertEquals(300, validVectors("jsonl"));
  }
}
