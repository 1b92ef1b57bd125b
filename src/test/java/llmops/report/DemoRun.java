package llmops.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmops.io.Items;
import llmops.testing.Cli;
import llmops.testing.LocalServices;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The demo at small scale, run once per test JVM, and the report built from it. Known answers:
 * <ul>
 *   <li>drift series {@code reference} (4 Gaussian clusters in 16 dimensions, 2,000 points a run):
 *       BASELINE 1000; SNAPSHOT 1001 a fresh draw of the same clusters (no drift); SNAPSHOT 1002 with
 *       a fifth of its points from a new cluster (drift, through {@code outside_share_excess});</li>
 *   <li>distance series {@code prompts}: run 2000 drawn like the reference, run 2001 with a tenth of
 *       its prompts ("... about the new topic") from the new cluster;</li>
 *   <li>eval dataset {@code tiny_qa}: factual knowledge of good 1.0, mid 0.5, bad 0.25 (per category
 *       geo 1, 0.5, 0.5 and books 1, 0.5, 0), with invocation measurements for good and mid (bad has
 *       none) and a selection that chose mid; dataset {@code unmeasured_qa}: the same answers, with
 *       no measurements, so the eval job's own selection chose by quality alone (good).</li>
 * </ul>
 */
final class DemoRun {
  static final String DRIFT = "report-drift-runs";
  static final String CENTROIDS = "report-drift-centroids";
  static final String DISTANCE = "report-distance-runs";
  static final String EVAL = "report-eval-runs";
  static final String TABLES = "drift=" + DRIFT + ",centroids=" + CENTROIDS + ",distance=" + DISTANCE + ",eval=" + EVAL;

  record Built(Path dir, Cli.Result run, String html) {
    JsonNode summary() {
      return run.summary();
    }

    Path page() {
      return dir.resolve("report/index.html");
    }
  }

  private static Built built;
  /** Each job run's summary line, by job and run ("drift-1000", "eval-tiny_qa-3000"), in the order they ran. */
  private static final Map<String, JsonNode> SUMMARIES = new LinkedHashMap<>();

  private DemoRun() {}

  /** The summary lines of the demo's jobs (after {@link #report()} ran them). */
  static synchronized Map<String, JsonNode> summaries() throws Exception {
    report();
    return SUMMARIES;
  }

  static synchronized Built report() throws Exception {
    if (built == null) {
      Path dir = Files.createTempDirectory("llmops-report-demo");
      runJobs(dir);
      Cli.Result run = Cli.run("report", "--output_path", dir.resolve("report").toString(), "--tables", TABLES);
      Path page = dir.resolve("report/index.html");
      // Kept even when it failed, so that every test reports the failure without running the jobs again.
      built = new Built(dir, run, Files.exists(page) ? Files.readString(page) : "");
    }
    assertEquals(0, built.run().exitCode(), built.run().stdout());
    return built;
  }

  private static void runJobs(Path dir) throws Exception {
    ok("sample-data", "--output_path", dir.resolve("reference").toString(), "--row_seed", "1", "--n", "2000");
    ok("sample-data", "--output_path", dir.resolve("resample").toString(), "--row_seed", "2", "--n", "2000");
    ok("sample-data", "--output_path", dir.resolve("new-topic").toString(), "--row_seed", "5", "--n", "2000", "--new_cluster_share", "0.2");
    drift("BASELINE", dir.resolve("reference"), "1000");
    drift("SNAPSHOT", dir.resolve("resample"), "1001");
    drift("SNAPSHOT", dir.resolve("new-topic"), "1002");

    ok("sample-data", "--output_path", dir.resolve("prompts-1").toString(), "--row_seed", "9", "--n", "600", "--format", "jsonl");
    ok("sample-data", "--output_path", dir.resolve("prompts-2").toString(), "--row_seed", "10", "--n", "600", "--format", "jsonl",
        "--new_cluster_share", "0.1");
    distance(dir.resolve("prompts-1"), dir.resolve("distances-1"), "2000");
    distance(dir.resolve("prompts-2"), dir.resolve("distances-2"), "2001");

    Path data = dir.resolve("qa.jsonl");
    Files.writeString(data, String.join("\n",
        "{\"id\": \"r1\", \"q\": \"Capital of France?\", \"a\": \"Paris\", \"cat\": \"geo\", \"out\": {\"good\": \"Paris\", \"mid\": \"Paris\", \"bad\": \"Lyon\"}}",
        "{\"id\": \"r2\", \"q\": \"Capital of the UK?\", \"a\": \"London\", \"cat\": \"geo\", \"out\": {\"good\": \"London\", \"mid\": \"Manchester\", \"bad\": \"london\"}}",
        "{\"id\": \"r3\", \"q\": \"Who wrote Hamlet?\", \"a\": \"William Shakespeare\", \"cat\": \"books\", \"out\": {\"good\": \"William Shakespeare\", \"mid\": \"Shakespeare\", \"bad\": \"Marlowe\"}}",
        "{\"id\": \"r4\", \"q\": \"Largest planet?\", \"a\": \"Jupiter\", \"cat\": \"books\", \"out\": {\"good\": \"Jupiter\", \"mid\": \"Jupiter\", \"bad\": \"Saturn\"}}") + "\n");
    for (String dataset : List.of("tiny_qa", "unmeasured_qa")) {
      Path config = dir.resolve(dataset + ".yaml");
      Files.writeString(config, """
          pipeline: {name: report-test}
          dataset: {dataset_name: %s, model_input_key: q, target_output_key: a, category_key: cat, record_id_key: id}
          models:
            - {name: good, model_output_key: out.good}
            - {name: mid, model_output_key: out.mid}
            - {name: bad, model_output_key: out.bad}
          algorithms:
            - {algorithm: FactualKnowledge}
            - {algorithm: QAAccuracy}
          """.formatted(dataset));
      ok("eval", "--config", config.toString(), "--data_path", data.toString(), "--output_path", dir.resolve("eval-" + dataset).toString(),
          "--out_table", EVAL, "--run_id", "3000");
    }
    measuredByAModelRunner();
  }

