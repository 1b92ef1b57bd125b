package llmops.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmops.config.RunIdentity;

/** What one model's evaluation run says: its DynamoDB item, its part of the summary line, and the table on stdout. */
final class EvaluationReport {
  private EvaluationReport() {}

  static Map<String, Object> item(EvaluationResults result, EvaluationConfig config, RunIdentity run, String dataPath,
      Map<String, String> written, List<String> validLabels, Map<String, Object> invocation, Map<String, Map<String, Long>> scoreFailures) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("model", result.model());
    item.put("run_id", run.runId());
    item.put("run_ts", run.epochSeconds());
    item.put("job", "eval");
    item.put("pipeline", config.pipelineName());
    item.put("data_path", dataPath);
    item.put("records", result.records());
    item.put("scored", result.scored());
    item.put("errors", result.records() - result.scored());
    item.put("errors_by_reason", result.errorsByReason());
    item.put("scores", result.scores());
    if (!result.categoryScores().isEmpty()) {
      item.put("category_scores", result.categoryScores());
    }
    List<Map<String, Object>> algorithms = new ArrayList<>();
    for (EvaluationConfig.Algorithm a : config.algorithms()) {
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("name", a.name());
      if (a.targetOutputDelimiter() != null) {
        spec.put("target_output_delimiter", a.targetOutputDelimiter());
      }
      if (a.name().equals("factual_knowledge")) {
        spec.put("logical_operator", a.logicalOperator());
      }
      if (a.name().equals("classification_accuracy")) {
        spec.put("valid_labels", validLabels);
      }
      if (a.embeddingModel() != null) {
        spec.put("embedding_model", a.embeddingModel().option);
      }
      algorithms.add(spec);
    }
    item.put("algorithms", algorithms);
    if (invocation != null) {
      item.put("invocation", invocation);
    }
    if (scoreFailures != null) {
      item.put("score_failures", scoreFailures);
    }
    item.put("output", written);
    return item;
  }

  /** The job's summary line: the run, the input, each model's counts and scores, and where the outputs are. */
  static Map<String, Object> summary(RunIdentity run, EvaluationConfig config, String dataPath, EvaluationInput.Read input,
      List<Map<String, Object>> items, Map<String, String> written, String table, Map<String, Object> selection) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("job", "eval");
    summary.put("status", "ok");
    summary.put("run_id", run.runId());
    summary.put("dataset", config.dataset().name());
    summary.put("data_path", dataPath);
    summary.put("input_format", input.format());
    summary.put("files", input.files());
    summary.put("blank_lines", input.blankLines().value());
    summary.put("models", items.stream().map(EvaluationReport::brief).toList());
    if (selection != null) {
      summary.put("chosen_model", selection.get("chosen_model"));
    }
    summary.put("output", written);
    summary.put("table", table);
    return summary;
  }

  /** The model's line in the summary JSON: counts and dataset-level scores, without the per-category detail. */
  private static Map<String, Object> brief(Map<String, Object> item) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : List.of("model", "records", "scored", "errors", "errors_by_reason", "scores", "score_failures", "invocation")) {
      if (item.containsKey(key)) {
        out.put(key, item.get(key));
      }
    }
    return out;
  }

  /** Per model: its counts, then one row per score with a column for the whole dataset and one per category. */
  static void printReadable(List<EvaluationResults> results, EvaluationConfig config, Map<String, Map<String, Object>> invocations,
      Map<String, Object> selection) {
    List<String> names = new ArrayList<>(EvaluationScores.scoreColumns(config));
    names.addAll(List.of("bleu_corpus", "balanced_accuracy_score"));
    System.out.printf("evaluation of dataset '%s' (%s)%n", config.dataset().name(), config.pipelineName());
    for (EvaluationResults r : results) {
      System.out.printf("  %s: %d records, %d scored, errors %d %s%n", r.model(), r.records(), r.scored(), r.records() - r.scored(),
          r.errorsByReason().isEmpty() ? "" : r.errorsByReason());
      Map<String, Object> invocation = invocations.get(r.model());
      if (invocation != null) {
        System.out.printf("    called %s: %s prompts, %s answered (%s kept from before), %s requests, latency ms %s, tokens in %s out %s%s, cost %s, errors %s%n",
            invocation.get("target"), invocation.get("prompts"), invocation.get("answered"), invocation.get("from_store"),
            invocation.get("requests"), invocation.getOrDefault("latency_ms", "-"), invocation.get("input_tokens"),
            invocation.get("output_tokens"), Boolean.TRUE.equals(invocation.get("tokens_estimated")) ? " (estimated)" : "",
            invocation.containsKey("cost_usd") ? String.format("$%.4f", (Double) invocation.get("cost_usd")) : "not priced",
            invocation.get("errors_by_kind"));
      }
      List<String> groups = new ArrayList<>(List.of("all"));
      groups.addAll(r.categoryScores().keySet());
      StringBuilder header = new StringBuilder(String.format("    %-30s", "score"));
      groups.forEach(g -> header.append(String.format(" %12s", g.length() > 12 ? g.substring(0, 11) + "~" : g)));
      System.out.println(header);
      for (String name : names) {
        if (r.scores().get(name) == null) {
          continue;
        }
        StringBuilder row = new StringBuilder(String.format("    %-30s", name));
        for (String group : groups) {
          Object value = group.equals("all") ? r.scores().get(name) : r.categoryScores().get(group).get(name);
          row.append(value == null ? String.format(" %12s", "-") : String.format(" %12.4f", (Double) value));
        }
        System.out.println(row);
      }
    }
    if (selection != null) {
      ModelSelection.print(selection);
    }
  }
}
