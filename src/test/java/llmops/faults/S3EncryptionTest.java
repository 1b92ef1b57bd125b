package llmops.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import llmops.testing.ChildJvm;
import llmops.testing.LocalServices;
import llmops.testing.SmallJobs;
import llmops.testing.SparkTest;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 server-side encryption settings reach every object every job writes: Parquet, JSON Lines,
 * quarantine files, the report's page and Spark's commit markers. Each object is asked for with a
 * HEAD on S3Mock, which keeps the encryption headers a PUT, a multipart upload or a copy (Spark's
 * commit renames) was sent with and answers with them as S3 does.
 */
class S3EncryptionTest {
  private static final String KMS_KEY = LocalServices.KMS_KEY_ID;
  private static final Path CORPUS = Path.of("src", "test", "resources", "bad-input");
  private static final String[] DRIFT_TABLES = {"--out_table", "sse-drift-runs", "--centroid_table", "sse-drift-centroids"};
  @TempDir
  static Path dir;
  static Map<String, Map<String, String>> encryptionByObject;

  /**
   * Runs every job in this JVM on the bad-input corpus uploaded to a bucket that S3A is told, with
   * a per-bucket setting, to encrypt with SSE-S3; quarantines go to their default place beside the
   * input, on S3.
   */
  @BeforeAll
  static void runEveryJobWritingToAnSseS3Bucket() throws Exception {
    String bucket = LocalServices.SSE_S3_BUCKET;
    System.setProperty("llmops.s3.endpoint", LocalServices.s3().toString());
    Configuration hadoop = SparkTest.spark().sparkContext().hadoopConfiguration();
    // S3A (Hadoop 3.3) names SSE-S3 by its header value, AES256; "SSE-S3" is refused as unknown.
    hadoop.set("fs.s3a.bucket." + bucket + ".encryption.algorithm", "AES256");
    String in = "s3a://" + bucket + "/in/";
    for (String dataSet : List.of("embeddings-seed", "embeddings-jsonl", "texts-jsonl", "eval")) {
      upload(CORPUS.resolve(dataSet).resolve("mixed"), in + dataSet + "/", hadoop);
    }
    String out = "s3a://" + bucket + "/out/";
    SmallJobs.ok("drift", "--job_type", "BASELINE", "--data_path", in + "embeddings-seed/", "--k", "3", "--series", "sse-reference",
        "--run_id", "1", DRIFT_TABLES[0], DRIFT_TABLES[1], DRIFT_TABLES[2], DRIFT_TABLES[3], "--assignments_path", out + "assignments");
    SmallJobs.ok("distance", "--prompt_path", in + "embeddings-jsonl/", "--distance_path", out + "distance", "--series", "sse-prompts",
        "--run_id", "1", "--reference_series", "sse-reference", "--baseline_run", "1", "--drift_table", DRIFT_TABLES[1],
        "--centroid_table", DRIFT_TABLES[3], "--out_table", "sse-distance-runs");
    SmallJobs.ok("embed", "--input_path", in + "texts-jsonl/", "--output_path", out + "embeddings");
    SmallJobs.ok("eval", "--config", CORPUS.resolve("eval/config.yaml").toString(), "--data_path", in + "eval/",
        "--output_path", out + "eval", "--out_table", "sse-eval-runs", "--run_id", "1");
    SmallJobs.ok("report", "--output_path", out + "report", "--series", "sse-reference", "--distance_series", "sse-prompts",
        "--datasets", "bad_input_qa", "--tables", "drift=sse-drift-runs,centroids=sse-drift-centroids,distance=sse-distance-runs,eval=sse-eval-runs");
    encryptionByObject = encryptionHeaders(LocalServices.s3(), bucket, "", hadoop);
  }

  @Test
  void everyObjectTheJobsWroteIsEncryptedWithSseS3() {
    Map<String, String> expected = Map.of("x-amz-server-side-encryption", "AES256");
    List<String> unencrypted = encryptionByObject.entrySet().stream().filter(e -> !e.getValue().equals(expected)).map(Map.Entry::getKey).toList();
    assertEquals(List.of(), unencrypted, "objects written without SSE-S3");
  }

  @Test
  void theCheckCoversEveryKindOfWriteOfEveryJob() {
    List<String> kinds = List.of(
        "out/assignments/_SUCCESS", "out/assignments/part-",                       // drift: Parquet and the commit marker
        "in/_llmops_quarantine/sse-reference/BASELINE-1/part-",                    // drift: quarantine, JSON Lines
        "out/distance/prompts/part-", "out/distance/outliers/part-",               // distance: Parquet
        "in/_llmops_quarantine/sse-prompts/DISTANCE-1/part-",                      // distance: quarantine
        "out/embeddings/part-", "in/_llmops_quarantine/embed/embeddings/part-",    // embed: JSON Lines and its quarantine
        "out/eval/records/model=m1/part-",                                         // eval: per-record Parquet, by model
        "out/eval/fmeval/qa_accuracy_bad_input_qa/model=m2/part-",                 // eval: fmeval's JSON Lines
        "out/report/index.html");                                                  // report: the page
    for (String kind : kinds) {
      assertTrue(encryptionByObject.keySet().stream().anyMatch(key -> key.startsWith(kind)), "no object " + kind + "* among "
          + encryptionByObject.keySet());
    }
  }

