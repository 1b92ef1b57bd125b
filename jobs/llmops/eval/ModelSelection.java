package llmops.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmops.config.RunIdentity;
import llmops.udfs.eval.ModelRanking;
import llmops.udfs.eval.robustness.RobustnessDeltas;

/**
 * The selection step of a run of several models: ranks them by the config's weights of quality,
 * latency and cost (see {@link ModelRanking}) and names the chosen one. Quality is the configured
 * score, or 1 minus it for a score where lower is better (word error rate, toxicity, robustness
 * deltas). A model none of whose records could be scored has no quality and is listed as not ranked.
 */
final class ModelSelection {
  private ModelSelection() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> select(List<Map<String, Object>> items, EvaluationConfig.Selection selection, RunIdentity run) {
    List<ModelRanking.Candidate> candidates = new ArrayList<>();
    List<String> notRanked = new ArrayList<>();
    for (Map<String, Object> item : items) {
      Object quality = ((Map<String, Object>) item.get("scores")).get(selection.qualityScore());
      if (!(quality instanceof Double q) || q.isNaN()) {
        notRanked.add((String) item.get("model"));
        continue;
      }
      Map<String, Object> invocation = (Map<String, Object>) item.get("invocation");
      Double latency = null;
      Double cost = null;
      if (invocation != null) {
        Map<String, Object> latencies = (Map<String, Object>) invocation.get("latency_ms");
        latency = latencies == null ? null : (Double) latencies.get("p95");
        cost = (Double) invocation.get("cost_usd");
      }
      boolean lowerIsBetter = EvaluationScores.LOWER_IS_BETTER.contains(selection.qualityScore())
          || selection.qualityScore().startsWith(RobustnessDeltas.PREFIX);
      candidates.add(new ModelRanking.Candidate((String) item.get("model"), lowerIsBetter ? 1 - q : q, latency, cost));
    }
    if (candidates.isEmpty()) {
      return null;
    }
    ModelRanking.Result result = ModelRanking.rank(candidates, selection.quality(), selection.latency(), selection.cost());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("run_id", run.runId());
    out.put("run_ts", run.epochSeconds());
    out.put("chosen_model", result.chosen());
    out.put("quality_score", selection.qualityScore());
    out.put("weights", Map.of("quality", selection.quality(), "latency", selection.latency(), "cost", selection.cost()));
    out.put("criteria_used", result.criteriaUsed());
    out.put("criteria_dropped", result.criteriaDropped());
    List<Map<String, Object>> ranking = new ArrayList<>();
    for (ModelRanking.Ranked r : result.ranking()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("model", r.model());
      entry.put("rank", r.rank());
      entry.put("score", r.score());
      entry.put("quality", r.quality());
      if (r.latencyP95Ms() != null) {
        entry.put("latency_p95_ms", r.latencyP95Ms());
      }
      if (r.costUsd() != null) {
        entry.put("cost_usd", r.costUsd());
      }
      ranking.add(entry);
    }
    out.put("ranking", ranking);
    if (!notRanked.isEmpty()) {
      out.put("not_ranked", notRanked);
    }
    return out;
  }

  /** The ranking as a few readable lines. */
  static void print(Map<String, Object> selection) {
    List<?> dropped = (List<?>) selection.get("criteria_dropped");
    System.out.printf("model selection by %s (weights %s%s)%n", selection.get("quality_score"), selection.get("weights"),
        dropped.isEmpty() ? "" : "; left out, some model lacks them: " + dropped);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> ranking = (List<Map<String, Object>>) selection.get("ranking");
    for (Map<String, Object> r : ranking) {
      System.out.printf("  %d. %-30s score %.4f  quality %.4f  latency p95 %s  cost %s%n", (Integer) r.get("rank"), r.get("model"),
          (Double) r.get("score"), (Double) r.get("quality"),
          r.containsKey("latency_p95_ms") ? String.format("%.0f ms", (Double) r.get("latency_p95_ms")) : "-",
          r.containsKey("cost_usd") ? String.format("$%.4f", (Double) r.get("cost_usd")) : "-");
    }
    System.out.printf("  chosen: %s%n", selection.get("chosen_model"));
  }
}
