package llmops.udfs.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The drift verdict: every measured statistic is checked against its rule, and the snapshot has
 * drifted when any deciding rule is crossed. Rules that do not decide are still checked and
 * reported, so a reader sees every threshold next to its value.
 */
public final class Verdict {
  private Verdict() {}

  public enum Direction { ABOVE, BELOW }

  /**
   * A statistic crosses the rule when it is strictly above (or below) the threshold and, if the rule
   * asks for significance ({@code significantBelow} not NaN), the statistic's p-value ({@link
   * Statistic#pValue}) is below that too: on small samples an effect size alone crosses its
   * threshold by chance.
   */
  public record Rule(Statistic statistic, Direction direction, double threshold, boolean decides, double significantBelow) {
    public Rule(Statistic statistic, Direction direction, double threshold, boolean decides) {
      this(statistic, direction, threshold, decides, Double.NaN);
    }

    boolean crossedBy(double value, Double pValue) {
      boolean beyond = !Double.isNaN(value) && (direction == Direction.ABOVE ? value > threshold : value < threshold);
      return beyond && (Double.isNaN(significantBelow) || (pValue != null && pValue < significantBelow));
    }
  }

  /** One rule applied: the value, its p-value when the rule asks for significance (else null), and whether it crossed. */
  public record Check(Rule rule, double value, Double pValue, boolean crossed) {}

  /** {@code drift}, the deciding checks that fired, and every check made. */
  public record Result(boolean drift, List<Check> triggered, List<Check> checks) {}

  /** Statistics that were not measured (absent from {@code values}) are not checked. */
  public static Result decide(List<Rule> rules, Map<Statistic, Double> values) {
    List<Check> checks = new ArrayList<>();
    List<Check> triggered = new ArrayList<>();
    for (Rule rule : rules) {
      Double value = values.get(rule.statistic());
      if (value == null) {
        continue;
      }
      Statistic significance = rule.statistic().pValue();
      Double pValue = Double.isNaN(rule.significantBelow()) || significance == null ? null : values.get(significance);
      Check check = new Check(rule, value, pValue, rule.crossedBy(value, pValue));
      checks.add(check);
      if (check.crossed() && rule.decides()) {
        triggered.add(check);
      }
    }
    return new Result(!triggered.isEmpty(), triggered, checks);
  }
}
