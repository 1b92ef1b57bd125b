package llmops.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import llmops.testing.Cli;
import llmops.testing.LocalServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * drift --window: one input of three days judged as one SNAPSHOT per day against the same BASELINE
 * (the data of {@link DriftVerdictTest}: 4 Gaussian clusters in 16 dimensions). Day one is a fresh
 * draw of the baseline's distribution, day two has a fifth of its points from a new cluster, day
 * three has 50 points. Each day's times are written in another of the accepted forms.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriftWindowsTest {
  private static final String[] TABLES = {"--out_table", "window-runs", "--centroid_table", "window-centroids"};
  /** 2026-12-01T00:00:00Z in epoch seconds. */
  private static final long DECEMBER_FIRST = 1_796_083_200L;
  private static final long DAY = 86_400;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Static: JUnit injects instance @TempDir fields only after @BeforeAll. */
  @TempDir
  static Path dir;
  private String input;
  private JsonNode summary;

  @BeforeAll
  void judgeThreeDays() throws Exception {
    assertEquals(0, drift("BASELINE", JsonlSamples.sample(dir, "baseline", 2000, "--row_seed", "1").toString(), "--run_id", "1000").exitCode());
    List<String> lines = new ArrayList<>();
    // Spread over each day's hours, so every record must be put in its window by its own time.
    lines.addAll(timed(JsonlSamples.sample(dir, "same", 2000, "--row_seed", "2"),
        i -> NODES.textNode(String.format("2026-12-01T%02d:%02d:00Z", i % 24, i % 60))));
    lines.addAll(timed(JsonlSamples.sample(dir, "new-topic", 2000, "--row_seed", "12", "--new_cluster_share", "0.2"),
        i -> NODES.numberNode(DECEMBER_FIRST + DAY + i * 40L)));
    lines.addAll(timed(JsonlSamples.sample(dir, "few", 50, "--row_seed", "4"),
        i -> NODES.numberNode((DECEMBER_FIRST + 2 * DAY + i) * 1000)));
    JsonNode embedding = JsonlSamples.embeddingOf(lines.get(0));
    lines.add(JsonlSamples.record("bad-time", embedding, "ts", "yesterday"));
    lines.add(JsonlSamples.record("no-time", embedding, null, null));
    Path data = Files.createDirectories(dir.resolve("days"));
    Files.write(data.resolve("part-0.jsonl"), lines);
    input = data.toString();
    Cli.Result run = windows();
    assertEquals(0, run.exitCode());
    summary = run.summary();
  }

  private Cli.Result windows(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--time_field", "ts", "--window", "1d", "--run_id", "daily"));
    args.addAll(List.of(extra));
    return drift("SNAPSHOT", input, args.toArray(new String[0]));
  }

  @Test
  void eachDayIsASnapshotOfItsOwnNamedByItsStart() {
    JsonNode windows = summary.get("windows");
    assertEquals(3, windows.size(), windows.toString());
    assertEquals("daily-2026-12-01T00", windows.get(0).get("run_id").asText());
    assertEquals("daily-2026-12-02T00", windows.get(1).get("run_id").asText());
    assertEquals("2026-12-02T00", windows.get(1).at("/window/start").asText());
    assertEquals(DECEMBER_FIRST + DAY, windows.get(1).at("/window/start_ts").asLong());
    assertEquals(2000, windows.get(0).at("/input/valid").asLong());
    assertEquals(2000, windows.get(1).at("/input/valid").asLong());
    assertEquals("1000", windows.get(1).at("/comparison/baseline/run_id").asText(), "every window against the same BASELINE");
  }

  @Test
  void onlyTheShiftedDayDrifts() {
    JsonNode windows = summary.get("windows");
    assertFalse(windows.get(0).at("/verdict/drift").asBoolean(), windows.get(0).at("/verdict").toString());
    assertFalse(windows.get(0).at("/verdict/level").asText().equals("drift"), windows.get(0).at("/verdict/calibrated").toString());
    assertTrue(windows.get(1).at("/verdict/drift").asBoolean(), windows.get(1).at("/verdict").toString());
    assertEquals("drift", windows.get(1).at("/verdict/level").asText());
  }

  @Test
  void aWindowBelowTheMinimumSizeIsReportedNotJudged() {
    JsonNode few = summary.get("windows").get(2);
    assertFalse(few.get("judged").asBoolean());
    assertEquals(50, few.get("vectors").asLong());
    assertEquals("daily-2026-12-03T00", few.get("run_id").asText());
    assertEquals("50 valid vectors, fewer than --min_window_size 200", few.get("reason").asText());
    assertTrue(few.at("/verdict").isMissingNode());
  }

  @Test
  void recordsWithoutAReadableTimeAreQuarantinedWithTheirReason() {
    assertEquals(1, summary.at("/input/quarantined_by_reason/unreadable_time").asLong(), summary.get("input").toString());
    assertEquals(1, summary.at("/input/quarantined_by_reason/missing_field").asLong());
    assertEquals(4050, summary.at("/input/valid").asLong());
  }

  @Test
  void aRerunRewritesTheSameItems() throws Exception {
    Cli.Result again = windows("--fail_on_drift");
    assertEquals(DriftJob.DRIFT_EXIT_CODE, again.exitCode(), "day two drifted");
    List<Map<String, AttributeValue>> items = snapshotItems();
    assertEquals(List.of("SNAPSHOT#daily-2026-12-01T00", "SNAPSHOT#daily-2026-12-02T00"),
        items.stream().map(i -> i.get("run").s()).sorted().toList(), "one item per judged window, rewritten");
    for (Map<String, AttributeValue> item : items) {
      // A window's time is its start, whenever it ran: the series' history keeps the windows in order.
      assertEquals(item.get("window").m().get("start_ts").n(), item.get("run_ts").n());
    }
    assertEquals(summary.at("/windows/1/comparison/proportions/psi").asDouble(),
        again.summary().at("/windows/1/comparison/proportions/psi").asDouble(), 0);
  }

  @Test
  void aLateWindowIsJudgedAgainAloneInItsPlace() throws Exception {
    // Day one's records again with 300 that arrived late: only day one's item is rewritten.
    List<String> late = new ArrayList<>(Files.readAllLines(Path.of(input, "part-0.jsonl")).subList(0, 2000));
    late.addAll(timed(JsonlSamples.sample(dir, "late", 300, "--row_seed", "5"), i -> NODES.textNode("2026-12-01T23:59:59")));
    Path lateInput = Files.createDirectories(dir.resolve("late-day-one"));
    Files.write(lateInput.resolve("part-0.jsonl"), late);
    Cli.Result rerun = drift("SNAPSHOT", lateInput.toString(), "--time_field", "ts", "--window", "1d", "--run_id", "daily");
    assertEquals(0, rerun.exitCode());
    assertEquals(1, rerun.summary().get("windows").size());
    assertEquals(2300, rerun.summary().at("/windows/0/input/valid").asLong());
    Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
    snapshotItems().forEach(i -> items.put(i.get("run").s(), i));
    assertEquals(List.of("SNAPSHOT#daily-2026-12-01T00", "SNAPSHOT#daily-2026-12-02T00"), List.copyOf(items.keySet()));
    assertEquals("2300", items.get("SNAPSHOT#daily-2026-12-01T00").get("input").m().get("valid").n());
    assertEquals(Long.toString(DECEMBER_FIRST + DAY), items.get("SNAPSHOT#daily-2026-12-02T00").get("run_ts").n(), "day two stays in its place");
  }

  @Test
  void aWindowJudgedAfterAnotherIsJudgedAsIfAlone() throws Exception {
    // Day two judged alone: the job then reads the BASELINE's sample and resamples its null for day two itself,
    // where the three-day job held both from day one. Both days are 2000 vectors: the same pseudo-snapshot size.
    List<String> dayTwo = Files.readAllLines(Path.of(input, "part-0.jsonl")).subList(2000, 4000);
    Path alone = Files.createDirectories(dir.resolve("day-two-alone"));
    Files.write(alone.resolve("part-0.jsonl"), dayTwo);
    Cli.Result run = drift("SNAPSHOT", alone.toString(), "--time_field", "ts", "--window", "1d", "--run_id", "daily");
    assertEquals(0, run.exitCode());
    JsonNode judgedAlone = run.summary().at("/windows/0");
    JsonNode judgedSecond = summary.at("/windows/1");
    assertEquals(judgedSecond.at("/window/start").asText(), judgedAlone.at("/window/start").asText());
    assertEquals(judgedSecond.at("/comparison"), judgedAlone.at("/comparison"));
    assertEquals(judgedSecond.at("/verdict"), judgedAlone.at("/verdict"), "statistics, null quantiles, p-values and levels alike");
  }

  private static List<Map<String, AttributeValue>> snapshotItems() throws Exception {
    return LocalServices.dynamoDbClient().scan(r -> r.tableName("window-runs")).items().stream()
        .filter(i -> i.get("run").s().startsWith("SNAPSHOT#")).toList();
  }

  @Test
  void aWindowNeedsItsTimeField() throws Exception {
    assertEquals(2, drift("SNAPSHOT", input, "--window", "1d").exitCode());
    assertEquals(2, drift("SNAPSHOT", input, "--time_field", "ts", "--window", "1w").exitCode());
  }

  /** The sample's records, the i-th with the time {@code time(i)} in its "ts" field. */
  private static List<String> timed(Path sample, IntFunction<JsonNode> time) throws IOException {
    return JsonlSamples.withField(sample, "ts", time);
  }

  private static Cli.Result drift(String type, String data, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("drift", "--job_type", type, "--series", "daily", "--data_path", data, "--k", "4"));
    args.addAll(List.of(TABLES));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(new String[0]));
  }
}
