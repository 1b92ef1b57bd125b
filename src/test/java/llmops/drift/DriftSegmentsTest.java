package llmops.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import llmops.testing.Cli;
import llmops.testing.LocalServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * drift --segment_field: one SNAPSHOT of three tenants judged as a whole and tenant by tenant
 * against the series' BASELINE (the data of {@link DriftVerdictTest}). tenant-a is a fresh draw of
 * the baseline's distribution, tenant-b has a fifth of its points from a new cluster, tenant-c has 50.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriftSegmentsTest {
  private static final String RUNS = "segment-runs";
  private static final String CENTROIDS = "segment-centroids";

  /** Static: JUnit injects instance @TempDir fields only after @BeforeAll. */
  @TempDir
  static Path dir;
  private JsonNode summary;

  @BeforeAll
  void judgeThreeTenants() throws Exception {
    assertEquals(0, drift("BASELINE", JsonlSamples.sample(dir, "baseline", 2000, "--row_seed", "1").toString(), "--run_id", "1000").exitCode());
    List<String> lines = new ArrayList<>();
    lines.addAll(tagged(JsonlSamples.sample(dir, "a", 2000, "--row_seed", "2"), "tenant-a"));
    lines.addAll(tagged(JsonlSamples.sample(dir, "b", 2000, "--row_seed", "12", "--new_cluster_share", "0.2"), "tenant-b"));
    lines.addAll(tagged(JsonlSamples.sample(dir, "c", 50, "--row_seed", "4"), "tenant-c"));
    JsonNode embedding = JsonlSamples.embeddingOf(lines.get(0));
    lines.add(JsonlSamples.record("spaced", embedding, "tenant", "tenant d"));
    lines.add(JsonlSamples.record("untagged", embedding, null, null));
    Path data = Files.createDirectories(dir.resolve("tenants"));
    Files.write(data.resolve("part-0.jsonl"), lines);
    Cli.Result run = drift("SNAPSHOT", data.toString(), "--segment_field", "tenant", "--run_id", "s1");
    assertEquals(0, run.exitCode());
    summary = run.summary();
  }

  @Test
  void onlyTheShiftedTenantDriftsAndItComesFirst() {
    JsonNode segments = summary.get("segments");
    assertEquals(3, segments.size(), segments.toString());
    JsonNode b = segments.get(0);
    assertEquals("tenant-b", b.get("segment").asText());
    assertTrue(b.get("drift").asBoolean());
    assertEquals("drift", b.get("level").asText());
    JsonNode a = segments.get(1);
    assertEquals("tenant-a", a.get("segment").asText());
    assertFalse(a.get("drift").asBoolean(), a.toString());
    assertFalse(a.get("level").asText().equals("drift"));
    assertEquals(2000, a.get("vectors").asLong());
  }

  @Test
  void aSmallTenantIsReportedNotJudged() {
    JsonNode c = summary.get("segments").get(2);
    assertEquals("tenant-c", c.get("segment").asText());
    assertFalse(c.get("judged").asBoolean());
    assertEquals(50, c.get("vectors").asLong());
    assertEquals("50 valid vectors, fewer than --min_segment_size 200", c.get("reason").asText());
    assertTrue(c.at("/drift").isMissingNode());
  }

  @Test
  void theWholeIsJudgedAsWellOverEveryValidVector() {
    assertEquals(4050, summary.at("/input/valid").asLong());
    assertEquals("tenants", summary.get("series").asText());
    assertTrue(summary.at("/verdict/drift").isBoolean(), summary.at("/verdict").toString());
  }

  @Test
  void recordsWithoutAUsableSegmentAreQuarantined() {
    assertEquals(1, summary.at("/input/quarantined_by_reason/unusable_segment").asLong(), summary.get("input").toString());
    assertEquals(1, summary.at("/input/quarantined_by_reason/missing_field").asLong());
  }

  @Test
  void aSegmentsHistoryIsOnePartition() throws Exception {
    List<Map<String, AttributeValue>> items = LocalServices.dynamoDbClient().query(q -> q.tableName(RUNS)
        .keyConditionExpression("series = :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromS("tenants#tenant-b")))).items();
    assertEquals(List.of("SNAPSHOT#s1"), items.stream().map(i -> i.get("run").s()).toList());
    assertEquals("2000", items.get(0).get("input").m().get("valid").n());
    assertEquals("1000", items.get(0).get("comparison").m().get("baseline").m().get("run_id").s(), "the series' BASELINE");
  }

  @Test
  void theReportListsTheSegmentsMostSevereFirst() throws Exception {
    Path out = dir.resolve("report");
    Cli.Result report = Cli.run("report", "--output_path", out.toString(), "--series", "tenants", "--tables",
        "drift=" + RUNS + ",centroids=" + CENTROIDS);
    assertEquals(0, report.exitCode(), report.stdout());
    String html = Files.readString(out.resolve("index.html"));
    int b = html.indexOf("data-segment=\"tenant-b\"");
    int a = html.indexOf("data-segment=\"tenant-a\"");
    int c = html.indexOf("data-segment=\"tenant-c\"");
    assertTrue(b > 0 && b < a && a < c, "tenant-b, tenant-a, tenant-c in that order");
  }

  @Test
  void theReportShowsEachSegmentsHistoryOnlyWhenAskedFor() throws Exception {
    String tables = "drift=" + RUNS + ",centroids=" + CENTROIDS;
    Path whole = dir.resolve("report-default");
    assertEquals(0, Cli.run("report", "--output_path", whole.toString(), "--tables", tables).exitCode());
    String html = Files.readString(whole.resolve("index.html"));
    assertTrue(html.contains("id=\"drift-tenants\""), "the whole input's series");
    // A part's id is its kind and name, '#' made '_'.
    assertFalse(html.contains("id=\"drift-tenants_"), "no segment as a part of its own: they are in the whole's segment table");
    Path one = dir.resolve("report-segment");
    assertEquals(0, Cli.run("report", "--output_path", one.toString(), "--series", "tenants#tenant-b", "--tables", tables).exitCode());
    assertTrue(Files.readString(one.resolve("index.html")).contains("id=\"drift-tenants_tenant-b\""), "a segment named is shown");
  }

  @Test
  void aSeriesNameMayNotHoldTheSegmentSeparator() throws Exception {
    assertEquals(2, Cli.run("drift", "--job_type", "SNAPSHOT", "--series", "a#b", "--data_path", dir.toString()).exitCode());
  }

  private static List<String> tagged(Path sample, String tenant) throws IOException {
    return JsonlSamples.withField(sample, "tenant", i -> TextNode.valueOf(tenant));
  }

  private static Cli.Result drift(String type, String data, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("drift", "--job_type", type, "--series", "tenants", "--data_path", data, "--k", "4",
        "--out_table", RUNS, "--centroid_table", CENTROIDS));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(new String[0]));
  }
}
