package llmops.eval;

import java.util.ArrayList;
import java.util.List;
import llmops.config.RunIdentity;
import llmops.udfs.eval.ModelRanking;

/**
 * The selection step of a run of several models: ranks them by the config's weights of quality,
 * latency and cost (see {@link ModelRanking}) and names the chosen one. Quality is the configured
 * score, or 1 minus it for a score where lower is better (word error rate, toxicity, robustness
 * deltas). A model none of whose records could be scored has no quality and is listed as not ranked.
 */
final class ModelSelection {
  private ModelSelection() {}

  static SelectionRecord select(List<EvalRunRecord> runs, EvaluationConfig.Selection selection, RunIdentity run) {
    List<ModelRanking.Candidate> candidates = new ArrayList<>();
    List<String> notRanked = new ArrayList<>();
    for (EvalRunRecord item : runs) {
      Double quality = item.scores().mean(selection.qualityScore());
      if (quality == null || quality.isNaN()) {
        notRanked.add(item.model());
        continue;
      }
      EvalRunRecord.Invocation invocation = item.invocation();
      Double latency = invocation == null || invocation.latencyMs() == null ? null : invocation.latencyMs().p95();
      Double cost = invocation == null ? null : invocation.costUsd();
      boolean lowerIsBetter = EvalAlgorithm.lowerIsBetter(selection.qualityScore());
      candidates.add(new ModelRanking.Candidate(item.model(), lowerIsBetter ? 1 - quality : quality, latency, cost));
    }
    if (candidates.isEmpty()) {
      return null;
    }
    ModelRanking.Result result = ModelRanking.rank(candidates, selection.quality(), selection.latency(), selection.cost());
    List<SelectionRecord.Ranked> ranking = result.ranking().stream().map(r -> new SelectionRecord.Ranked(r.model(), r.rank(), r.score(),
        r.quality(), r.latencyP95Ms(), r.costUsd())).toList();
    return new SelectionRecord(run.runId(), run.epochSeconds(), result.chosen(), selection.qualityScore(),
        new SelectionRecord.Weights(selection.quality(), selection.latency(), selection.cost()), result.criteriaUsed(),
        result.criteriaDropped(), ranking, notRanked.isEmpty() ? null : notRanked);
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
    System.out.printf("  chosen: %s%n", selection.chosenModel());
  }
}