  /** What the model runners (issue 7) will add: invocation measurements on run items, and a selection item. */
  private static void measuredByAModelRunner() throws Exception {
    DynamoDbClient dynamo = LocalServices.dynamoDbClient();
    invocation(dynamo, "good", "sagemaker", 420.0, 910.0, 1300.0, 0.0123);
    invocation(dynamo, "mid", "bedrock", 180.0, 350.0, 520.0, null);
    Map<String, Object> selection = new LinkedHashMap<>();
    selection.put("dataset", "tiny_qa");
    selection.put("run", "SELECTION#LATEST");
    selection.put("run_id", "4000");
    selection.put("run_ts", 4000L);
    selection.put("chosen_model", "mid");
    selection.put("weights", Map.of("quality", 0.5, "latency", 0.3, "cost", 0.2));
    selection.put("quality_score", "factual_knowledge");
    selection.put("ranking", List.of(
        Map.of("model", "mid", "rank", 1, "score", 0.71, "quality", 0.5, "latency_p95_ms", 350.0),
        Map.of("model", "good", "rank", 2, "score", 0.64, "quality", 1.0, "latency_p95_ms", 910.0, "cost_usd", 0.0123),
        Map.of("model", "bad", "rank", 3, "score", 0.2, "quality", 0.25)));
    dynamo.putItem(r -> r.tableName(EVAL).item(Items.toItem(selection)));
  }

  private static void invocation(DynamoDbClient dynamo, String model, String runner, double p50, double p95, double p99, Double cost)
      throws Exception {
    Map<String, Object> invocation = new LinkedHashMap<>();
    invocation.put("runner", runner);
    invocation.put("requests", 4);
    invocation.put("answered", 4);
    invocation.put("latency_ms", Map.of("p50", p50, "p95", p95, "p99", p99));
    invocation.put("input_tokens", 40);
    invocation.put("output_tokens", 12);
    if (cost != null) {
      invocation.put("cost_usd", cost);
    }
    invocation.put("errors_by_kind", Map.of());
    for (String run : List.of("RUN#" + model + "#3000", "LATEST#" + model)) {
      dynamo.updateItem(r -> r.tableName(EVAL)
          .key(Map.of("dataset", AttributeValue.fromS("tiny_qa"), "run", AttributeValue.fromS(run)))
          .updateExpression("SET invocation = :i").conditionExpression("attribute_exists(run)")
          .expressionAttributeValues(Map.of(":i", Items.toAttribute(invocation))));
    }
  }

  private static void drift(String type, Path data, String runId) throws Exception {
    ok("drift", "--job_type", type, "--series", "reference", "--data_path", data.toString(), "--k", "4", "--run_id", runId,
        "--out_table", DRIFT, "--centroid_table", CENTROIDS);
  }

  private static void distance(Path prompts, Path out, String runId) throws Exception {
    ok("distance", "--prompt_path", prompts.toString(), "--distance_path", out.toString(), "--reference_series", "reference",
        "--run_id", runId, "--out_table", DISTANCE, "--drift_table", DRIFT, "--centroid_table", CENTROIDS);
  }

  private static String option(String[] args, String name) {
    return args[List.of(args).indexOf(name) + 1];
  }

  /** sample-data calls share the data's shape: 4 clusters in 16 dimensions, as the drift tests use. */
  private static void ok(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    if (args[0].equals("sample-data")) {
      all.addAll(List.of("--dim", "16", "--clusters", "4", "--separation", "2", "--noise", "0.5", "--files", "2"));
    }
    Cli.Result run = Cli.run(all.toArray(new String[0]));
    assertEquals(0, run.exitCode(), String.join(" ", args) + ":\n" + run.stdout());
    if (!args[0].equals("sample-data")) {
      String name = args[0] + (args[0].equals("eval") ? "-" + run.summary().path("dataset").asText() : "") + "-" + option(args, "--run_id");
      SUMMARIES.put(name, run.summary());
    }
  }
}
