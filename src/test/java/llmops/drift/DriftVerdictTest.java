package llmops.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import llmops.testing.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * SNAPSHOT runs compared with a BASELINE, end to end through DynamoDB Local, on data with a known
 * answer: 4 Gaussian clusters in 16 dimensions (centres' coordinates N(0, 2^2), points N(centre, 0.5^2)),
 * 2,000 points a run, drifted in one known way at a time. The same specification holds under
 * both engines ({@link Verdicts}, one nested class per engine, each with its own tables).
 */
class DriftVerdictTest {
  @TempDir
  static Path root;

  @Nested
  class Native extends Verdicts {
    Native() {
      super("native");
    }

    @Override
    boolean findsTheSameClustersInEveryResample() {
      return true;
    }

    @Test
    void theSameDataUnderOtherClusterLabelsShowsNoCentroidShift() throws Exception {
      // Another K-Means seed numbers the same clusters differently; matching by index would see every centre move.
      // (Native only: the native engine converges to the same centres to 1e-6; MLlib's tolerance of 1e-4 stops it earlier.)
      JsonNode s = snapshot(dir.resolve("baseline").toString(), "--seed", "5");
      assertTrue(s.at("/comparison/centroids/max_relative_shift").asDouble() < 1e-6, s.at("/comparison/centroids").toString());
      assertEquals(0, s.at("/comparison/proportions/psi").asDouble(), 1e-12);
      assertFalse(s.at("/verdict/drift").asBoolean());
    }

    @Test
    void aStatisticBeyondItsSeriesHistoryBandIsFlagged() throws Exception {
      // A short history (2 runs) so that the test needs only two accepted SNAPSHOTs before the one judged by it.
      String config = Files.writeString(dir.resolve("short-history.yaml"), "history: { runs: 2, min_runs: 2 }\n").toString();
      assertEquals(0, drift("BASELINE", "history", dir.resolve("baseline").toString(), "--run_id", "2000").exitCode());
      for (int run = 1; run <= 2; run++) {
        Cli.Result accepted = drift("SNAPSHOT", "history", sample("history-" + run, "--row_seed", Integer.toString(20 + run)),
            "--run_id", Integer.toString(2000 + run), "--verdict_config", config);
        assertEquals("ok", accepted.summary().at("/verdict/level").asText(), accepted.summary().at("/verdict").toString());
      }
      String reweighted = sample("history-reweighted", "--row_seed", "23", "--cluster_weights", "4,1,1,1");
      Cli.Result judged = drift("SNAPSHOT", "history", reweighted, "--run_id", "2003", "--verdict_config", config);
      JsonNode psi = Verdicts.calibrated(judged.summary(), "psi");
      assertEquals(2, psi.at("/history/runs").asInt(), psi.toString());
      assertTrue(psi.at("/history/beyond").asBoolean(), "PSI 0.45 against two runs near 0.005: " + psi);
      assertTrue(psi.get("value").asDouble() > psi.at("/history/upper").asDouble());
      assertTrue(judged.summary().at("/consecutive").isMissingNode(), "compared with the previous SNAPSHOT only when asked");

      // A rerun of the same id, now also against the previous SNAPSHOT: 2002, never itself; its own history excludes itself too.
      Cli.Result again = drift("SNAPSHOT", "history", reweighted, "--run_id", "2003", "--verdict_config", config, "--compare_previous");
      JsonNode consecutive = again.summary().get("consecutive");
      assertEquals("2002", consecutive.get("previous_run").asText());
      assertEquals("2002", consecutive.at("/comparison/baseline/run_id").asText());
      assertTrue(consecutive.at("/verdict/drift").asBoolean(), "the mix changed since the last run: " + consecutive.at("/verdict"));
      assertEquals(psi.at("/history/runs").asInt(), Verdicts.calibrated(again.summary(), "psi").at("/history/runs").asInt());
      assertEquals(judged.summary().at("/comparison/proportions/psi").asDouble(), again.summary().at("/comparison/proportions/psi").asDouble(),
          0, "the comparison with the BASELINE is the same");
    }
  }

  @Nested
  class Mllib extends Verdicts {
    Mllib() {
      super("mllib");
    }

    /**
     * MLlib's K-Means initialises once (k-means||) and stops after 20 iterations at most: on a
     * resample it can settle in another local optimum (row seed 4 here: two clusters merged, one
     * split), so its centres need not match the baseline's. The verdict must hold all the same.
     */
    @Override
    boolean findsTheSameClustersInEveryResample() {
      return false;
    }

    @Test
    void theRunsRecordTheirEngine() throws Exception {
      JsonNode s = snapshot(sample("resample-engine", "--row_seed", "9"));
      assertEquals("mllib", s.get("engine").asText());
      assertEquals("k-means||", s.at("/mllib/kmeans/init_mode").asText());
    }
  }
}

/** The verdict's specification for one engine: a BASELINE, then SNAPSHOTs compared with it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class Verdicts {
  private final String engine;
  private final String[] tables;
  /** This engine's data, under the outer class's temporary directory (JUnit injects instance @TempDir fields only after @BeforeAll). */
  Path dir;

  Verdicts(String engine) {
    this.engine = engine;
    this.tables = new String[] {"--out_table", "verdict-runs-" + engine, "--centroid_table", "verdict-centroids-" + engine};
  }

  /** Whether the engine's K-Means finds the baseline's clusters again in a fresh draw from the same distribution. */
  abstract boolean findsTheSameClustersInEveryResample();

  @BeforeAll
  void baseline() throws Exception {
    dir = java.nio.file.Files.createDirectories(DriftVerdictTest.root.resolve(engine));
    String data = sample("baseline", "--row_seed", "1");
    assertEquals(0, drift("BASELINE", "reference", data, "--run_id", "1000").exitCode());
  }

  /** Writes 2,000 vectors from the same 4 clusters (same centres), plus the given drift, and returns the path. */
  String sample(String name, String... drift) throws Exception {
    String path = dir.resolve(name).toString();
    List<String> args = new ArrayList<>(List.of("sample-data", "--output_path", path, "--n", "2000", "--dim", "16",
        "--clusters", "4", "--separation", "2", "--noise", "0.5", "--files", "2"));
    args.addAll(List.of(drift));
    assertEquals(0, Cli.run(args.toArray(new String[0])).exitCode());
    return path;
  }

  Cli.Result drift(String type, String series, String data, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("drift", "--engine", engine, "--job_type", type, "--series", series, "--data_path", data, "--k", "4"));
    args.addAll(List.of(tables));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(new String[0]));
  }

  JsonNode snapshot(String data, String... extra) throws Exception {
    Cli.Result run = drift("SNAPSHOT", "reference", data, extra);
    assertEquals(0, run.exitCode());
    return run.summary();
  }

  private static List<String> triggers(JsonNode summary) {
    List<String> out = new ArrayList<>();
    summary.at("/verdict/triggered_by").forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void resamplesOfTheBaselineDistributionAreNotDrift() throws Exception {
    // The false-positive check: three fresh draws from the baseline's distribution, none may be called drift.
    for (int rowSeed = 2; rowSeed <= 4; rowSeed++) {
      JsonNode s = snapshot(sample("resample-" + rowSeed, "--row_seed", Integer.toString(rowSeed)));
      assertFalse(s.at("/verdict/drift").asBoolean(), "resample " + rowSeed + " triggered " + triggers(s));
      assertTrue(s.at("/comparison/distribution/domain_classifier/roc_auc").asDouble() < 0.55);
      assertTrue(s.at("/comparison/proportions/psi").asDouble() < 0.02);
      if (findsTheSameClustersInEveryResample()) {
        assertTrue(s.at("/comparison/centroids/max_relative_shift").asDouble() < 0.1);
      }
      assertEquals(0, s.at("/comparison/centroids/new_region_share").asDouble(), 0);
      assertFalse(s.at("/verdict/level").asText().equals("drift"), "resample " + rowSeed + ": " + s.at("/verdict/calibrated"));
    }
  }

  /** A statistic's calibrated working in a summary. */
  static JsonNode calibrated(JsonNode summary, String statistic) {
    for (JsonNode n : summary.at("/verdict/calibrated/statistics")) {
      if (n.get("statistic").asText().equals(statistic)) {
        return n;
      }
    }
    throw new AssertionError("no calibrated " + statistic + " in " + summary.at("/verdict"));
  }

  @Test
  void theCalibratedVerdictStoresEachStatisticsNullBesideItsValue() throws Exception {
    JsonNode s = snapshot(sample("calibrated-new-topic", "--row_seed", "12", "--new_cluster_share", "0.2"));
    assertEquals("drift", s.at("/verdict/level").asText());
    JsonNode calibration = s.at("/verdict/calibrated");
    assertEquals(200, calibration.get("resamples").asInt());
    assertEquals(20, calibration.get("refit_resamples").asInt());
    // Half the baseline's 2,000-vector sample: the snapshot's 2,000 are more than a split can give.
    assertEquals(1000, calibration.get("resample_size").asInt());
    JsonNode outside = calibrated(s, "outside_share_excess");
    assertEquals(200, outside.get("null_size").asInt());
    // A fifth of the points are new; splits of the baseline put about as many outside on each side.
    assertTrue(outside.at("/null_quantiles/p99").asDouble() < 0.02, outside.toString());
    // Far beyond every null value: the null's tail puts its p-value at the floor, a hundredth of 1/201.
    assertEquals(0.01 / 201, outside.get("p_value").asDouble(), 1e-12, "far beyond every null value");
    assertEquals("drift", outside.get("level").asText());
    JsonNode auc = calibrated(s, "domain_classifier_auc");
    assertEquals(200, auc.get("null_size").asInt(), "its null: permutations of the classifier's test labels");
    assertEquals(0.5, auc.at("/null_quantiles/p50").asDouble(), 0.02);
    assertEquals(20, calibrated(s, "new_region_share").get("null_size").asInt());
  }

  @Test
  void theCalibratedLevelDecidesWhenConfiguredTo() throws Exception {
    Path config = Files.writeString(dir.resolve("calibrated-decides.yaml"), "calibration: { decides: true }\n");
    Cli.Result run = drift("SNAPSHOT", "reference", sample("calibrated-reweighted", "--row_seed", "13", "--cluster_weights", "4,1,1,1"),
        "--verdict_config", config.toString(), "--fail_on_drift");
    assertEquals(DriftJob.DRIFT_EXIT_CODE, run.exitCode());
    JsonNode s = run.summary();
    assertTrue(s.at("/verdict/calibrated/decides").asBoolean());
    assertTrue(triggers(s).contains("psi"), "drift at the calibrated level, by the statistics at it: " + triggers(s));
    assertTrue(s.at("/verdict/calibrated/statistics").size() >= 8);
  }

  @Test
  void aNewTopicIsANewRegionAndDrift() throws Exception {
    JsonNode s = snapshot(sample("new-topic", "--row_seed", "5", "--new_cluster_share", "0.2"));
    assertTrue(s.at("/verdict/drift").asBoolean());
    assertTrue(triggers(s).contains("outside_share_excess"), triggers(s).toString());
    // A fifth of the points come from a cluster 10+ radii from every baseline centre.
    assertEquals(0.2, s.at("/comparison/centroids/outside_share").asDouble(), 0.03);
  }

  @Test
  void aGlobalShiftIsDriftEvenWithTheSameShares() throws Exception {
    JsonNode s = snapshot(sample("shifted", "--row_seed", "6", "--shift", "0.4"));
    assertTrue(s.at("/verdict/drift").asBoolean());
    List<String> triggered = triggers(s);
    assertTrue(triggered.contains("domain_classifier_auc"), triggered.toString());
    // Every centre moved by 0.4 * sqrt(16) = 1.6, about 0.8 of a cluster radius (0.5 * sqrt(16) = 2): reported, not deciding.
    assertEquals(0.8, s.at("/comparison/centroids/max_relative_shift").asDouble(), 0.15);
    assertTrue(s.at("/comparison/proportions/psi").asDouble() < 0.02, "the shares did not change");
  }

  @Test
  void aChangeOfProportionsOnlyIsCaughtByThePsi() throws Exception {
    JsonNode s = snapshot(sample("reweighted", "--row_seed", "7", "--cluster_weights", "4,1,1,1"));
    assertTrue(s.at("/verdict/drift").asBoolean());
    assertTrue(triggers(s).contains("psi"), triggers(s).toString());
    // Shares 4/7, 1/7, 1/7, 1/7 against 1/4 each: PSI = (4/7 - 1/4) ln(16/7) + 3 (1/7 - 1/4) ln(4/7) = 0.4456.
    assertEquals(0.4456, s.at("/comparison/proportions/psi").asDouble(), 0.06);
    assertTrue(s.at("/comparison/centroids/max_relative_shift").asDouble() < 0.15, "the clusters themselves did not move");
    assertEquals(0, s.at("/comparison/centroids/new_region_share").asDouble(), 0);
  }

  @Test
  void failOnDriftExitsWithItsOwnCode() throws Exception {
    Cli.Result run = drift("SNAPSHOT", "reference", sample("shifted-again", "--row_seed", "8", "--shift", "0.4"), "--fail_on_drift");
    assertEquals(DriftJob.DRIFT_EXIT_CODE, run.exitCode());
    assertEquals("ok", run.summary().get("status").asText(), "the run itself succeeded and was stored");
  }

  @Test
  void aNamedBaselineThatDoesNotExistFailsBeforeAnyWork() throws Exception {
    Cli.Result run = drift("SNAPSHOT", "reference", dir.resolve("baseline").toString(), "--baseline_run", "999");
    assertEquals(1, run.exitCode());
    assertTrue(run.summary().get("error").asText().contains("no BASELINE run '999'"), run.summary().get("error").asText());
  }

  @Test
  void aSeriesWithoutABaselineGetsNoVerdictAndSaysWhy() throws Exception {
    Cli.Result run = drift("SNAPSHOT", "fresh", dir.resolve("baseline").toString());
    assertEquals(0, run.exitCode());
    assertTrue(run.summary().at("/verdict/drift").isNull());
    assertTrue(run.summary().at("/verdict/reason").asText().contains("no BASELINE"));
  }
}
