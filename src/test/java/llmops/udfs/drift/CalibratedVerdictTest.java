package llmops.udfs.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.IntStream;
import llmops.udfs.drift.CalibratedVerdict.Level;
import llmops.udfs.stats.EmpiricalNull;
import llmops.udfs.stats.HistoryBand;
import org.junit.jupiter.api.Test;

class CalibratedVerdictTest {
  /** 99 null values 1..99 (too few to extrapolate a tail): a value above all of them has p = 1/100 = 0.01. */
  private static final EmpiricalNull NULL = EmpiricalNull.of(IntStream.rangeClosed(1, 99).mapToDouble(i -> i).toArray());
  private static final CalibratedVerdict.Thresholds THRESHOLDS = new CalibratedVerdict.Thresholds(0.05, 0.02, Level.WARNING);

  @Test
  void oneExtremeStatisticAloneIsDriftWhenItsAdjustedPValueIsSmallEnough() {
    // p = 0.01 and 1; BH over two: 0.01 * 2 = 0.02 <= drift_fdr 0.02.
    CalibratedVerdict.Result r = CalibratedVerdict.decide(Map.of(Statistic.PSI, 500.0, Statistic.JS_DISTANCE, 0.0),
        Map.of(Statistic.PSI, NULL, Statistic.JS_DISTANCE, NULL), Map.of(), THRESHOLDS);
    assertEquals(Level.DRIFT, r.level());
    assertEquals(0.02, r.assessments().get(0).adjustedPValue(), 1e-15);
    assertEquals(Level.OK, r.assessments().get(1).level());
  }

  @Test
  void theSameValueAmongMoreStatisticsIsOnlyAWarning() {
    // p = 0.01 among four: adjusted 0.04, above drift_fdr 0.02 but within warning_fdr 0.05.
    CalibratedVerdict.Result r = CalibratedVerdict.decide(
        Map.of(Statistic.PSI, 500.0, Statistic.JS_DISTANCE, 0.0, Statistic.OUTSIDE_SHARE_EXCESS, 0.0, Statistic.NEW_REGION_SHARE, 0.0),
        Map.of(Statistic.PSI, NULL, Statistic.JS_DISTANCE, NULL, Statistic.OUTSIDE_SHARE_EXCESS, NULL, Statistic.NEW_REGION_SHARE, NULL),
        Map.of(), THRESHOLDS);
    assertEquals(Level.WARNING, r.level());
    assertEquals(0.04, r.assessments().get(0).adjustedPValue(), 1e-15);
  }

  @Test
  void farBeyondANullOfTwoHundredResamplesOneStatisticAmongNineIsDrift() {
    // Empirically p could not go below 1/201, and BH over nine would make that 0.045: never drift at 0.01. The null's
    // tail (here it ends at its largest value, 200) puts a value far beyond it at the floor, 1/201 / 100.
    EmpiricalNull resampled = EmpiricalNull.of(IntStream.rangeClosed(1, 200).mapToDouble(i -> i).toArray());
    Map<Statistic, Double> observed = new EnumMap<>(Statistic.class);
    Map<Statistic, EmpiricalNull> nulls = new EnumMap<>(Statistic.class);
    for (Statistic s : SelfComparison.RESAMPLED) {
      observed.put(s, 100.0);
      nulls.put(s, resampled);
    }
    for (Statistic s : SelfComparison.REFITTED) {
      observed.put(s, 100.0);
      nulls.put(s, resampled);
    }
    observed.put(Statistic.DOMAIN_CLASSIFIER_AUC, 300.0);
    nulls.put(Statistic.DOMAIN_CLASSIFIER_AUC, resampled);
    CalibratedVerdict.Result r = CalibratedVerdict.decide(observed, nulls, Map.of(), new CalibratedVerdict.Thresholds(0.05, 0.01, Level.WARNING));
    assertEquals(9, r.assessments().size());
    assertEquals(Level.DRIFT, r.level());
    assertEquals(9 * resampled.smallestPValue(), r.assessments().stream().mapToDouble(CalibratedVerdict.Assessment::adjustedPValue).min().orElseThrow(), 1e-15);
  }

  @Test
  void valuesTheNullOftenReachesAreOk() {
    CalibratedVerdict.Result r = CalibratedVerdict.decide(Map.of(Statistic.PSI, 50.0), Map.of(Statistic.PSI, NULL), Map.of(), THRESHOLDS);
    assertEquals(Level.OK, r.level());
    assertEquals(51.0 / 100, r.assessments().get(0).pValue(), 1e-15);
  }

  @Test
  void aValueOutsideItsSeriesHistoryIsRaisedToTheHistoryLevel() {
    HistoryBand band = HistoryBand.of(new double[] {0.01, 0.02, 0.03}, 3, 3); // mean 0.02, sd 0.01: band 0.02 ± 0.03
    CalibratedVerdict.Result r = CalibratedVerdict.decide(Map.of(Statistic.PSI, 60.0, Statistic.MEAN_COSINE_DISTANCE, 0.06),
        Map.of(Statistic.PSI, NULL), Map.of(Statistic.MEAN_COSINE_DISTANCE, band), THRESHOLDS);
    assertEquals(Level.WARNING, r.level());
    CalibratedVerdict.Assessment cosine = r.assessments().get(1);
    assertEquals(Statistic.MEAN_COSINE_DISTANCE, cosine.statistic());
    assertTrue(cosine.beyondBand());
    assertTrue(Double.isNaN(cosine.pValue()), "no null for it: judged by its history alone");
    assertNull(cosine.nullDistribution());
  }

  @Test
  void statisticsWithNeitherNullNorHistoryAreNotJudged() {
    CalibratedVerdict.Result r = CalibratedVerdict.decide(Map.of(Statistic.CHI_SQUARE_P_VALUE, 1e-9), Map.of(), Map.of(), THRESHOLDS);
    assertEquals(Level.OK, r.level());
    assertTrue(r.assessments().isEmpty());
  }
}
