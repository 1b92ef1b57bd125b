package llmops.udfs.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Models ranked by one score: the order a leaderboard shows them in. */
public final class Leaderboard {
  private Leaderboard() {}

  /** A model's place: {@code rank} 1 is the best; 0 when it has no score. */
  public record Entry(int rank, String model, double score) {}

  /**
   * Highest score first; equal scores share a rank (1, 2, 2, 4) and are listed by name; models
   * without a score (null or NaN: nothing was scored) come last, unranked.
   */
  public static List<Entry> rank(Map<String, Double> scores) {
    List<Map.Entry<String, Double>> scored = new ArrayList<>();
    List<String> unscored = new ArrayList<>();
    scores.forEach((model, score) -> {
      if (score == null || score.isNaN()) {
        unscored.add(model);
      } else {
        scored.add(Map.entry(model, score));
      }
    });
    scored.sort(Comparator.comparing((Map.Entry<String, Double> e) -> -e.getValue()).thenComparing(Map.Entry::getKey));
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) {
      boolean tie = i > 0 && scored.get(i).getValue().equals(scored.get(i - 1).getValue());
      int rank = tie ? out.get(i - 1).rank() : i + 1;
      out.add(new Entry(rank, scored.get(i).getKey(), scored.get(i).getValue()));
    }
    unscored.stream().sorted().forEach(model -> out.add(new Entry(0, model, Double.NaN)));
    return out;
  }
}
