package llmops.udfs.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.IntStream;
import llmops.udfs.drift.CalibratedVerdict.Level;
import llmops.udfs.stats.EmpiricalNull;
import llmops.udfs.stats.HistoryBand;
import org.junit.jupiter.api.Test;

class CalibratedVerdictTest {
  /** 199 null values 1..199: a value above all of them has p = 1/200 = 0.005, one above 190 of them 10/200 = 0.05. */
  private static final EmpiricalNull NULL = EmpiricalNull.of(IntStream.rangeClosed(1, 199).mapToDouble(i -> i).toArray());
  private static final CalibratedVerdict.Thresholds THRESHOLDS = new CalibratedVerdict.Thresholds(0.05, 0.01, Level.WARNING);

  @Test
  void oneExtremeStatisticAloneIsDriftWhenItsAdjustedPValueIsSmallEnough() {
    // p = 0.005 and 1; BH over two: 0.005 * 2 = 0.01 <= drift_fdr 0.01.
    CalibratedVerdict.Result r = CalibratedVerdict.decide(Map.of(Statistic.PSI, 500.0, Statistic.JS_DISTANCE, 0.0),
        Map.of(Statistic.PSI, NULL, Statistic.JS_DISTANCE, NULL), Map.of(), THRESHOLDS);
    assertEquals(Level.DRIFT, r.level());
    assertEquals(0.01, r.assessments().get(0).adjustedPValue(), 1e-15);
    assertEquals(Level.OK, r.assessments().get(1).level());
  }

  @Test
  void theSameValueAmongMoreStatisticsIsOnlyAWarning() {
    // p = 0.005 among four: adjusted 0.02, above drift_fdr 0.01 but within warning_fdr 0.05.
    CalibratedVerdict.Result r = CalibratedVerdict.decide(
        Map.of(Statistic.PSI, 500.0, Statistic.JS_DISTANCE, 0.0, Statistic.OUTSIDE_SHARE_EXCESS, 0.0, Statistic.NEW_REGION_SHARE, 0.0),
        Map.of(Statistic.PSI, NULL, Statistic.JS_DISTANCE, NULL, Statistic.OUTSIDE_SHARE_EXCESS, NULL, Statistic.NEW_REGION_SHARE, NULL),
        Map.of(), THRESHOLDS);
    assertEquals(Level.WARNING, r.level());
    assertEquals(0.02, r.assessments().get(0).adjustedPValue(), 1e-15);
  }

  @Test
  void valuesTheNullOftenReachesAreOk() {
    CalibratedVerdict.Result r = CalibratedVerdict.decide(Map.of(Statistic.PSI, 150.0), Map.of(Statistic.PSI, NULL), Map.of(), THRESHOLDS);
    assertEquals(Level.OK, r.level());
    assertEquals(51.0 / 200, r.assessments().get(0).pValue(), 1e-15);
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
