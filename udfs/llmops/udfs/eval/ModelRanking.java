package llmops.udfs.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Ranks candidate models by a weighted sum of quality, latency and cost, each scaled to 0..1 across
 * the candidates (min-max: the best gets 1, the worst 0, and all get 1 when they are equal), higher
 * quality and lower latency and cost being better. A criterion that some candidate lacks (no latency
 * for a model whose answers came with the dataset) is left out for everyone and reported, so that no
 * model wins by a missing number; the weights of the rest are renormalised.
 */
public final class ModelRanking {
  public record Candidate(String model, double quality, Double latencyP95Ms, Double costUsd) {}

  public record Ranked(String model, int rank, double score, double quality, Double latencyP95Ms, Double costUsd) {}

  public record Result(List<Ranked> ranking, List<String> criteriaUsed, List<String> criteriaDropped) {
    public String chosen() {
      return ranking.get(0).model();
    }
  }

  private ModelRanking() {}

  public static Result rank(List<Candidate> candidates, double qualityWeight, double latencyWeight, double costWeight) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no models to rank");
    }
    List<String> used = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    double[] scores = new double[candidates.size()];
    double total = 0;
    total += add(candidates, "quality", qualityWeight, Candidate::quality, true, scores, used, dropped);
    total += add(candidates, "latency", latencyWeight, Candidate::latencyP95Ms, false, scores, used, dropped);
    total += add(candidates, "cost", costWeight, Candidate::costUsd, false, scores, used, dropped);
    List<Ranked> ranked = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      ranked.add(new Ranked(c.model(), 0, total == 0 ? 0 : scores[i] / total, c.quality(), c.latencyP95Ms(), c.costUsd()));
    }
    ranked.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(Comparator.comparingDouble(Ranked::quality).reversed())
        .thenComparing(Ranked::model));
    List<Ranked> numbered = new ArrayList<>();
    for (int i = 0; i < ranked.size(); i++) {
      Ranked r = ranked.get(i);
      numbered.add(new Ranked(r.model(), i + 1, r.score(), r.quality(), r.latencyP95Ms(), r.costUsd()));
    }
    return new Result(numbered, used, dropped);
  }

  /** Adds one criterion's weighted, scaled values to the scores; returns the weight used (0 if dropped). */
  private static double add(List<Candidate> candidates, String name, double weight, Function<Candidate, Double> value, boolean higherIsBetter,
      double[] scores, List<String> used, List<String> dropped) {
    if (weight == 0) {
      return 0;
    }
    if (candidates.stream().anyMatch(c -> value.apply(c) == null || value.apply(c).isNaN())) {
      dropped.add(name);
      return 0;
    }
    double min = candidates.stream().mapToDouble(value::apply).min().orElseThrow();
    double max = candidates.stream().mapToDouble(value::apply).max().orElseThrow();
    for (int i = 0; i < candidates.size(); i++) {
      double v = value.apply(candidates.get(i));
      double scaled = max == min ? 1 : higherIsBetter ? (v - min) / (max - min) : (max - v) / (max - min);
      scores[i] += weight * scaled;
    }
    used.add(name);
    return weight;
  }
}
