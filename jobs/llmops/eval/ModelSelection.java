package llmops.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import llmops.config.RunIdentity;
import llmops.udfs.eval.ModelRanking;
import llmops.udfs.stats.Holm;

/**
 * The selection step of a run of several models: ranks them by the config's weights of quality,
 * latency and cost (see {@link ModelRanking}) and names the chosen one. Quality is the configured
 * score, or 1 minus it for a score where lower is better (word error rate, toxicity, robustness
 * deltas). A model none of whose records could be scored has no quality and is listed as not ranked.
 *
 * <p>With statistics, every pair of ranked models is compared on the records both scored
 * ({@link ModelComparisons}), the p-values Holm-adjusted across the pairs. The models the best-quality
 * model is not significantly better than are within noise of it: their quality counts as the
 * leader's, so the next criterion (latency, then cost) decides among them, and the record says so.
 */
final class ModelSelection {
  private ModelSelection() {}

  static SelectionRecord select(List<EvalRunRecord> runs, EvaluationConfig.Selection selection, RunIdentity run,
      List<ModelComparisons.Pair> pairs, EvaluationConfig.Statistics statistics) {
    List<ModelRanking.Candidate> candidates = new ArrayList<>();
    List<String> notRanked = new ArrayList<>();
    boolean lowerIsBetter = EvalAlgorithm.lowerIsBetter(selection.qualityScore());
    for (EvalRunRecord item : runs) {
      Double quality = item.scores().mean(selection.qualityScore());
      if (quality == null || quality.isNaN()) {
        notRanked.add(item.model());
        continue;
      }
      EvalRunRecord.Invocation invocation = item.invocation();
      Double latency = invocation == null || invocation.latencyMs() == null ? null : invocation.latencyMs().p95();
      Double cost = invocation == null ? null : invocation.costUsd();
      candidates.add(new ModelRanking.Candidate(item.model(), lowerIsBetter ? 1 - quality : quality, latency, cost));
    }
    if (candidates.isEmpty()) {
      return null;
    }
    ModelRanking.Candidate leader = candidates.stream().max(java.util.Comparator.comparingDouble(ModelRanking.Candidate::quality)
        .thenComparing(ModelRanking.Candidate::model, java.util.Comparator.reverseOrder())).orElseThrow();
    Set<String> ranked = candidates.stream().map(ModelRanking.Candidate::model).collect(Collectors.toSet());
    List<SelectionRecord.Comparison> comparisons = pairs == null ? null : comparisons(pairs, ranked, statistics.alpha());
    Set<String> withinNoise = new LinkedHashSet<>();
    if (comparisons != null) {
      for (SelectionRecord.Comparison c : comparisons) {
        boolean withLeader = c.modelA().equals(leader.model()) || c.modelB().equals(leader.model());
        if (withLeader && !c.significant()) {
          withinNoise.add(c.modelA().equals(leader.model()) ? c.modelB() : c.modelA());
        }
      }
    }
    ModelRanking.Result result = ModelRanking.rank(candidates, selection.quality(), selection.latency(), selection.cost(), withinNoise);
    List<SelectionRecord.Ranked> ranking = result.ranking().stream().map(r -> new SelectionRecord.Ranked(r.model(), r.rank(), r.score(),
        r.quality(), r.latencyP95Ms(), r.costUsd())).toList();
    Boolean significant = comparisons == null || candidates.size() < 2 ? null : withinNoise.isEmpty();
    String verdict = verdict(selection.qualityScore(), leader.model(), result, significant, withinNoise, comparisons,
        comparisons == null ? null : statistics.alpha());
    return new SelectionRecord(run.runId(), run.epochSeconds(), result.chosen(), selection.qualityScore(),
        new SelectionRecord.Weights(selection.quality(), selection.latency(), selection.cost()), result.criteriaUsed(),
        result.criteriaDropped(), ranking, notRanked.isEmpty() ? null : notRanked, leader.model(), significant,
        comparisons == null ? null : List.copyOf(withinNoise), result.decidedBy(), verdict, comparisons == null ? null : statistics.alpha(),
        comparisons);
  }

