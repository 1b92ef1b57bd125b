package llmops.udfs.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import llmops.udfs.stats.BenjaminiHochberg;
import llmops.udfs.stats.EmpiricalNull;
import llmops.udfs.stats.HistoryBand;

/**
 * The calibrated verdict: each statistic's observed value gets its empirical p-value under its own
 * no-drift distribution for this baseline, the p-values are adjusted together (Benjamini-Hochberg,
 * since nine statistics looked at at once would otherwise fire by chance nine times as often), and
 * the adjusted values set a level per statistic and overall: {@code drift} at or below
 * {@code driftFdr}, {@code warning} at or below {@code warningFdr}, else {@code ok}. A statistic
 * outside its series' history band (mean ± k sd of the last accepted runs) is raised to at least
 * {@code historyLevel}: unusual for this series, whatever the null says.
 */
public final class CalibratedVerdict {
  private CalibratedVerdict() {}

  /** In order of severity. */
  public enum Level {
    OK, WARNING, DRIFT;

    /** Its name in YAML and in stored items. */
    public String label() {
      return name().toLowerCase();
    }

    public static Level named(String label) {
      for (Level level : values()) {
        if (level.label().equals(label)) {
          return level;
        }
      }
      throw new IllegalArgumentException("no verdict level '" + label + "' (known: ok, warning, drift)");
    }

    Level atLeast(Level other) {
      return compareTo(other) >= 0 ? this : other;
    }
  }

  public record Thresholds(double warningFdr, double driftFdr, Level historyLevel) {
    public Thresholds {
      if (!(driftFdr > 0 && driftFdr <= warningFdr && warningFdr < 1)) {
        throw new IllegalArgumentException("need 0 < drift_fdr <= warning_fdr < 1, got drift_fdr=" + driftFdr + ", warning_fdr=" + warningFdr);
      }
    }
  }

  /**
   * One statistic judged: its value, its null (null when it was not calibrated), p-value and adjusted
   * p-value (NaN without a null), its history band (null without enough history) and the level.
   */
  public record Assessment(Statistic statistic, double value, EmpiricalNull nullDistribution, double pValue, double adjustedPValue,
      HistoryBand band, boolean beyondBand, Level level) {}

  public record Result(Level level, List<Assessment> assessments) {}

  /**
   * @param observed every measured statistic; only those with a null or a band are judged
   * @param nulls each calibrated statistic's no-drift distribution (larger values = more drift)
   * @param bands each statistic's history band, where the series has enough history
   */
  public static Result decide(Map<Statistic, Double> observed, Map<Statistic, EmpiricalNull> nulls, Map<Statistic, HistoryBand> bands,
      Thresholds thresholds) {
    List<Statistic> judged = observed.keySet().stream().filter(s -> nulls.containsKey(s) || bands.containsKey(s)).sorted().toList();
    double[] p = new double[judged.size()];
    for (int i = 0; i < p.length; i++) {
      EmpiricalNull n = nulls.get(judged.get(i));
      p[i] = n == null ? Double.NaN : n.pValue(observed.get(judged.get(i)));
    }
    double[] adjusted = BenjaminiHochberg.adjust(p);
    List<Assessment> out = new ArrayList<>();
    Level overall = Level.OK;
    for (int i = 0; i < p.length; i++) {
      Statistic s = judged.get(i);
      double value = observed.get(s);
      Level level = adjusted[i] <= thresholds.driftFdr() ? Level.DRIFT : adjusted[i] <= thresholds.warningFdr() ? Level.WARNING : Level.OK;
      HistoryBand band = bands.get(s);
      boolean beyond = band != null && band.beyond(value);
      if (beyond) {
        level = level.atLeast(thresholds.historyLevel());
      }
      overall = overall.atLeast(level);
      out.add(new Assessment(s, value, nulls.get(s), p[i], adjusted[i], band, beyond, level));
    }
    return new Result(overall, out);
  }
}