  /**
   * SSE-KMS with a key, set for the whole job as the README tells users ({@code --conf
   * spark.hadoop.fs.s3a.encryption.algorithm=SSE-KMS --conf spark.hadoop.fs.s3a.encryption.key=...},
   * here system properties of the job's own JVM, as spark-submit sets them on the driver). Over TLS,
   * because the AWS SDK sends KMS settings only over HTTPS.
   */
  @Test
  void theJobWideSettingEncryptsEveryWriteWithTheGivenKmsKey() throws Exception {
    String bucket = LocalServices.SSE_KMS_BUCKET;
    Configuration hadoop = SparkTest.spark().sparkContext().hadoopConfiguration();
    upload(CORPUS.resolve("embeddings-seed").resolve("mixed"), "s3a://" + bucket + "/in/", hadoop);
    Path log = dir.resolve("sse-kms.log");
    int exit = ChildJvm.run("local[2]", log, Map.of("LLMOPS_S3_ENDPOINT", LocalServices.s3Tls().toString()),
        List.of("-Djavax.net.ssl.trustStore=" + LocalServices.s3TrustStore().toAbsolutePath(), "-Djavax.net.ssl.trustStorePassword=password",
            "-Dspark.hadoop.fs.s3a.encryption.algorithm=SSE-KMS", "-Dspark.hadoop.fs.s3a.encryption.key=" + KMS_KEY),
        List.of("drift", "--job_type", "BASELINE", "--data_path", "s3a://" + bucket + "/in/", "--k", "3", "--series", "sse-kms",
            "--run_id", "1", DRIFT_TABLES[0], DRIFT_TABLES[1], DRIFT_TABLES[2], DRIFT_TABLES[3],
            "--assignments_path", "s3a://" + bucket + "/out/assignments"));
    assertEquals(0, exit, Files.readString(log));

    Map<String, Map<String, String>> written = encryptionHeaders(LocalServices.s3(), bucket, "out/", hadoop);
    written.putAll(encryptionHeaders(LocalServices.s3(), bucket, "_llmops_quarantine/", hadoop));
    assertTrue(written.keySet().stream().anyMatch(k -> k.startsWith("out/assignments/part-")), written.keySet().toString());
    assertTrue(written.keySet().stream().anyMatch(k -> k.startsWith("_llmops_quarantine/sse-kms/BASELINE-1/part-")), written.keySet().toString());
    Map<String, String> expected = Map.of("x-amz-server-side-encryption", "aws:kms", "x-amz-server-side-encryption-aws-kms-key-id", KMS_KEY);
    written.forEach((key, headers) -> assertEquals(expected, headers, key));
  }

  /** So that the checks above can fail: S3Mock answers a HEAD of an object written without a setting with no encryption header. */
  @Test
  void anObjectWrittenWithoutASettingHasNoEncryptionHeader() throws Exception {
    Configuration hadoop = SparkTest.spark().sparkContext().hadoopConfiguration();
    upload(CORPUS.resolve("eval").resolve("mixed"), "s3a://" + LocalServices.BUCKET + "/sse-none/", hadoop);
    Map<String, Map<String, String>> written = encryptionHeaders(LocalServices.s3(), LocalServices.BUCKET, "sse-none/", hadoop);
    assertFalse(written.isEmpty());
    written.forEach((key, headers) -> assertEquals(Map.of(), headers, key));
  }

  private static void upload(Path local, String prefix, Configuration hadoop) throws Exception {
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(prefix);
    FileSystem s3 = target.getFileSystem(hadoop);
    try (Stream<Path> files = Files.list(local)) {
      for (Path f : files.toList()) {
        s3.copyFromLocalFile(new org.apache.hadoop.fs.Path(f.toUri()), new org.apache.hadoop.fs.Path(target, f.getFileName().toString()));
      }
    }
  }

  /** Each object's key under {@code prefix} with the encryption headers S3 answers a HEAD with. */
  private static Map<String, Map<String, String>> encryptionHeaders(URI s3, String bucket, String prefix, Configuration hadoop)
      throws Exception {
    List<String> keys = new ArrayList<>();
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path("s3a://" + bucket + "/" + prefix);
    FileSystem fs = root.getFileSystem(hadoop);
    if (fs.exists(root)) {
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
      while (files.hasNext()) {
        keys.add(files.next().getPath().toUri().getPath().substring(1));
      }
    }
    HttpClient http = HttpClient.newHttpClient();
    Map<String, Map<String, String>> out = new TreeMap<>();
    for (String key : keys) {
      URI object = s3.resolve("/" + bucket + "/" + key);
      HttpResponse<Void> head = http.send(HttpRequest.newBuilder(object).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.discarding());
      assertEquals(200, head.statusCode(), object.toString());
      Map<String, String> encryption = new TreeMap<>();
      head.headers().map().forEach((name, values) -> {
        if (name.toLowerCase().startsWith("x-amz-server-side-encryption")) {
          encryption.put(name.toLowerCase(), values.get(0));
        }
      });
      out.put(key, encryption);
    }
    return out;
  }
}