  /** The pairs of ranked models, with Holm's adjustment across them. */
  private static List<SelectionRecord.Comparison> comparisons(List<ModelComparisons.Pair> pairs, Set<String> ranked, double alpha) {
    List<ModelComparisons.Pair> kept = pairs.stream().filter(p -> ranked.contains(p.modelA()) && ranked.contains(p.modelB())).toList();
    double[] adjusted = Holm.adjust(kept.stream().mapToDouble(p -> p.result().pValue()).toArray());
    List<SelectionRecord.Comparison> out = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      ModelComparisons.Pair p = kept.get(i);
      var r = p.result();
      out.add(new SelectionRecord.Comparison(p.modelA(), p.modelB(), r.pairs(), r.meanDifference(), r.interval().low(),
          r.interval().high(), r.test().name().toLowerCase(Locale.ROOT), r.pValue(), adjusted[i], adjusted[i] < alpha, r.onlyA(), r.onlyB()));
    }
    return out;
  }

  private static String verdict(String score, String leader, ModelRanking.Result result, Boolean significant, Set<String> withinNoise,
      List<SelectionRecord.Comparison> comparisons, Double alpha) {
    String chosen = result.chosen();
    if (result.ranking().size() < 2) {
      return chosen + " is the only model with a " + score + " score";
    }
    if (significant == null) {
      return leader + " has the best mean " + score + "; no statistics were computed (statistics.bootstrap_replicates: 0), so whether"
          + " its lead is more than noise is not known. " + chosen + " is chosen by " + said(result.decidedBy());
    }
    if (significant) {
      double worst = comparisons.stream().filter(c -> c.modelA().equals(leader) || c.modelB().equals(leader))
          .mapToDouble(SelectionRecord.Comparison::pAdjusted).max().orElse(0);
      return String.format(Locale.ROOT, "%s has the best mean %s and its lead over every other model is significant "
          + "(Holm-adjusted p <= %.3g, alpha %.3g). %s is chosen by %s", leader, score, worst, alpha, chosen, said(result.decidedBy()));
    }
    double best = comparisons.stream().filter(c -> (c.modelA().equals(leader) || c.modelB().equals(leader)) && !c.significant())
        .mapToDouble(SelectionRecord.Comparison::pAdjusted).min().orElse(1);
    return String.format(Locale.ROOT, "%s has the best mean %s, but its lead over %s is within noise (Holm-adjusted p >= %.3g, "
        + "alpha %.3g), so their quality counts as equal. %s is chosen by %s", leader, score, String.join(", ", withinNoise), best, alpha,
        chosen, said(result.decidedBy()));
  }

  private static String said(String decidedBy) {
    return switch (decidedBy) {
      case "quality" -> "quality";
      case "weighted_score" -> "the weighted score of quality, latency and cost";
      case "latency" -> "lower p95 latency";
      case "cost" -> "lower cost";
      case "quality_within_noise" -> "its higher mean, though the difference is within noise: no latency or cost was measured to decide";
      case "name" -> "name, as everything measured is equal";
      default -> decidedBy;
    };
  }

  /** The ranking as a few readable lines. */
  static void print(SelectionRecord selection) {
    List<String> dropped = selection.criteriaDropped();
    SelectionRecord.Weights w = selection.weights();
    System.out.printf("model selection by %s (weights {quality=%s, latency=%s, cost=%s}%s)%n", selection.qualityScore(), w.quality(),
        w.latency(), w.cost(), dropped == null || dropped.isEmpty() ? "" : "; left out, some model lacks them: " + dropped);
    for (SelectionRecord.Ranked r : selection.ranking()) {
      System.out.printf("  %d. %-30s score %.4f  quality %.4f  latency p95 %s  cost %s%n", r.rank(), r.model(), r.score(), r.quality(),
          r.latencyP95Ms() != null ? String.format("%.0f ms", r.latencyP95Ms()) : "-",
          r.costUsd() != null ? String.format("$%.4f", r.costUsd()) : "-");
    }
    if (selection.comparisons() != null) {
      for (SelectionRecord.Comparison c : selection.comparisons()) {
        System.out.printf(Locale.ROOT, "  %s - %s: %+.4f [%.4f, %.4f] on %d records, %s p %.4g (Holm %.4g)%s%n", c.modelA(), c.modelB(),
            c.meanDifference(), c.low(), c.high(), c.pairs(), c.test(), c.pValue(), c.pAdjusted(), c.significant() ? " significant" : "");
      }
    }
    System.out.printf("  chosen: %s%n", selection.chosenModel());
    System.out.printf("  %s%n", selection.verdict());
  }
}
