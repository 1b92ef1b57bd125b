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

  /** A statistic crosses the rule when it is strictly above (or below) the threshold. */
  public record Rule(String statistic, Direction direction, double threshold, boolean decides) {
    public boolean crossedBy(double value) {
      return !Double.isNaN(value) && (direction == Direction.ABOVE ? value > threshold : value < threshold);
    }
  }

  public record Check(Rule rule, double value, boolean crossed) {}

  /** {@code drift}, the deciding checks that fired, and every check made. */
  public record Result(boolean drift, List<Check> triggered, List<Check> checks) {}

  /** Statistics that were not measured (absent from {@code values}) are not checked. */
  public static Result decide(List<Rule> rules, Map<String, Double> values) {
    List<Check> checks = new ArrayList<>();
    List<Check> triggered = new ArrayList<>();
    for (Rule rule : rules) {
      Double value = values.get(rule.statistic());
      if (value == null) {
        continue;
      }
      Check check = new Check(rule, value, rule.crossedBy(value));
      checks.add(check);
      if (check.crossed() && rule.decides()) {
        triggered.add(check);
      }
    }
    return new Result(!triggered.isEmpty(), triggered, checks);
  }
}
