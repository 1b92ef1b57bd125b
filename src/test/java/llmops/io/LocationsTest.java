package llmops.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The checks on paths and table names, without a job: what passes, and the one message for what does not. */
class LocationsTest {
  private static String rejected(Locations locations) {
    return assertThrows(IllegalArgumentException.class, locations::check).getMessage();
  }

  @ParameterizedTest
  @ValueSource(strings = {"relative/dir", "/tmp/data", "/tmp/data/", "/tmp/dir with spaces/x", "/tmp/run=2024-07-17T00:00:00",
      "file:///tmp/data", "file:/tmp/data", "s3://bucket/key", "s3://llmops-test/embeddings/dt=2024-07-17/", "s3a://llmops-test/x/",
      "s3://my.bucket-1/a/b.jsonl.gz", "hdfs:///user/hadoop/data"})
  void pathsThatWorkTodayPassAsInputAndAsOutput(String path) {
    assertDoesNotThrow(() -> new Locations().input("--in", path).check());
    assertDoesNotThrow(() -> new Locations().output("--out", path).check());
  }

  @Test
  void aWholeBucketIsAnInputButNotAnOutput() {
    assertDoesNotThrow(() -> new Locations().input("--in", "s3://bucket").check());
    assertEquals("--out must be a prefix inside the bucket, not the bucket itself (got 's3://bucket/')",
        rejected(new Locations().output("--out", "s3://bucket/")));
    assertEquals("--out must be a folder, not a root (got '/')", rejected(new Locations().output("--out", "/")));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|--in must be a path, not blank (got '')",
      "'   '|--in must be a path, not blank (got '   ')",
      "' /tmp/x'|--in must be a path without spaces around it (got ' /tmp/x')",
      "s3:/bucket/x|--in must be a URI that names its bucket: s3://BUCKET/prefix (got 's3:/bucket/x')",
      "s3://|--in must be a URI that names its bucket: s3://BUCKET/prefix (got 's3://')",
      "s3:///x|--in must be a URI that names its bucket: s3://BUCKET/prefix (got 's3:///x')",
      "s3//bucket/x|--in must be a path without an empty segment '//' (a URI is written scheme://bucket/prefix) (got 's3//bucket/x')",
      "s3://bucket//x|--in must be a path without an empty segment '//' (a URI is written scheme://bucket/prefix) (got 's3://bucket//x')",
      "s3a://Bad_Bucket/x|--in must be a URI with a valid bucket name: 3-63 of lower-case letters, digits, . and -, starting and ending with a letter or digit (got 's3a://Bad_Bucket/x')",
      "s3://ab/x|--in must be a URI with a valid bucket name: 3-63 of lower-case letters, digits, . and -, starting and ending with a letter or digit (got 's3://ab/x')",
      "s3://192.168.0.1/x|--in must be a URI with a valid bucket name: 3-63 of lower-case letters, digits, . and -, starting and ending with a letter or digit (got 's3://192.168.0.1/x')",
      "s3n://bucket/x|--in must be an s3:// or s3a:// URI: s3n:// is Hadoop's retired S3 client (got 's3n://bucket/x')",
      "file://tmp/x|--in must be a local path without a host: file:///dir or /dir (got 'file://tmp/x')",
      "s3:bucket/x|--in must be a local path or a URI such as s3://bucket/prefix: java.net.URISyntaxException: Relative path in absolute URI: s3:bucket/x (got 's3:bucket/x')"})
  void aMalformedPathIsRejectedNamingTheFlagAndTheValue(String path, String message) {
    assertEquals(message, rejected(new Locations().input("--in", path)));
  }

  @Test
  void controlCharactersAreShownEscapedOnTheMessagesOneLine() {
    assertEquals("--in must be a path without control characters (got '/tmp/a\\u000ab')",
        rejected(new Locations().input("--in", "/tmp/a\nb")));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/d/data|/d/data|the same place as",
      "/d/data/|/d/data|the same place as",
      "/d/data/out|/d/data|inside",
      "/d|/d/data|a folder holding",
      "s3a://bucket/data|s3://bucket/data/|the same place as",
      "s3://bucket/data/run/../out|s3://bucket/data|inside"})
  void anOutputThatOverlapsAnInputIsRejected(String output, String input, String relation) {
    assertEquals("--out '" + output + "' is " + relation + " --in '" + input
        + "': writing the output there would delete or mix with it; give each its own folder",
        rejected(new Locations().input("--in", input).output("--out", output)));
  }

  @Test
  void twoOutputsMustNotOverlapEither() {
    assertEquals("--out '/d/out/quarantine' is inside --out2 '/d/out': writing the output there would delete or mix with it;"
        + " give each its own folder", rejected(new Locations().output("--out", "/d/out/quarantine").output("--out2", "/d/out")));
  }

  @Test
  void neighboursAndOtherBucketsAreApart() {
    assertDoesNotThrow(() -> new Locations().input("--in", "/d/data").output("--out", "/d/data-out").check());
    assertDoesNotThrow(() -> new Locations().input("--in", "s3://one/data").output("--out", "s3://two/data").check());
    assertDoesNotThrow(() -> new Locations().input("--in", "/d/data").input("--in2", "/d/data/sub").check());
  }

  @Test
  void aRelativeOutputIsComparedWhereItResolves() {
    String cwd = System.getProperty("user.dir");
    assertThrows(IllegalArgumentException.class, () -> new Locations().input("--in", cwd + "/data").output("--out", "data").check());
  }

  @Test
  void aTableNameIsCheckedByDynamoDbsRule() {
    assertDoesNotThrow(() -> new Locations().table("--out_table", "llmops-drift-runs.v2_a").check());
    assertEquals("--out_table must be a DynamoDB table name: 3-255 of letters, digits, _ . - (got 'ab')",
        rejected(new Locations().table("--out_table", "ab")));
    assertEquals("--out_table must be a DynamoDB table name: 3-255 of letters, digits, _ . - (got 'my table')",
        rejected(new Locations().table("--out_table", "my table")));
  }

  @Test
  void aSchemeNeedsAFileSystemAndOneRegisteredInTheConfigurationCounts() {
    Configuration hadoop = new Configuration();
    hadoop.set("fs.llmopstest.impl", RawLocalFileSystem.class.getName());
    assertDoesNotThrow(() -> new Locations().input("--in", "llmopstest://host/x").check().checkFileSystems(hadoop));
    assertDoesNotThrow(() -> new Locations().input("--in", "/tmp/x").input("--in2", "file:///tmp/y").check().checkFileSystems(hadoop));
    String message = assertThrows(IllegalArgumentException.class,
        () -> new Locations().input("--in", "gs://bucket/x").check().checkFileSystems(hadoop)).getMessage();
    assertEquals("--in must be a local path or a URI of a scheme Hadoop has a file system for here: no file system for 'gs'"
        + " (s3://, s3a:// and file: are known; spark.hadoop.fs.gs.impl adds one) (got 'gs://bucket/x')", message);
  }
}
