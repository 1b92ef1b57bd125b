package llmops.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import llmops.testing.Cli;
import llmops.testing.LocalServices;
import llmops.testing.SparkTest;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The distance CLI end to end against DynamoDB Local: a reference BASELINE of 4 Gaussian clusters in
 * 16 dimensions (3,000 points), then prompts drawn from the same clusters or from a region the
 * reference does not cover.
 */
class DistanceJobTest {
  private static final String[] DRIFT_TABLES = {"--drift_table", "dist-drift-runs", "--centroid_table", "dist-drift-centroids"};
  @TempDir
  static Path dir;
  static String reference;
  static JsonNode baseline;

  @BeforeAll
  static void referenceBaseline() throws Exception {
    reference = sample("reference", "3000", "--row_seed", "1");
    Cli.Result run = Cli.run("drift", "--job_type", "BASELINE", "--series", "ref", "--data_path", reference, "--k", "4",
        "--run_id", "1000", "--out_table", "dist-drift-runs", "--centroid_table", "dist-drift-centroids");
    assertEquals(0, run.exitCode());
    baseline = run.summary();
  }

  @Test
  void theRunMeasuresTheLeaveOneOutKnnQuantilesOfTheReferencesPoints() throws Exception {
    JsonNode novelty = ok(distance(sample("yardstick", "200", "--row_seed", "22"), "dist-12")).at("/novelty");
    // All 3,000 points are in the 10,000-point sample: the yardstick is every point's distance to its
    // 10th nearest other point, computed here pair by pair (NumPy's linear percentiles).
    List<float[]> points = new ArrayList<>();
    try (java.util.stream.Stream<Path> files = Files.list(Path.of(reference))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
        for (String line : Files.readAllLines(file)) {
          JsonNode embedding = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).get("embedding");
          float[] v = new float[embedding.size()];
          for (int j = 0; j < v.length; j++) {
            v[j] = (float) embedding.get(j).asDouble();
          }
          points.add(v);
        }
      }
    }
    assertEquals(3000, points.size());
    assertEquals(3000, novelty.get("sample_size").asInt());
    assertEquals(10, novelty.get("k").asInt());
    assertEquals(42, novelty.get("sample_seed").asLong(), "the BASELINE's seed");
    double[] tenth = new double[points.size()];
    double[] others = new double[points.size() - 1];
    for (int i = 0; i < points.size(); i++) {
      int n = 0;
      for (int j = 0; j < points.size(); j++) {
        if (j != i) {
          double s = 0;
          for (int d = 0; d < 16; d++) {
            double diff = (double) points.get(i)[d] - points.get(j)[d];
            s += diff * diff;
          }
          others[n++] = Math.sqrt(s);
        }
      }
      java.util.Arrays.sort(others);
      tenth[i] = others[9];
    }
    java.util.Arrays.sort(tenth);
    String[] names = {"p50", "p90", "p95", "p99"};
    double[] probabilities = {0.5, 0.9, 0.95, 0.99};
    for (int q = 0; q < names.length; q++) {
      double h = (tenth.length - 1) * probabilities[q];
      int lo = (int) Math.floor(h);
      double expected = tenth[lo] + (h - lo) * (tenth[Math.min(lo + 1, tenth.length - 1)] - tenth[lo]);
      assertEquals(expected, novelty.at("/reference_knn_distances/" + names[q]).asDouble(), 1e-9, names[q]);
    }
  }

  @Test
  void theYardstickOfASampleIsTheSameInEveryRunOnTheSameBaseline() throws Exception {
    String prompts = sample("yardstick-sampled", "200", "--row_seed", "23");
    JsonNode first = ok(distance(prompts, "dist-13", "--knn_sample", "500", "--knn_k", "5")).at("/novelty");
    JsonNode second = ok(distance(prompts, "dist-14", "--knn_sample", "500", "--knn_k", "5")).at("/novelty");
    assertEquals(500, first.get("sample_size").asInt());
    assertEquals(5, first.get("k").asInt());
    assertEquals(first.get("reference_knn_distances"), second.get("reference_knn_distances"));
    assertEquals(first.get("threshold"), second.get("threshold"));
  }

  @Test
  void aBaselineThatStoredNoKnnYardstickIsMeasuredAgainstAllTheSame() throws Exception {
    // A BASELINE item of today has no knn attribute, as one stored before the yardstick existed: the distance run needs only its vectors.
    Map<String, AttributeValue> item = LocalServices.dynamoDbClient().getItem(r -> r.tableName("dist-drift-runs")
        .key(Map.of("series", AttributeValue.fromS("ref"), "run", AttributeValue.fromS("BASELINE#1000")))).item();
    assertEquals("1000", item.get("run_id").s());
    assertFalse(item.containsKey("knn"), item.keySet().toString());
    assertTrue(baseline.at("/knn").isMissingNode(), "the BASELINE's summary line has no knn either");
    JsonNode s = ok(distance(sample("no-stored-yardstick", "300", "--row_seed", "24", "--new_cluster_share", "1"), "dist-15"));
    assertTrue(s.at("/novelty/novel_share").asDouble() > 0.9, s.at("/novelty").toString());
  }

  private static String sample(String name, String n, String... extra) throws Exception {
    String path = dir.resolve(name).toString();
    List<String> args = new ArrayList<>(List.of("sample-data", "--output_path", path, "--n", n, "--dim", "16", "--clusters", "4",
        "--separation", "2", "--noise", "0.5", "--files", "2", "--format", "jsonl"));
    args.addAll(List.of(extra));
    assertEquals(0, Cli.run(args.toArray(new String[0])).exitCode());
    return path;
  }

  private static Cli.Result distance(String prompts, String table, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("distance", "--prompt_path", prompts, "--reference_series", "ref",
        "--distance_path", dir.resolve("out-" + table).toString(), "--out_table", table));
    args.addAll(List.of(DRIFT_TABLES));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(new String[0]));
  }

  private static JsonNode ok(Cli.Result run) {
    assertEquals(0, run.exitCode());
    return run.summary();
  }

  @Test
  void promptsLikeTheReferenceAreOutliersAtAboutTheConfiguredRate() throws Exception {
    JsonNode s = ok(distance(sample("like-reference", "4000", "--row_seed", "9"), "dist-1"));
    assertEquals(4000, s.at("/distances/overall/count").asLong());
    // The rule is the reference clusters' own p99 (each from ~750 points): about 1 % of similar prompts exceed it.
    double share = s.at("/coverage/outlier_share").asDouble();
    assertTrue(share > 0.002 && share < 0.025, "outlier share " + share);
    for (JsonNode c : s.at("/coverage/by_cluster")) {
      assertEquals(c.get("reference_share").asDouble(), c.get("prompt_share").asDouble(), 0.04);
    }
  }

  @Test
  void theOutlierRuleComesFromTheConfigLaidOverTheBuiltInOne() throws Exception {
    Path config = dir.resolve("p90.yaml");
    Files.writeString(config, "quantile: p90\n");
    JsonNode s = ok(distance(sample("p90", "3000", "--row_seed", "19"), "dist-11", "--outlier_config", config.toString()));
    // Beyond each cluster's reference p90 (margin 1.0 kept from the built-in file): about 10 % of similar prompts.
    assertEquals(0.10, s.at("/coverage/outlier_share").asDouble(), 0.03);
    assertTrue(s.at("/coverage/outlier_rule").asText().contains("1.0 x the reference cluster's p90"), s.at("/coverage/outlier_rule").asText());
  }

  @Test
  void promptsFromARegionTheReferenceDoesNotCoverAreMostlyOutliers() throws Exception {
    JsonNode s = ok(distance(sample("uncovered", "1000", "--row_seed", "10", "--new_cluster_share", "1"), "dist-2"));
    assertTrue(s.at("/coverage/outlier_share").asDouble() > 0.95, s.at("/coverage").toString());
    List<Row> outliers = SparkTest.spark().read().parquet(dir.resolve("out-dist-2/outliers").toString()).collectAsList();
    assertEquals(s.at("/coverage/outliers").asLong(), outliers.size());
    String text = outliers.get(0).getString(outliers.get(0).fieldIndex("text"));
    assertTrue(text.contains("the new topic"), "the outliers carry their prompt's text: " + text);
  }

  @Test
  void statisticsAreExactAgainstTheWrittenDistances() throws Exception {
    JsonNode s = ok(distance(sample("exact", "2500", "--row_seed", "11"), "dist-3"));
    Map<Integer, List<Double>> byCluster = new HashMap<>();
    List<Double> all = new ArrayList<>();
    for (Row r : SparkTest.spark().read().parquet(dir.resolve("out-dist-3/prompts").toString()).collectAsList()) {
      double d = r.getDouble(r.fieldIndex("euclidean_distance"));
      byCluster.computeIfAbsent(r.getInt(r.fieldIndex("cluster")), c -> new ArrayList<>()).add(d);
      all.add(d);
    }
    assertExact(all, s.at("/distances/overall"));
    for (JsonNode c : s.at("/distances/by_cluster")) {
      assertExact(byCluster.get(c.get("cluster").asInt()), c);
    }
  }

  /** NumPy's default percentile (linear interpolation), mean and sample standard deviation, computed the plain way. */
  private static void assertExact(List<Double> values, JsonNode stats) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    assertEquals(n, stats.get("count").asLong());
    double mean = java.util.Arrays.stream(sorted).sum() / n;
    double variance = java.util.Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).sum() / (n - 1);
    assertEquals(mean, stats.get("mean").asDouble(), 1e-9);
    assertEquals(Math.sqrt(variance), stats.get("stddev").asDouble(), 1e-9);
    assertEquals(sorted[0], stats.get("min").asDouble(), 0);
    assertEquals(sorted[n - 1], stats.get("max").asDouble(), 0);
    String[] names = {"p50", "p90", "p95", "p99"};
    double[] p = {0.5, 0.9, 0.95, 0.99};
    for (int q = 0; q < p.length; q++) {
      double h = (n - 1) * p[q];
      int lo = (int) Math.floor(h);
      double expected = sorted[lo] + (h - lo) * (sorted[(int) Math.ceil(h)] - sorted[lo]);
      assertEquals(expected, stats.get(names[q]).asDouble(), 1e-12, names[q]);
    }
  }

  @Test
  void aPartitionedSearchGivesEveryPromptTheBroadcastSearchsKnnDistance() throws Exception {
    String prompts = sample("knn-modes", "1500", "--row_seed", "21", "--new_cluster_share", "0.2");
    JsonNode broadcast = ok(distance(prompts, "dist-knn-b"));
    // A budget of 0 MB sends every reference partition to every prompt block instead (how a 10M x 384 reference is searched).
    JsonNode partitioned = ok(distance(prompts, "dist-knn-p", "--knn_broadcast_mb", "0"));
    assertEquals("broadcast", broadcast.at("/novelty/search").asText());
    assertEquals("partitioned", partitioned.at("/novelty/search").asText());
    Map<String, Double> byId = new HashMap<>();
    for (Row r : SparkTest.spark().read().parquet(dir.resolve("out-dist-knn-b/prompts").toString()).collectAsList()) {
      byId.put(r.getString(r.fieldIndex("id")), r.getDouble(r.fieldIndex("knn_distance")));
    }
    List<Row> rows = SparkTest.spark().read().parquet(dir.resolve("out-dist-knn-p/prompts").toString()).collectAsList();
    assertEquals(1500, rows.size());
    for (Row r : rows) {
      // The same exact distance, however the reference was split: identical to the last bit.
      assertEquals(byId.get(r.getString(r.fieldIndex("id"))), r.getDouble(r.fieldIndex("knn_distance")), 0.0);
    }
    assertEquals(broadcast.at("/novelty/novel").asLong(), partitioned.at("/novelty/novel").asLong());
    // A fifth of the prompts come from a region the reference lacks: they are the novel ones, and about
    // 5 % of the others (the reference's own p95).
    double share = broadcast.at("/novelty/novel_share").asDouble();
    assertTrue(share > 0.2 && share < 0.27, "novel share " + share);
  }

  @Test
  void theSeedSchemaWritesExactlyTheSamplesDistanceItem() throws Exception {
    JsonNode s = ok(distance(sample("seed", "500", "--row_seed", "12"), "dist-4-seed", "--schema", "seed", "--run_id", "1689611647"));
    DynamoDbClient dynamo = LocalServices.dynamoDbClient();
    Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName("dist-4-seed")
        .key(Map.of("jobtype", AttributeValue.fromS("DISTANCE"), "jobdate", AttributeValue.fromN("1689611647")))).item();
    assertEquals(java.util.Set.of("jobtype", "jobdate", "mean", "median", "stdev"), item.keySet());
    assertEquals(s.at("/distances/overall/p50").asDouble(), Double.parseDouble(item.get("median").n()), 1e-12);
    assertEquals(s.at("/distances/overall/stddev").asDouble(), Double.parseDouble(item.get("stdev").n()), 1e-12);
  }

  @Test
  void aLaterRunShowsTheTrendAgainstTheEarlierOne() throws Exception {
    String covered = sample("trend-1", "800", "--row_seed", "13");
    ok(distance(covered, "dist-5", "--run_id", "2000"));
    JsonNode later = ok(distance(sample("trend-2", "800", "--row_seed", "14", "--new_cluster_share", "0.5"), "dist-5", "--run_id", "3000"));
    assertEquals("2000", later.at("/trend/previous_runs/0/run_id").asText());
    assertTrue(later.at("/trend/change_since_previous/outlier_share").asDouble() > 0.4, later.at("/trend").toString());
  }

  @Test
  void aRerunWithTheSameRunIdRewritesTheSameItem() throws Exception {
    String prompts = sample("rerun", "300", "--row_seed", "18");
    JsonNode first = ok(distance(prompts, "dist-10", "--run_id", "nightly-3"));
    Thread.sleep(1100); // a later wall-clock second: the rerun must keep the first run's time
    JsonNode second = ok(distance(prompts, "dist-10", "--run_id", "nightly-3"));
    assertEquals(first.get("run_ts").asLong(), second.get("run_ts").asLong());
    assertEquals(first.at("/distances/overall"), second.at("/distances/overall"));
    assertEquals(1, LocalServices.dynamoDbClient().scan(r -> r.tableName("dist-10")).count(), "one item, rewritten");
    assertEquals(0, second.at("/trend/previous_runs").size(), "a rerun is not its own history");
  }

  @Test
  void promptsOfAnotherDimensionAreQuarantinedAndTheRestMeasured() throws Exception {
    Path prompts = dir.resolve("mixed");
    Files.createDirectories(prompts);
    Files.copy(Path.of(sample("mixed-good", "300", "--row_seed", "15"), "part-00000.jsonl"), prompts.resolve("good.jsonl"));
    Files.writeString(prompts.resolve("bad.jsonl"), "{\"id\": \"short\", \"embedding\": [1.0, 2.0]}\n{\"id\": \"broken\", \"embedding\": [1,\n");
    JsonNode s = ok(distance(prompts.toString(), "dist-6", "--quarantine_path", dir.resolve("q6").toString()));
    assertEquals(150, s.at("/distances/overall/count").asLong());
    assertEquals(1, s.at("/input/quarantined_by_reason/dimension_mismatch").asLong());
    assertEquals(1, s.at("/input/quarantined_by_reason/unparseable").asLong());
  }

  @Test
  void withoutAReferenceBaselineTheJobFailsAndSaysWhatToDo() throws Exception {
    Cli.Result run = Cli.run("distance", "--prompt_path", reference, "--reference_series", "nothing-here",
        "--distance_path", dir.resolve("out-d7").toString(), "--out_table", "dist-7", "--drift_table", "dist-7-drift", "--centroid_table", "dist-7-centroids");
    assertEquals(1, run.exitCode());
    assertTrue(run.summary().get("error").asText().contains("--fit_baseline"), run.summary().get("error").asText());
  }

  @Test
  void fitBaselineFitsTheReferenceFirstWhenItHasNone() throws Exception {
    JsonNode s = ok(Cli.run("distance", "--prompt_path", sample("fit", "600", "--row_seed", "16"), "--reference_series", "fitted",
        "--fit_baseline", "--data_path", reference, "--distance_path", dir.resolve("out-d8").toString(), "--out_table", "dist-8",
        "--drift_table", "dist-8-drift", "--centroid_table", "dist-8-centroids"));
    assertEquals(10, s.at("/reference/k").asInt(), "a fitted BASELINE uses the drift job's defaults");
    assertEquals(600, s.at("/distances/overall/count").asLong());
  }

  @Test
  void aBaselineThatCannotBeFittedFailsTheRunWithTheDriftAnalysisReason() throws Exception {
    Path unusable = Files.createDirectories(dir.resolve("unusable-reference"));
    Files.writeString(unusable.resolve("part-0.jsonl"), "{\"id\": \"a\", \"embedding\": [1.0, \"x\"]}\nnot json\n");
    Cli.Result run = Cli.run("distance", "--prompt_path", sample("unfitted", "100", "--row_seed", "18"), "--reference_series", "unfittable",
        "--fit_baseline", "--data_path", unusable.toString(), "--distance_path", dir.resolve("out-d10").toString(), "--out_table", "dist-10",
        "--drift_table", "dist-10-drift", "--centroid_table", "dist-10-centroids");
    assertEquals(1, run.exitCode());
    String error = run.summary().get("error").asText();
    assertTrue(error.startsWith("IllegalArgumentException: no usable input: 0 valid vectors of 2 records"), error);
  }

  @Test
  void cosineDistancesAreMeasuredAgainstTheReferencesCosineQuantiles() throws Exception {
    JsonNode s = ok(distance(sample("cosine", "2000", "--row_seed", "17"), "dist-9", "--metric", "cosine"));
    assertEquals("cosine", s.get("metric").asText());
    double share = s.at("/coverage/outlier_share").asDouble();
    assertTrue(share > 0.002 && share < 0.03, "outlier share " + share);
    assertTrue(s.at("/distances/overall/max").asDouble() <= 2);
  }
}
