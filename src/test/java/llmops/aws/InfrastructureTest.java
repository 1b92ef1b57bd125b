package llmops.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import llmops.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The CloudFormation tables and the job roles' IAM policies (conf/cloudformation/llmops-roles.yaml)
 * name only tables the jobs use by default and DynamoDB calls the code makes.
 */
class InfrastructureTest {
  private static final Path TEMPLATE = Path.of("conf/cloudformation/llmops-tables.yaml");
  private static final Pattern TABLE_ARN = Pattern.compile(
      "^arn:\\$\\{AWS::Partition}:dynamodb:\\$\\{AWS::Region}:\\$\\{AWS::AccountId}:table/([A-Za-z0-9_.-]+)(/index/\\*)?$");

  @Test
  void theTemplateDefinesExactlyTheTablesTheJobsWriteByDefault() throws Exception {
    Map<String, JsonNode> tables = unconditionalTables();
    assertEquals(defaultTables(), tables.keySet());
  }

  @Test
  void everyTableIsOnDemandRecoverableAndEncrypted() throws Exception {
    JsonNode resources = new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile()).get("Resources");
    resources.forEach(resource -> {
      JsonNode table = resource.get("Properties");
      assertEquals("PAY_PER_REQUEST", table.get("BillingMode").asText());
      assertTrue(table.at("/PointInTimeRecoverySpecification/PointInTimeRecoveryEnabled").asBoolean());
      assertTrue(table.at("/SSESpecification/SSEEnabled").asBoolean());
      assertEquals("Retain", resource.get("DeletionPolicy").asText());
    });
  }

  @Test
  void theKeysAndIndexesAreTheOnesTheStoresExpect() throws Exception {
    // NativeDriftStore, NativeDistanceStore and EvaluationStore build these TableSpecs (Dynamo.ensureTable checks them).
    Map<String, JsonNode> tables = unconditionalTables();
    assertEquals("series S HASH, run S RANGE; by_time run_ts N, by_type_time type_ts S", keys(tables.get("llmops-drift-runs")));
    assertEquals("run S HASH, centroid N RANGE", keys(tables.get("llmops-drift-centroids")));
    assertEquals("series S HASH, run S RANGE; by_time run_ts N", keys(tables.get("llmops-distance-runs")));
    assertEquals("dataset S HASH, run S RANGE", keys(tables.get("llmops-eval-runs")));
    assertEquals("request_hash S HASH, model S RANGE", keys(tables.get("llmops-model-responses")));
  }

  @Test
  void theSeedTablesHaveTheAwsSamplesKeys() throws Exception {
    JsonNode resources = new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile()).get("Resources");
    assertEquals("jobtype S HASH, jobdate N RANGE", keys(resources.at("/SeedDrift/Properties")));
    assertEquals("jobtypedate S HASH, centroid N RANGE", keys(resources.at("/SeedCentroids/Properties")));
    assertEquals("jobtype S HASH, jobdate N RANGE", keys(resources.at("/SeedDistance/Properties")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"drift", "distance", "eval"})
  void eachPolicyNamesOnlyTablesTheJobsUseAndCallsTheCodeMakes(String job) throws Exception {
    JsonNode policy = IamPolicyEvaluationTest.jobPolicy(job);
    assertEquals("2012-10-17", policy.get("Version").asText());
    Set<String> calls = dynamoDbActionsTheCodeCalls();
    Set<String> tables = defaultTables();
    for (JsonNode statement : policy.get("Statement")) {
      assertEquals("Allow", statement.get("Effect").asText());
      for (JsonNode action : statement.get("Action")) {
        String name = action.asText();
        assertFalse(name.contains("*"), "wildcard action " + name);
        if (name.startsWith("dynamodb:")) {
          assertTrue(calls.contains(name), name + " is not called by the code (it calls " + calls + ")");
          // On AWS the tables come from the CloudFormation template; Dynamo.ensureTable creates them only locally.
          assertFalse(name.equals("dynamodb:CreateTable"), "the jobs never create tables on AWS");
        }
      }
      for (JsonNode resource : statement.get("Resource")) {
        String arn = resource.path("Fn::Sub").asText(resource.asText());
        Matcher table = TABLE_ARN.matcher(arn);
        if (arn.contains(":dynamodb:")) {
          assertTrue(table.matches() && tables.contains(table.group(1)), arn + " is not a table the jobs use");
        }
      }
    }
  }

  @Test
  void onlyTheEvaluationJobMayCallModelsAndOnlyWithTheRunnersCalls() throws Exception {
    for (String job : List.of("drift", "distance")) {
      String policy = IamPolicyEvaluationTest.jobPolicy(job).toString();
      assertFalse(policy.contains("sagemaker:") || policy.contains("bedrock:"), job);
    }
    Set<String> modelActions = new TreeSet<>();
    for (JsonNode statement : IamPolicyEvaluationTest.jobPolicy("eval").get("Statement")) {
      statement.get("Action").forEach(a -> {
        if (a.asText().startsWith("sagemaker:") || a.asText().startsWith("bedrock:")) {
          modelActions.add(a.asText());
        }
      });
    }
    // InvokeEndpoint (SageMakerRunner), InvokeModel (Converse and InvokeModel in BedrockRunner), ApplyGuardrail (toxicity).
    assertEquals(Set.of("sagemaker:InvokeEndpoint", "bedrock:InvokeModel", "bedrock:ApplyGuardrail"), modelActions);
  }

  /** The tables the jobs' flags default to. */
  private static Set<String> defaultTables() {
    CommandLine cli = new CommandLine(new Main());
    Set<String> tables = new TreeSet<>();
    Map<String, List<String>> tableFlags = Map.of(
        "drift", List.of("--out_table", "--centroid_table"),
        "distance", List.of("--out_table", "--drift_table", "--centroid_table"),
        "eval", List.of("--out_table", "--responses_table"));
    tableFlags.forEach((job, flags) -> flags.forEach(flag ->
        tables.add(cli.getSubcommands().get(job).getCommandSpec().findOption(flag).defaultValueString())));
    return tables;
  }

  /** The IAM actions of the DynamoDB client calls in the jobs' sources (queryPaginator is Query, and so on). */
  private static Set<String> dynamoDbActionsTheCodeCalls() throws Exception {
    Map<String, String> actions = Map.ofEntries(Map.entry("describeTable", "DescribeTable"), Map.entry("createTable", "CreateTable"),
        Map.entry("getItem", "GetItem"), Map.entry("putItem", "PutItem"), Map.entry("batchWriteItem", "BatchWriteItem"),
        Map.entry("batchGetItem", "BatchGetItem"), Map.entry("query", "Query"), Map.entry("queryPaginator", "Query"),
        Map.entry("scanPaginator", "Scan"), Map.entry("updateItem", "UpdateItem"), Map.entry("deleteItem", "DeleteItem"));
    Pattern call = Pattern.compile("\\.(" + String.join("|", actions.keySet()) + ")\\(");
    Set<String> called = new HashSet<>();
    try (Stream<Path> sources = Files.walk(Path.of("jobs"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = call.matcher(Files.readString(source));
        while (m.find()) {
          called.add("dynamodb:" + actions.get(m.group(1)));
        }
      }
    }
    return called;
  }

  private static Map<String, JsonNode> unconditionalTables() throws Exception {
    JsonNode resources = new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile()).get("Resources");
    Map<String, JsonNode> tables = new TreeMap<>();
    resources.forEach(resource -> {
      assertEquals("AWS::DynamoDB::Table", resource.get("Type").asText());
      if (!resource.has("Condition")) {
        tables.put(resource.at("/Properties/TableName").asText(), resource.get("Properties"));
      }
    });
    return tables;
  }

  /** "hash type HASH, range type RANGE; index range type, ..." */
  private static String keys(JsonNode table) {
    Map<String, String> types = new TreeMap<>();
    table.get("AttributeDefinitions").forEach(a -> types.put(a.get("AttributeName").asText(), a.get("AttributeType").asText()));
    StringBuilder text = new StringBuilder();
    table.get("KeySchema").forEach(k -> text.append(text.length() == 0 ? "" : ", ").append(k.get("AttributeName").asText())
        .append(' ').append(types.get(k.get("AttributeName").asText())).append(' ').append(k.get("KeyType").asText()));
    if (table.has("LocalSecondaryIndexes")) {
      StringBuilder indexes = new StringBuilder();
      table.get("LocalSecondaryIndexes").forEach(i -> {
        String range = i.get("KeySchema").get(1).get("AttributeName").asText();
        indexes.append(indexes.length() == 0 ? "; " : ", ").append(i.get("IndexName").asText()).append(' ').append(range).append(' ').append(types.get(range));
      });
      text.append(indexes);
    }
    assertEquals(types.size(), text.toString().split("(, |; )").length, "every attribute defined is a key");
    return text.toString();
  }
}
