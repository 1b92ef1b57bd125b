package llmops.drift;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import llmops.udfs.drift.CalibratedVerdict;
import llmops.udfs.drift.Statistic;
import llmops.udfs.stats.HistoryBand;

/**
 * What is normal for a series: from its stored runs, each statistic's band over the last accepted
 * SNAPSHOTs before this one. A SNAPSHOT is accepted when its calibrated level was not drift (or,
 * stored before levels, its verdict was not drift): a drifted run must not widen the band that
 * would catch the next one.
 */
final class DriftHistory {
  private DriftHistory() {}

  /**
   * @param runs the series' runs, oldest first
   * @param runId this run's id: a rerun does not count itself as its own history
   */
  static Map<Statistic, HistoryBand> bands(List<DriftRunRecord> runs, String runId, VerdictSettings.History history) {
    List<DriftRunRecord> accepted = new ArrayList<>();
    for (DriftRunRecord run : runs) {
      if (run.isSnapshot() && !run.runId().equals(runId) && accepted(run.verdict())) {
        accepted.add(run);
      }
    }
    List<DriftRunRecord> last = accepted.subList(Math.max(0, accepted.size() - history.runs()), accepted.size());
    Map<Statistic, HistoryBand> bands = new EnumMap<>(Statistic.class);
    for (Statistic statistic : Statistic.values()) {
      double[] values = last.stream().mapToDouble(run -> value(run.verdict(), statistic)).toArray();
      HistoryBand band = HistoryBand.of(values, history.k(), history.minRuns());
      if (band != null) {
        bands.put(statistic, band);
      }
    }
    return bands;
  }

  private static boolean accepted(DriftRunRecord.VerdictRecord verdict) {
    if (verdict == null || verdict.drift() == null) {
      return false;
    }
    return verdict.level() != null ? !CalibratedVerdict.Level.DRIFT.label().equals(verdict.level()) : !verdict.drift();
  }

  /** A run's value of a statistic, as its verdict's checks recorded it; NaN when it has none. */
  private static double value(DriftRunRecord.VerdictRecord verdict, Statistic statistic) {
    return verdict.checks() == null ? Double.NaN : verdict.checks().stream().filter(c -> c.statistic().equals(statistic.ruleName()))
        .mapToDouble(DriftRunRecord.Check::value).findFirst().orElse(Double.NaN);
  }
}
