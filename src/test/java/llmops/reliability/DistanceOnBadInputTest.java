package llmops.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import llmops.testing.Cli;
import llmops.testing.SparkTest;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The distance job over JSON Lines prompts (plain and gzip) with every kind of bad record among 166
 * good ones, plus a 50 MB line, against a BASELINE fitted on the corpus's good reference vectors;
 * compared with a run over the good prompts alone.
 */
class DistanceOnBadInputTest implements BadInputContract {
  private static final String[] TABLES = {"--drift_table", "bad-input-distance-drift", "--centroid_table", "bad-input-distance-centroids",
      "--out_table", "bad-input-distance-runs", "--reference_series", "bad-input-reference", "--baseline_run", "1"};
  private final BadInputRuns runs = new BadInputRuns();

  @Override
  public void prepare(Path dir) throws Exception {
    assertEquals(0, Cli.run("drift", "--job_type", "BASELINE", "--data_path", BadInputCorpus.good("embeddings-seed").toString(), "--k", "3",
        "--series", "bad-input-reference", "--run_id", "1", "--out_table", "bad-input-distance-drift",
        "--centroid_table", "bad-input-distance-centroids").exitCode());
  }

  @Override
  public String dataSet() {
    return "embeddings-jsonl";
  }

  @Override
  public void addTheHugeLine(Path mixedCopy) throws IOException {
    HugeLine.jsonVector(mixedCopy.resolve("zz-huge.jsonl"), "huge", "embedding");
  }

  @Override
  public Cli.Result run(String name, Path prompts, Path dir) throws Exception {
    List<String> args = new ArrayList<>(List.of("distance", "--prompt_path", prompts.toString(),
        "--distance_path", dir.resolve("distance-" + name).toString(), "--series", "bad-input-" + name, "--run_id", "1",
        "--quarantine_path", dir.resolve("quarantine-" + name).toString()));
    args.addAll(List.of(TABLES));
    return Cli.run(args.toArray(new String[0]));
  }

  @Override
  public BadInputRuns runs() {
    return runs;
  }

  @Test
  void everyValidPromptIsMeasured() {
    assertEquals(runs.manifest().get("good").asLong(), runs.mixed().summary().at("/distances/overall/count").asLong());
  }

  @Test
  void theGoodPromptsGetTheSameDistancesAsWithoutTheBadOnes() {
    Map<String, String> withBad = prompts("mixed");
    assertEquals(runs.manifest().get("good").asInt(), withBad.size());
    assertEquals(prompts("good"), withBad);
  }

  @Test
  void theStatisticsAndCoverageAreThoseOfTheGoodPromptsAlone() {
    assertEquals(runs.good().summary().get("distances"), runs.mixed().summary().get("distances"));
    assertEquals(runs.good().summary().get("coverage"), runs.mixed().summary().get("coverage"));
  }

  private Map<String, String> prompts(String name) {
    List<Row> rows = SparkTest.spark().read().parquet(runs.dir().resolve("distance-" + name + "/prompts").toString())
        .select("id", "cluster", "euclidean_distance", "cosine_distance", "outlier").collectAsList();
    return rows.stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.get(1) + " " + r.get(2) + " " + r.get(3) + " " + r.get(4)));
  }
}
