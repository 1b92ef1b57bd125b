package llmops.udfs.drift;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import llmops.udfs.drift.CalibratedVerdict.Level;
import llmops.udfs.stats.EmpiricalNull;
import llmops.udfs.vectors.GaussianClusters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How often the calibrated verdict says {@code drift}: at most at its configured rate when nothing
 * changed, and nearly always for a shift like the demo's. 4 Gaussian topics in 16 dimensions; a
 * BASELINE of 4000 vectors whose seeded sample of 2000 is resampled 200 times (20 with K-Means
 * refits) into the null, as a SNAPSHOT of 1000 vectors gets it; then 100 fresh SNAPSHOTs of each
 * kind measured against the whole BASELINE, with the default thresholds (drift at a
 * Benjamini-Hochberg-adjusted 0.01, warning at 0.05). The domain classifier's AUC is not part of
 * it: its null comes from label permutations, an exact test of its own (PermutedAucTest).
 */
class CalibratedVerdictReliabilityTest {
  private static final int DIM = 16;
  private static final int SAMPLE = 2000;
  private static final int SNAPSHOT = 1000;
  private static final CalibratedVerdict.Thresholds DEFAULTS = new CalibratedVerdict.Thresholds(0.05, 0.01, Level.WARNING);
  private static final SelfComparison.Refit REFIT = new SelfComparison.Refit(4, 100, 1e-4, 17);
  private static final GaussianClusters UNCHANGED = new GaussianClusters(DIM, 4, 3.0, 1.0, 5, 0, 0);
  /** The demo's kind of shift: 15 % of the questions on a new topic, and the mix of the old ones changed (2:1:1:1). */
  private static final GaussianClusters SHIFTED = new GaussianClusters(DIM, 4, 3.0, 1.0, 5, 0.15, 0, new double[] {2, 1, 1, 1});

  private static GeneratedBaseline baseline;
  private static Map<Statistic, EmpiricalNull> nulls;

  @BeforeAll
  static void calibrate() throws Exception {
    baseline = GeneratedBaseline.fit(UNCHANGED, 4000, 4, 3);
    // The job draws a content-keyed sample of the BASELINE; the rows are in random order, so the first 2000 are one.
    SelfComparison sample = new SelfComparison(baseline.model(), baseline.rows(), SAMPLE, DIM, SAMPLE);
    nulls = sample.nulls(SelfComparison.range(0, SAMPLE), SNAPSHOT, new SelfComparison.Resampling(200, 20, 2500, 23), REFIT);
  }

  @Test
  void withNothingChangedDriftFiresAtMostTwiceInAHundred() {
    int drift = count(UNCHANGED, Level.DRIFT, 1000);
    assertTrue(drift <= 2, drift + " of 100 unchanged snapshots called drift");
  }

  @Test
  void aNewTopicAndAChangedMixAreDriftAtLeast95TimesInAHundred() {
    int drift = count(SHIFTED, Level.DRIFT, 2000);
    assertTrue(drift >= 95, "only " + drift + " of 100 shifted snapshots called drift");
  }

  private static int count(GaussianClusters source, Level level, long seeds) {
    int n = baseline.n();
    int hits = 0;
    for (int draw = 0; draw < 100; draw++) {
      double[] snapshot = GeneratedBaseline.draw(source, SNAPSHOT, seeds + draw);
      SelfComparison pooled = new SelfComparison(baseline.model(), baseline.with(snapshot), n + SNAPSHOT, DIM, SAMPLE);
      Map<Statistic, Double> observed = pooled.measure(SelfComparison.range(0, n), SelfComparison.range(n, n + SNAPSHOT), REFIT);
      hits += CalibratedVerdict.decide(observed, nulls, Map.of(), DEFAULTS).level() == level ? 1 : 0;
    }
    return hits;
  }
}
