package llmops.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The IAM policies under conf/iam, evaluated as IAM evaluates Allow statements (an action and a
 * resource are allowed when some statement's Action and Resource patterns both match them, with
 * {@code *} and {@code ?} as wildcards; actions case-insensitively), on requests each job makes and
 * on requests it must not be able to make. Conditions (the ListBucket prefix) are not evaluated:
 * they only narrow what is allowed further.
 */
class IamPolicyEvaluationTest {
  private static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/";
  private static final String DATA = "arn:aws:s3:::my-data/";

  private record Statement(List<Pattern> actions, List<Pattern> resources) {}

  private static List<Statement> policy(String job) throws Exception {
    String text = Files.readString(Path.of("conf/iam/llmops-" + job + ".json")).replace("${REGION}", "us-east-1")
        .replace("${ACCOUNT_ID}", "123456789012").replace("${DATA_BUCKET}", "my-data").replace("${ARTIFACT_BUCKET}", "my-artifacts");
    List<Statement> statements = new ArrayList<>();
    for (JsonNode s : new ObjectMapper().readTree(text).get("Statement")) {
      assertEquals("Allow", s.get("Effect").asText(), "the policies only allow; everything else is denied by default");
      statements.add(new Statement(patterns(s.get("Action"), true), patterns(s.get("Resource"), false)));
    }
    return statements;
  }

  private static List<Pattern> patterns(JsonNode values, boolean caseInsensitive) {
    List<Pattern> out = new ArrayList<>();
    values.forEach(v -> {
      String regex = Pattern.quote(v.asText()).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
      out.add(caseInsensitive ? Pattern.compile(regex, Pattern.CASE_INSENSITIVE) : Pattern.compile(regex));
    });
    return out;
  }

  private static boolean allows(List<Statement> policy, String action, String resource) {
    return policy.stream().anyMatch(s -> s.actions().stream().anyMatch(a -> a.matcher(action).matches())
        && s.resources().stream().anyMatch(r -> r.matcher(resource).matches()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"drift", "distance", "eval"})
  void noPolicyAllowsAdministrationDeletionOfTablesOrBucketsOrAnythingEverywhere(String job) throws Exception {
    List<Statement> policy = policy(job);
    for (String action : List.of("dynamodb:CreateTable", "dynamodb:DeleteTable", "dynamodb:UpdateTable", "dynamodb:DeleteItem",
        "dynamodb:Scan", "s3:DeleteBucket", "s3:PutBucketPolicy", "s3:PutObjectAcl", "iam:PassRole", "kms:Decrypt", "sts:AssumeRole")) {
      for (String resource : List.of("*", TABLE + "llmops-" + job + "-runs", DATA + "llmops/" + job + "/x", "arn:aws:s3:::my-data")) {
        assertFalse(allows(policy, action, resource), job + " allows " + action + " on " + resource);
      }
    }
    assertFalse(allows(policy, "dynamodb:BatchWriteItem", TABLE + "some-other-table"), "writes to any table");
    assertFalse(allows(policy, "s3:PutObject", "arn:aws:s3:::another-bucket/llmops/" + job + "/x"), "writes to any bucket");
  }

  @org.junit.jupiter.api.Test
  void driftWritesOnlyItsTablesAndItsQuarantineAndOnlyReadsTheEmbeddings() throws Exception {
    List<Statement> drift = policy("drift");
    for (String table : List.of("llmops-drift-runs", "llmops-drift-centroids")) {
      assertTrue(allows(drift, "dynamodb:BatchWriteItem", TABLE + table));
    }
    assertTrue(allows(drift, "dynamodb:PutItem", TABLE + "llmops-drift-runs"), "the conditional flip of a run's centroid pointer");
    assertTrue(allows(drift, "dynamodb:Query", TABLE + "llmops-drift-runs/index/by_type_time"));
    assertFalse(allows(drift, "dynamodb:BatchWriteItem", TABLE + "llmops-eval-runs"));
    assertTrue(allows(drift, "s3:GetObject", DATA + "embeddings/reference/dt=2025-01-31/part-0.gz"));
    assertTrue(allows(drift, "s3:PutObject", DATA + "embeddings/reference/_llmops_quarantine/reference/BASELINE-1/part-0.json"));
    assertFalse(allows(drift, "s3:PutObject", DATA + "embeddings/reference/dt=2025-01-31/part-0.gz"), "the input is read-only");
    assertFalse(allows(drift, "s3:DeleteObject", DATA + "embeddings/reference/dt=2025-01-31/part-0.gz"));
    assertFalse(allows(drift, "s3:PutObject", DATA + "llmops/eval/x"));
  }

  @org.junit.jupiter.api.Test
  void distanceOnlyReadsTheDriftTablesAndWritesItsOwnOutputs() throws Exception {
    List<Statement> distance = policy("distance");
    assertTrue(allows(distance, "dynamodb:Query", TABLE + "llmops-drift-centroids"));
    assertTrue(allows(distance, "dynamodb:GetItem", TABLE + "llmops-drift-runs"));
    for (String write : List.of("dynamodb:BatchWriteItem", "dynamodb:PutItem")) {
      assertFalse(allows(distance, write, TABLE + "llmops-drift-runs"), write);
      assertFalse(allows(distance, write, TABLE + "llmops-drift-centroids"), write);
    }
    assertTrue(allows(distance, "dynamodb:BatchWriteItem", TABLE + "llmops-distance-runs"));
    assertTrue(allows(distance, "s3:PutObject", DATA + "llmops/distance/dt=2025-01-31/prompts/part-0.parquet"));
    assertFalse(allows(distance, "s3:PutObject", DATA + "embeddings/prompts/dt=2025-01-31/part-0.parquet"), "the prompts are read-only");
  }

  @org.junit.jupiter.api.Test
  void evalWritesOnlyItsTableAndItsOutputPrefix() throws Exception {
    List<Statement> eval = policy("eval");
    assertTrue(allows(eval, "dynamodb:PutItem", TABLE + "llmops-eval-runs"));
    assertFalse(allows(eval, "dynamodb:PutItem", TABLE + "llmops-drift-runs"));
    assertTrue(allows(eval, "s3:GetObject", DATA + "evaluation/config.yaml"));
    assertFalse(allows(eval, "s3:PutObject", DATA + "evaluation/config.yaml"), "the config and datasets are read-only");
    assertTrue(allows(eval, "s3:PutObject", DATA + "llmops/eval/run-1/records/part-0.parquet"));
    assertFalse(allows(eval, "s3:GetObject", DATA + "embeddings/reference/part-0.gz"), "no other job's data");
  }
}
