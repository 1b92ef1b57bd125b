package llmops.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import llmops.testing.Cli;
import llmops.testing.LocalServices;
import llmops.testing.SparkTest;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/** The report CLI on the small demo's items ({@link DemoRun}): what the page says, checked against the known answers. */
class ReportJobTest {
  /** The HTML of one part (a series or dataset), from its section tag to the next. */
  private static String part(String id) throws Exception {
    String html = DemoRun.report().html();
    int start = html.indexOf("<section class=\"part\" id=\"" + id + "\">");
    assertTrue(start >= 0, "the page has part " + id);
    return html.substring(start, html.indexOf("</section>", start));
  }

  private static List<String> all(String regex, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void thePageHasASectionPerJobAndAPartPerSeriesAndDataset() throws Exception {
    String html = DemoRun.report().html();
    assertEquals(List.of("glance", "drift", "drift-reference", "distance", "distance-prompts", "evaluation", "eval-tiny_qa", "eval-unmeasured_qa"),
        all("<section(?: class=\"part\")? id=\"([^\"]+)\"", html));
    assertEquals("ok", DemoRun.report().summary().get("status").asText());
    assertEquals(DemoRun.report().page().toString(), DemoRun.report().summary().get("output").asText());
  }

  @Test
  void theVerdictIsDriftForTheSnapshotWithANewTopicAndNotForTheResample() throws Exception {
    String drift = part("drift-reference");
    assertTrue(drift.contains("data-run=\"1001\" data-verdict=\"no drift\""), "the resample");
    assertTrue(drift.contains("data-run=\"1002\" data-verdict=\"drift\""), "the snapshot with a new topic");
    assertTrue(drift.contains("Latest SNAPSHOT <b>1002</b>"), "the callout is about the latest SNAPSHOT");
    assertTrue(drift.contains("data-test=\"outside_share_excess\" data-fired=\"true\""), "the test that fired is shown");
    assertTrue(DemoRun.report().summary().at("/drift/reference/verdict").asBoolean());
  }

  @Test
  void theCalibratedVerdictShowsEachStatisticBesideItsNoDriftQuantiles() throws Exception {
    String drift = part("drift-reference");
    assertTrue(drift.contains("calibrated level " + "<span class=\"badge drift\">drift</span>"), "the callout names the level");
    int table = drift.indexOf("<table class=\"calibrated\"");
    assertTrue(table > 0, "the latest SNAPSHOT's calibrated table");
    String calibrated = drift.substring(table, drift.indexOf("</table>", table));
    assertTrue(calibrated.contains("<th>no-drift p50</th><th>p95</th><th>p99</th>"), calibrated);
    // The new topic's outside share (0.195) is far beyond all 200 null values, whose p99 is 0.013: the null's tail puts
    // its p-value at the floor, a hundredth of 1/201.
    assertTrue(calibrated.contains("data-statistic=\"outside_share_excess\" data-level=\"drift\""), calibrated);
    assertTrue(calibrated.contains("<td class=\"num\">0.1955</td><td class=\"num\">0.000500</td><td class=\"num\">0.0100</td><td class=\"num\">0.0130</td><td class=\"num\">4.98e-05</td>"), calibrated);
    // A splitting of the baseline's clusters never makes a new region: a null of zeros, and a value of zero is ok.
    assertTrue(calibrated.contains("data-statistic=\"new_region_share\" data-level=\"ok\""), calibrated);
  }

  @Test
  void theLeaderboardListsTheModelsBestFirst() throws Exception {
    String tiny = part("eval-tiny_qa");
    // factual knowledge: good 1.0, mid 0.5, bad 0.25
    int table = tiny.indexOf("data-algorithm=\"factual_knowledge\"");
    String leaderboard = tiny.substring(table, tiny.indexOf("</table>", table));
    assertEquals(List.of("good", "mid", "bad"), all("data-model=\"([^\"]+)\"", leaderboard));
    assertEquals(List.of("1", "2", "3"), all("data-model=\"[^\"]+\"><td class=\"num\">(\\d)</td>", leaderboard));
    assertEquals(List.of("1.0000", "0.5000", "0.2500"), all("data-model=\"[^\"]+\"><td class=\"num\">\\d</td><td>\\w+</td><td class=\"num\">([^<]+)</td>", leaderboard));
    assertEquals("good", DemoRun.report().summary().at("/evaluation/tiny_qa/factual_knowledge_leader").asText());
  }

  @Test
  void theCategoryBreakdownShowsEachModelsScorePerCategory() throws Exception {
    String tiny = part("eval-tiny_qa");
    int table = tiny.indexOf("class=\"categories\" data-algorithm=\"factual_knowledge\"");
    String categories = tiny.substring(table, tiny.indexOf("</table>", table));
    // columns good, mid, bad; books: 1, 0.5, 0; geo: 1, 0.5, 0.5
    assertTrue(categories.contains("<td>books</td><td class=\"num\">1.0000</td><td class=\"num\">0.5000</td><td class=\"num\">0.0000</td>"), categories);
    assertTrue(categories.contains("<td>geo</td><td class=\"num\">1.0000</td><td class=\"num\">0.5000</td><td class=\"num\">0.5000</td>"), categories);
  }

  @Test
  void latencyCostAndSelectionAreShownWhereMeasured() throws Exception {
    String tiny = part("eval-tiny_qa");
    assertTrue(tiny.contains("Selected model: <span class=\"badge chosen\">mid</span>"), "the chosen model");
    assertTrue(tiny.contains("<td>sagemaker</td><td class=\"num\">4</td><td class=\"num\">4</td><td class=\"num\">420.0</td>"
        + "<td class=\"num\">910.0</td><td class=\"num\">1300</td>"), "good's latency percentiles");
    assertTrue(tiny.contains("<td class=\"num\">0.0123</td>"), "good's cost");
    assertTrue(tiny.contains("not priced"), "mid ran with no price configured");
    assertTrue(tiny.contains("<tr data-model=\"bad\"><td>bad</td><td><span class=\"note\">not measured</span>"), "bad has no invocation");
    assertTrue(tiny.contains("Latency per request by model"), "the latency chart");
  }

  @Test
  void withoutMeasurementsTheReportSaysNotMeasuredAndShowsTheSelectionByQualityAlone() throws Exception {
    String unmeasured = part("eval-unmeasured_qa");
    assertTrue(unmeasured.contains("Latency and cost: not measured"), unmeasured);
    // The eval job ranks every run of several models; with nothing measured, by quality alone: good.
    assertTrue(unmeasured.contains("Selected model: " + Html.badge("chosen", "good")), unmeasured);
    assertFalse(unmeasured.contains("Latency per request by model"), "no latency chart without latencies");
  }

  /**
   * unmeasured_qa's runs were made by the eval job with its default statistics: four questions are
   * too few to tell good (1.0) from mid (0.5) or bad (0.25), and the page says so, with each pair's
   * comparison, the leaderboard's interval column and the charts' error bars.
   */
  @Test
  void intervalsAndTheSignificanceOfTheLeadAreShown() throws Exception {
    String unmeasured = part("eval-unmeasured_qa");
    assertTrue(unmeasured.contains("<th>factual_knowledge interval</th>"), "the leaderboard's interval column");
    assertTrue(unmeasured.contains("(error bars: bootstrap 95 % intervals)"), "the charts say what their error bars are");
    assertTrue(unmeasured.contains("<p class=\"verdict\" data-lead-significant=\"false\">good has the best mean factual_knowledge, but its "
        + "lead over bad, mid is within noise"), unmeasured);
    assertTrue(unmeasured.contains("The lead of good in quality is within noise of bad, mid; decided by quality_within_noise."), unmeasured);
    int table = unmeasured.indexOf("class=\"comparisons\"");
    assertTrue(table >= 0, "the pairs' comparisons");
    assertEquals(3, all("(<tr><td>)", unmeasured.substring(table, unmeasured.indexOf("</table>", table))).size(), "three pairs of three models");
  }

  @Test
  void theMostDistantPromptsAreTheNewTopicsFarthestFirstWithTheirText() throws Exception {
    String prompts = part("distance-prompts");
    int table = prompts.indexOf("class=\"distant\"");
    assertTrue(table >= 0, "the most distant prompts' table");
    String distant = prompts.substring(table, prompts.indexOf("</table>", table));
    List<String> texts = all("<span class=\"text\">([^<]*)</span>", distant);
    assertEquals(DistantPrompts.SHOWN, texts.size(), "run 2001 has about 60 outliers; the 20 farthest are shown");
    texts.forEach(t -> assertTrue(t.endsWith("about the new topic"), t));
    List<Double> distances = all("data-prompt=\"[^\"]+\"><td>[^<]+</td><td class=\"num\">\\d+</td><td class=\"num\">([^<]+)</td>", distant)
        .stream().map(Double::parseDouble).toList();
    assertEquals(DistantPrompts.SHOWN, distances.size());
    for (int i = 1; i < distances.size(); i++) {
      assertTrue(distances.get(i) <= distances.get(i - 1), "farthest first: " + distances);
    }
  }

  @Test
  void theDistancePartShowsTheLatestRunAndItsTrend() throws Exception {
    String prompts = part("distance-prompts");
    assertTrue(prompts.contains("Latest run <b>2001</b>"), "the callout is about the latest run");
    assertTrue(prompts.contains("alt=\"Prompt distances over runs, series &#39;prompts&#39;\""), "the trend chart");
    assertTrue(prompts.contains("alt=\"Prompt distances against the reference&#39;s own, per reference cluster\""), "the reference chart");
    double share = DemoRun.report().summary().at("/distance/prompts/outlier_share").asDouble();
    assertTrue(share > 0.08 && share < 0.14, "a tenth of run 2001 is new, plus about 1 % of the rest: " + share);
  }

  @Test
  void theDistancePartShowsTheKnnDistancesAgainstTheReferencesAndTheNovelPrompts() throws Exception {
    String prompts = part("distance-prompts");
    assertTrue(prompts.contains("alt=\"Distance to the 10-th nearest reference vector: prompts against the reference&#39;s own, run 2001\""),
        "the kNN distribution chart");
    assertTrue(prompts.contains("alt=\"Novel prompts per nearest reference cluster, run 2001\""), "novelty per cluster");
    assertTrue(prompts.contains("alt=\"Share of novel prompts over runs, series &#39;prompts&#39;\""), "the novelty trend");
    String novel = prompts.substring(prompts.indexOf("<table class=\"novel\">"));
    assertEquals(10, novel.substring(0, novel.indexOf("</table>")).split("data-prompt=").length - 1, "the ten most novel prompts");
    double share = DemoRun.report().summary().at("/distance/prompts/novel_share").asDouble();
    // A tenth of run 2001 is from a new topic, and about 5 % of the rest exceed the reference's own p95.
    assertTrue(share > 0.1 && share < 0.2, "novel share " + share);
  }

  @Test
  void everyChartIsAnEmbeddedPngAndNothingIsFetched() throws Exception {
    String html = DemoRun.report().html();
    List<String> sources = all("<img [^>]*src=\"([^\"]*)\"", html);
    assertEquals(DemoRun.report().summary().get("charts").asInt(), sources.size());
    assertTrue(sources.size() >= 15, sources.size() + " charts");
    for (String src : sources) {
      assertTrue(src.startsWith("data:image/png;base64,"), src.substring(0, Math.min(40, src.length())));
      BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1))));
      assertEquals(900, png.getWidth());
      assertEquals(380, png.getHeight());
    }
    assertEquals(sources.size(), all("<img alt=\"([^\"]+)\"", html).size(), "every chart has its title as alternative text");
    for (String external : List.of("http:", "https:", "<script", "<link", "url(", "@import")) {
      assertFalse(html.contains(external), "the page refers to nothing outside it: " + external);
    }
  }

  @Test
  void chartsNeedAnAxisUnit() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> new Charts.Axis("latency", " "));
    assertEquals("a chart axis needs a name and a unit", error.getMessage());
  }

  @Test
  void seriesAndDatasetsCanBeChosen() throws Exception {
    Cli.Result run = Cli.run("report", "--output_path", DemoRun.report().dir().resolve("chosen").toString(), "--tables", DemoRun.TABLES,
        "--datasets", "unmeasured_qa", "--distance_series", "prompts", "--series", "reference");
    assertEquals(0, run.exitCode());
    assertEquals(List.of("unmeasured_qa"), fieldNames(run.summary().get("evaluation")));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void aSeriesThatIsNotThereIsAnErrorNamingWhatIs() throws Exception {
    Cli.Result run = Cli.run("report", "--output_path", DemoRun.report().dir().resolve("missing").toString(), "--tables", DemoRun.TABLES,
        "--series", "nope");
    assertEquals(1, run.exitCode());
    assertEquals("IllegalArgumentException: no drift series 'nope' in report-drift-runs (found: reference)", run.summary().get("error").asText());
  }

  @Test
  void anUnknownTableRoleIsAnError() throws Exception {
    Cli.Result run = Cli.run("report", "--output_path", DemoRun.report().dir().resolve("bad").toString(), "--tables", "runs=x");
    assertEquals(1, run.exitCode());
    assertTrue(run.summary().get("error").asText().contains("unknown table 'runs' (known: drift, centroids, distance, eval)"));
  }

  @Test
  void tablesThatDoNotExistAreNotedNotFatal() throws Exception {
    Cli.Result run = Cli.run("report", "--output_path", DemoRun.report().dir().resolve("empty").toString(),
        "--tables", "drift=none-1,centroids=none-2,distance=none-3,eval=none-4");
    assertEquals(0, run.exitCode());
    String html = Files.readString(DemoRun.report().dir().resolve("empty/index.html"));
    assertTrue(html.contains("No drift runs: table none-1 does not exist."), html);
    assertEquals(0, run.summary().get("charts").asInt());
  }

  @Test
  void theReportIsWrittenToS3ThroughHadoop() throws Exception {
    System.setProperty("llmops.s3.endpoint", LocalServices.s3().toString());
    DemoRun.report();
    String target = "s3a://" + LocalServices.BUCKET + "/reports/latest";
    Cli.Result run = Cli.run("report", "--output_path", target, "--tables", DemoRun.TABLES);
    assertEquals(0, run.exitCode());
    assertEquals(target + "/index.html", run.summary().get("output").asText());
    Path page = new Path(target + "/index.html");
    try (FSDataInputStream in = page.getFileSystem(SparkTest.spark().sparkContext().hadoopConfiguration()).open(page)) {
      String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(html.contains("id=\"drift-reference\"") && html.endsWith("</html>\n"));
    }
  }
}
