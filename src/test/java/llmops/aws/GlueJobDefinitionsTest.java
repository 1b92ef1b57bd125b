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
import java.util.Map;
import java.util.stream.Stream;
import llmops.Main;
import llmops.config.GlueArguments;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Each conf/glue job definition is a create-job request for a Scala Glue 5 job whose arguments the jobs' own parser accepts. */
class GlueJobDefinitionsTest {
  /** The values scripts/glue-deploy.sh fills in. */
  private static final Map<String, String> PLACEHOLDERS = Map.of(
      "${ACCOUNT_ID}", "123456789012", "${ARTIFACT_BUCKET}", "my-artifacts", "${DATA_BUCKET}", "my-data");

  static Stream<Path> definitions() throws Exception {
    return Files.list(Path.of("conf/glue")).filter(p -> p.toString().endsWith(".json")).sorted();
  }

  /** The definition with the values scripts/glue-deploy.sh fills in (AwsCliDeployTest compares what moto holds with it). */
  static JsonNode filledIn(Path definition) throws Exception {
    String text = Files.readString(definition);
    for (Map.Entry<String, String> placeholder : PLACEHOLDERS.entrySet()) {
      text = text.replace(placeholder.getKey(), placeholder.getValue());
    }
    assertFalse(text.contains("${"), definition + " has a placeholder glue-deploy.sh does not fill in");
    return new ObjectMapper().readTree(text);
  }

  @ParameterizedTest
  @MethodSource("definitions")
  void isAScalaGlue5JobRunningTheDriverScriptWithTheShadedJar(Path definition) throws Exception {
    JsonNode job = filledIn(definition);
    assertEquals(definition.getFileName().toString(), job.get("Name").asText() + ".json");
    assertEquals("glueetl", job.at("/Command/Name").asText());
    assertEquals("s3://my-artifacts/llmops/LlmopsGlueDriver.scala", job.at("/Command/ScriptLocation").asText());
    assertEquals("5.0", job.get("GlueVersion").asText());
    JsonNode arguments = job.get("DefaultArguments");
    assertEquals("scala", arguments.get("--job-language").asText());
    assertEquals("LlmopsGlueDriver", arguments.get("--class").asText());
    assertEquals("s3://my-artifacts/llmops/llmops-spark-0.1.0-cluster.jar", arguments.get("--extra-jars").asText());
    assertTrue(job.get("Role").asText().startsWith("arn:aws:iam::123456789012:role/llmops-"), job.get("Role").asText());
    for (String field : List.of("WorkerType", "NumberOfWorkers", "Timeout", "MaxRetries", "ExecutionProperty")) {
      assertTrue(job.has(field), definition + " lacks " + field);
    }
  }

  @ParameterizedTest
  @MethodSource("definitions")
  void itsArgumentsParseWithTheJobsOwnParser(Path definition) throws Exception {
    List<String> glueArgs = new ArrayList<>(List.of("--JOB_ID", "j_1", "--JOB_RUN_ID", "jr_1", "--JOB_NAME", "x"));
    filledIn(definition).get("DefaultArguments").fields().forEachRemaining(e -> {
      glueArgs.add(e.getKey());
      glueArgs.add(e.getValue().asText());
    });
    CommandLine.ParseResult parsed = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
        .parseArgs(GlueArguments.jobArguments(glueArgs.toArray(new String[0])));
    assertTrue(parsed.hasSubcommand(), definition + " names no job");
  }

  @ParameterizedTest
  @MethodSource("definitions")
  void noJobIsRetriedByGlueSinceAirflowWatchesTheRunAndRetriesItself(Path definition) throws Exception {
    // A Glue retry would run the job again after Airflow saw it fail (and a drift verdict would only repeat).
    assertEquals(0, filledIn(definition).get("MaxRetries").asInt());
  }
}
