package llmops.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The IAM policies of conf/cloudformation/llmops-roles.yaml (with its parameters and pseudo parameters
 * filled in as CloudFormation's Fn::Sub does), evaluated as IAM evaluates Allow statements (an action and a
 * resource are allowed when some statement's Action and Resource patterns both match them, with
 * {@code *} and {@code ?} as wildcards; actions case-insensitively), on requests each job makes and
 * on requests it must not be able to make. Conditions (the ListBucket prefix) are not evaluated:
 * they only narrow what is allowed further.
 */
class IamPolicyEvaluationTest {
  private static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/";
  private static final String DATA = "arn:aws:s3:::my-data/";

  private static final Path TEMPLATE = Path.of("conf/cloudformation/llmops-roles.yaml");
  private static final String KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  /** The values a deployment gives the template's ${...} references. */
  private static final Map<String, String> VALUES = Map.of("AWS::Partition", "aws", "AWS::Region", "us-east-1",
      "AWS::AccountId", "123456789012", "DataBucket", "my-data", "ArtifactBucket", "my-artifacts",
      "EmrServerlessLogPrefix", "emr-logs", "SseKmsKeyArn", KMS_KEY);
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z:]+)}");

  private record Statement(List<Pattern> actions, List<Pattern> resources) {}

  /** A resource of the roles template, by its logical id. */
  static JsonNode resource(String logicalId) throws Exception {
    JsonNode resource = new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile()).at("/Resources/" + logicalId);
    assertFalse(resource.isMissingNode(), TEMPLATE + " has no " + logicalId);
    return resource;
  }

  /** The inline policy of a job's role (DriftRole, ...) as the template writes it, intrinsic functions unresolved. */
  static JsonNode jobPolicy(String job) throws Exception {
    String logicalId = Character.toUpperCase(job.charAt(0)) + job.substring(1) + "Role";
    return resource(logicalId).at("/Properties/Policies/0/PolicyDocument");
  }

  private static List<Statement> policy(String job) throws Exception {
    return statements(jobPolicy(job));
  }

  private static List<Statement> statements(JsonNode document) {
    List<Statement> statements = new ArrayList<>();
    for (JsonNode s : document.get("Statement")) {
      assertEquals("Allow", s.get("Effect").asText(), "the policies only allow; everything else is denied by default");
      List<JsonNode> resources = new ArrayList<>();
      s.get("Resource").forEach(resource -> resources.add(resolved(resource)));
      statements.add(new Statement(patterns(s.get("Action"), true), patterns(new ObjectMapper().valueToTree(resources), false)));
    }
    return statements;
  }

  /** A resource with its Fn::Sub or Ref filled in from VALUES; Fn::GetAtt [XRole, Arn] as that role's ARN. */
  private static JsonNode resolved(JsonNode resource) {
    if (resource.isTextual()) {
      return resource;
    }
    if (resource.has("Ref")) {
      return TextNode.valueOf(VALUES.get(resource.get("Ref").asText()));
    }
    if (resource.has("Fn::GetAtt")) {
      String role = resource.get("Fn::GetAtt").get(0).asText();
      assertEquals("Arn", resource.get("Fn::GetAtt").get(1).asText());
      return TextNode.valueOf("arn:aws:iam::123456789012:role/llmops-" + role.substring(0, role.length() - "Role".length()).toLowerCase());
    }
    Matcher reference = REFERENCE.matcher(resource.get("Fn::Sub").asText());
    StringBuilder text = new StringBuilder();
    while (reference.find()) {
      String value = VALUES.get(reference.group(1));
      assertTrue(value != null, "no value for ${" + reference.group(1) + "}");
      reference.appendReplacement(text, Matcher.quoteReplacement(value));
    }
    return TextNode.valueOf(reference.appendTail(text).toString());
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

  @Test
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

  @Test
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

  @Test
  void evalWritesOnlyItsTableAndItsOutputPrefix() throws Exception {
    List<Statement> eval = policy("eval");
    assertTrue(allows(eval, "dynamodb:PutItem", TABLE + "llmops-eval-runs"));
    assertFalse(allows(eval, "dynamodb:PutItem", TABLE + "llmops-drift-runs"));
    assertTrue(allows(eval, "s3:GetObject", DATA + "evaluation/config.yaml"));
    assertFalse(allows(eval, "s3:PutObject", DATA + "evaluation/config.yaml"), "the config and datasets are read-only");
    assertTrue(allows(eval, "s3:PutObject", DATA + "llmops/eval/run-1/records/part-0.parquet"));
    assertFalse(allows(eval, "s3:GetObject", DATA + "embeddings/reference/part-0.gz"), "no other job's data");
  }

  @ParameterizedTest
  @ValueSource(strings = {"drift", "distance", "eval"})
  void everyJobMayWriteItsEmrServerlessLogsButNotTheJar(String job) throws Exception {
    List<Statement> policy = policy(job);
    assertTrue(allows(policy, "s3:PutObject", "arn:aws:s3:::my-artifacts/emr-logs/applications/00f/jobs/00g/SPARK_DRIVER/stdout.gz"));
    assertTrue(allows(policy, "s3:GetObject", "arn:aws:s3:::my-artifacts/llmops/llmops-spark-0.1.0-cluster.jar"));
    assertFalse(allows(policy, "s3:PutObject", "arn:aws:s3:::my-artifacts/llmops/llmops-spark-0.1.0-cluster.jar"), "the jar is read-only");
  }

  @Test
  void evalMayCallModelsThroughCrossRegionInferenceProfilesAndTheModelsTheyRouteTo() throws Exception {
    List<Statement> eval = policy("eval");
    assertTrue(allows(eval, "bedrock:InvokeModel",
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0"));
    // A us.* profile routes to us-east-1, us-east-2 and us-west-2: the model in each of them.
    for (String region : List.of("us-east-1", "us-east-2", "us-west-2")) {
      assertTrue(allows(eval, "bedrock:InvokeModel", "arn:aws:bedrock:" + region + "::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0"));
    }
    assertFalse(allows(eval, "bedrock:InvokeModel", "arn:aws:bedrock:us-east-1:210987654321:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0"),
        "another account's profile");
    assertFalse(allows(eval, "bedrock:InvokeModel", "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-3-5-haiku-20241022-v1:0"),
        "only the us profiles are named");
  }

  @Test
  void theSseKmsPolicyUsesOnlyTheOneKeyAndOnlyForDataKeys() throws Exception {
    JsonNode kms = resource("SseKmsPolicy");
    assertEquals("WithSseKms", kms.get("Condition").asText(), "only when a key is given");
    List<Statement> policy = statements(kms.at("/Properties/PolicyDocument"));
    assertTrue(allows(policy, "kms:GenerateDataKey", KMS_KEY));
    assertTrue(allows(policy, "kms:Decrypt", KMS_KEY));
    assertFalse(allows(policy, "kms:Decrypt", "arn:aws:kms:us-east-1:123456789012:key/another"));
    assertFalse(allows(policy, "kms:Encrypt", KMS_KEY));
    assertFalse(allows(policy, "kms:CreateGrant", KMS_KEY));
  }

  @Test
  void airflowReadsTheDriftVerdictAndPassesOnlyTheJobRoles() throws Exception {
    List<Statement> airflow = statements(resource("AirflowPolicy").at("/Properties/PolicyDocument"));
    assertTrue(allows(airflow, "dynamodb:GetItem", TABLE + "llmops-drift-runs"));
    assertFalse(allows(airflow, "dynamodb:PutItem", TABLE + "llmops-drift-runs"), "Airflow only reads the verdict");
    assertFalse(allows(airflow, "dynamodb:GetItem", TABLE + "llmops-eval-runs"));
    assertTrue(allows(airflow, "iam:PassRole", "arn:aws:iam::123456789012:role/llmops-drift"));
    assertFalse(allows(airflow, "iam:PassRole", "arn:aws:iam::123456789012:role/admin"));
    assertTrue(allows(airflow, "glue:StartJobRun", "arn:aws:glue:us-east-1:123456789012:job/llmops-drift-snapshot-prompts"));
    assertTrue(allows(airflow, "emr-serverless:GetJobRun", "arn:aws:emr-serverless:us-east-1:123456789012:/applications/00f/jobruns/00g"));
    assertTrue(allows(airflow, "elasticmapreduce:AddJobFlowSteps", "arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/j-2AXXXXXXGAPLF"));
    assertTrue(allows(airflow, "elasticmapreduce:DescribeCluster", "arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/j-2AXXXXXXGAPLF"));
    assertTrue(allows(airflow, "emr-serverless:StartApplication", "arn:aws:emr-serverless:us-east-1:123456789012:/applications/00f"));
  }
}
