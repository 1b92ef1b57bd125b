package llmops.udfs.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Ranks candidate models by a weighted sum of quality, latency and cost, each scaled to 0..1 across
 * the candidates (min-max: the best gets 1, the worst 0, and all get 1 when they are equal), higher
 * quality and lower latency and cost being better. A criterion that some candidate lacks (no latency
 * for a model whose answers came with the dataset) is left out for everyone and reported, so that no
 * model wins by a missing number; the weights of the rest are renormalised.
 *
 * <p>Quality differences within noise do not count: the models named {@code withinNoiseOfLeader}
 * (those a paired test could not tell from the best-quality model) are scored as if they had the
 * leader's quality. Models whose weighted scores are then equal are ordered by the next criterion:
 * lower p95 latency, then lower cost (each only where both models have it), then higher measured
 * quality, then name. {@link Result#decidedBy} says which criterion put the chosen model first.
 */
public final class ModelRanking {
  public record Candidate(String model, double quality, Double latencyP95Ms, Double costUsd) {}

  public record Ranked(String model, int rank, double score, double quality, Double latencyP95Ms, Double costUsd) {}

  /**
   * @param decidedBy what put the chosen model ahead of the runner-up: {@code weighted_score} (or
   *     {@code quality} when quality was the only criterion used), {@code latency}, {@code cost},
   *     {@code quality_within_noise} (only the measured means, whose difference is noise, separated
   *     them), {@code name}, or {@code only_model}
   */
  public record Result(List<Ranked> ranking, List<String> criteriaUsed, List<String> criteriaDropped, String decidedBy) {
    public String chosen() {
      return ranking.get(0).model();
    }
  }

  private ModelRanking() {}

  public static Result rank(List<Candidate> candidates, double qualityWeight, double latencyWeight, double costWeight) {
    return rank(candidates, qualityWeight, latencyWeight, costWeight, Set.of());
  }

  /** @param withinNoiseOfLeader models whose quality is not significantly different from the best one's */
  public static Result rank(List<Candidate> candidates, double qualityWeight, double latencyWeight, double costWeight,
      Set<String> withinNoiseOfLeader) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no models to rank");
    }
    double leaderQuality = candidates.stream().mapToDouble(Candidate::quality).max().orElseThrow();
    Function<Candidate, Double> scoredQuality = c -> withinNoiseOfLeader.contains(c.model()) ? leaderQuality : c.quality();
    List<String> used = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    double[] scores = new double[candidates.size()];
    double total = 0;
    total += add(candidates, "quality", qualityWeight, scoredQuality, true, scores, used, dropped);
    total += add(candidates, "latency", latencyWeight, Candidate::latencyP95Ms, false, scores, used, dropped);
    total += add(candidates, "cost", costWeight, Candidate::costUsd, false, scores, used, dropped);
    List<Ranked> ranked = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      ranked.add(new Ranked(c.model(), 0, total == 0 ? 0 : scores[i] / total, c.quality(), c.latencyP95Ms(), c.costUsd()));
    }
    ranked.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(ModelRanking::byLatency)
        .thenComparing(ModelRanking::byCost).thenComparing(Comparator.comparingDouble(Ranked::quality).reversed())
        .thenComparing(Ranked::model));
    List<Ranked> numbered = new ArrayList<>();
    for (int i = 0; i < ranked.size(); i++) {
      Ranked r = ranked.get(i);
      numbered.add(new Ranked(r.model(), i + 1, r.score(), r.quality(), r.latencyP95Ms(), r.costUsd()));
    }
    return new Result(numbered, used, dropped, decidedBy(numbered, used));
  }

  private static int byLatency(Ranked a, Ranked b) {
    return a.latencyP95Ms() == null || b.latencyP95Ms() == null ? 0 : Double.compare(a.latencyP95Ms(), b.latencyP95Ms());
  }

  private static int byCost(Ranked a, Ranked b) {
    return a.costUsd() == null || b.costUsd() == null ? 0 : Double.compare(a.costUsd(), b.costUsd());
  }

  private static String decidedBy(List<Ranked> ranking, List<String> used) {
    if (ranking.size() < 2) {
      return "only_model";
    }
    Ranked chosen = ranking.get(0);
    Ranked runnerUp = ranking.get(1);
    if (chosen.score() != runnerUp.score()) {
      return used.equals(List.of("quality")) ? "quality" : "weighted_score";
    }
    if (byLatency(chosen, runnerUp) != 0) {
      return "latency";
    }
    if (byCost(chosen, runnerUp) != 0) {
      return "cost";
    }
    return chosen.quality() != runnerUp.quality() ? "quality_within_noise" : "name";
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
