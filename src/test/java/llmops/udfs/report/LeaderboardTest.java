package llmops.udfs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaderboardTest {
  @Test
  void theHighestScoreRanksFirst() {
    List<Leaderboard.Entry> ranked = Leaderboard.rank(Map.of("a", 0.2, "b", 0.9, "c", 0.5));
    assertEquals(List.of("b", "c", "a"), ranked.stream().map(Leaderboard.Entry::model).toList());
    assertEquals(List.of(1, 2, 3), ranked.stream().map(Leaderboard.Entry::rank).toList());
  }

  @Test
  void equalScoresShareARankAndAreListedByName() {
    List<Leaderboard.Entry> ranked = Leaderboard.rank(Map.of("z", 0.5, "y", 0.5, "x", 0.9, "w", 0.1));
    assertEquals(List.of("x", "y", "z", "w"), ranked.stream().map(Leaderboard.Entry::model).toList());
    assertEquals(List.of(1, 2, 2, 4), ranked.stream().map(Leaderboard.Entry::rank).toList());
  }

  @Test
  void modelsWithoutAScoreComeLastUnranked() {
    Map<String, Double> scores = new LinkedHashMap<>();
    scores.put("none", null);
    scores.put("nan", Double.NaN);
    scores.put("some", 0.0);
    List<Leaderboard.Entry> ranked = Leaderboard.rank(scores);
    assertEquals(List.of("some", "nan", "none"), ranked.stream().map(Leaderboard.Entry::model).toList());
    assertEquals(List.of(1, 0, 0), ranked.stream().map(Leaderboard.Entry::rank).toList());
  }
}
