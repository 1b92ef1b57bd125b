package llmops.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import llmops.config.RunIdentity;
import llmops.io.Records;

/** What one model's evaluation run says: its record (the DynamoDB item), its part of the summary line, and the table on stdout. */
final class EvaluationReport {
  private EvaluationReport() {}

  static EvalRunRecord record(EvaluationResults result, EvaluationConfig config, RunIdentity run, String dataPath,
      Map<String, String> written, List<String> validLabels, EvalRunRecord.Invocation invocation, Map<String, Map<String, Long>> scoreFailures,
      Map<String, EvalRunRecord.AlgorithmCalls> callsByAlgorithm) {
    List<EvalRunRecord.AlgorithmSpec> algorithms = new ArrayList<>();
    for (EvaluationConfig.Algorithm a : config.algorithms()) {
      algorithms.add(new EvalRunRecord.AlgorithmSpec(a.name(), a.targetOutputDelimiter(),
          a.name().equals("factual_knowledge") ? a.logicalOperator() : null,
          a.name().equals("classification_accuracy") ? validLabels : null,
          a.embeddingModel() == null ? null : a.embeddingModel().option, a.generatedQuestions()));
    }
    return new EvalRunRecord(result.model(), run.runId(), run.epochSeconds(), EvalRunRecord.JOB, config.pipelineName(), dataPath,
        result.records(), result.scored(), result.records() - result.scored(), result.errorsByReason(), result.scores(),
        result.categoryScores().isEmpty() ? null : result.categoryScores(), algorithms, invocation, scoreFailures, written,
        statistics(config.statistics()), callsByAlgorithm == null || callsByAlgorithm.isEmpty() ? null : callsByAlgorithm);
  }

  static EvalRunRecord.Statistics statistics(EvaluationConfig.Statistics statistics) {
    return statistics.enabled() ? new EvalRunRecord.Statistics(EvalRunRecord.BOOTSTRAP_METHOD, statistics.bootstrapReplicates(),
        statistics.confidence(), statistics.seed()) : null;
  }

  /** The job's summary line: the run, the input, each model's counts and scores, and where the outputs are. */
  record SummaryLine(String job, String status, String runId, String dataset, String dataPath, String inputFormat, int files,
      long blankLines, List<ModelBrief> models, @JsonInclude(Include.NON_NULL) String chosenModel, Map<String, String> output,
      String table, Map<String, EvalRunRecord.Invocation> scoringCalls) {}

  /** The model's line in the summary JSON: counts and dataset-level scores, without the per-category detail. */
  record ModelBrief(String model, long records, long scored, long errors, Map<String, Long> errorsByReason, EvalScores scores,
      @JsonInclude(Include.NON_NULL) Map<String, Map<String, Long>> scoreFailures,
      @JsonInclude(Include.NON_NULL) EvalRunRecord.Invocation invocation,
      @JsonInclude(Include.NON_NULL) Map<String, EvalRunRecord.AlgorithmCalls> callsByAlgorithm) {
    static ModelBrief of(EvalRunRecord run) {
      return new ModelBrief(run.model(), run.records(), run.scored(), run.errors(), run.errorsByReason(), run.scores(),
          run.scoreFailures(), run.invocation(), run.callsByAlgorithm());
    }
  }

  static String summaryLine(RunIdentity run, EvaluationConfig config, String dataPath, EvaluationInput.Read input,
      List<EvalRunRecord> runs, Map<String, String> written, String table, SelectionRecord selection,
      Map<String, EvalRunRecord.Invocation> scoringCalls, Map<String, Double> timings, PairwiseRecord pairwise) {
    SummaryLine line = new SummaryLine(EvalRunRecord.JOB, "ok", run.runId(), config.dataset().name(), dataPath, input.format(),
        input.files(), input.blankLines().value(), runs.stream().map(ModelBrief::of).toList(),
        selection == null ? null : selection.chosenModel(), written, table, scoringCalls);
    ObjectNode tree = Records.toTree(line);
    tree.set("timings_s", Records.toTree(timings));
    if (pairwise != null) {
      tree.set("pairwise", Records.toTree(pairwise));
    }
    return Records.json(tree);
  }

  /** Pairwise judging's table: per pair, wins, ties and losses with their intervals; the Bradley–Terry ranking. */
  static void printPairwise(PairwiseRecord pairwise) {
    if (pairwise == null) {
      return;
    }
    System.out.printf("pairwise judging by %s on \"%s\" (each input in both orders; a verdict that flips is a tie; %.0f %% intervals)%n",
        pairwise.judge(), pairwise.criteria(), pairwise.level() * 100);
    for (PairwiseRecord.Pair p : pairwise.pairs()) {
      System.out.printf("  %s vs %s: %d compared, %d wins / %d ties / %d wins%s%s%n", p.modelA(), p.modelB(), p.comparisons(), p.winsA(), p.ties(),
          p.winsB(), p.winRateA() == null ? "" : String.format(", win rate %.3f [%.3f, %.3f] vs %.3f [%.3f, %.3f]", p.winRateA().rate(),
              p.winRateA().low(), p.winRateA().high(), p.winRateB().rate(), p.winRateB().low(), p.winRateB().high()),
          p.failuresByReason() == null ? "" : ", unreadable " + p.failuresByReason());
    }
    if (pairwise.bradleyTerry() != null) {
      System.out.printf("  Bradley-Terry%s: %s%n", pairwise.bradleyTerryConverged() ? "" : " (no finite fit: some model never won or never lost)",
          pairwise.bradleyTerry().stream().map(s -> s.rank() + ". " + s.model() + String.format(" %.3f", s.strength())).toList());
    }
  }

  /** Per model: its counts, then one row per score with a column for the whole dataset and one per category. */
  static void printReadable(List<EvaluationResults> results, EvaluationConfig config, Map<String, EvalRunRecord.Invocation> invocations,
      Map<String, Map<String, EvalRunRecord.AlgorithmCalls>> callsByAlgorithm, SelectionRecord selection) {
    List<String> names = new ArrayList<>(EvaluationScores.scoreColumns(config));
    names.addAll(List.of("bleu_corpus", "balanced_accuracy_score"));
    System.out.printf("evaluation of dataset '%s' (%s)%n", config.dataset().name(), config.pipelineName());
    for (EvaluationResults r : results) {
      System.out.printf("  %s: %d records, %d scored, errors %d %s%n", r.model(), r.records(), r.scored(), r.records() - r.scored(),
          r.errorsByReason().isEmpty() ? "" : r.errorsByReason());
      EvalRunRecord.Invocation invocation = invocations.get(r.model());
      if (invocation != null) {
        EvalRunRecord.Latency latency = invocation.latencyMs();
        System.out.printf("    called %s: %s prompts, %s answered (%s kept from before), %s requests, latency ms %s, tokens in %s out %s%s, cost %s, errors %s%n",
            invocation.target(), invocation.prompts(), invocation.answered(), invocation.fromStore(), invocation.requests(),
            latency == null ? "-" : "{p50=" + latency.p50() + ", p95=" + latency.p95() + ", p99=" + latency.p99() + "}",
            invocation.inputTokens(), invocation.outputTokens(), Boolean.TRUE.equals(invocation.tokensEstimated()) ? " (estimated)" : "",
            invocation.costUsd() != null ? String.format("$%.4f", invocation.costUsd()) : "not priced", invocation.errorsByKind());
      }
      callsByAlgorithm.getOrDefault(r.model(), Map.of()).forEach((algorithm, c) -> System.out.printf(
          "    calls for %s (%s): %d prompts, %d requests, tokens in %d out %d%s, cost %s%n", algorithm, c.caller(), c.prompts(), c.requests(),
          c.inputTokens(), c.outputTokens(), c.tokensEstimated() ? " (estimated)" : "",
          c.costUsd() != null ? String.format("$%.4f", c.costUsd()) : "not priced"));
      List<String> groups = new ArrayList<>(List.of("all"));
      groups.addAll(r.categoryScores().keySet());
      boolean intervals = r.scores().intervals() != null;
      // With intervals each cell is "mean [low, high]".
      String cell = intervals ? " %26s" : " %12s";
      StringBuilder header = new StringBuilder(String.format("    %-30s", "score"));
      groups.forEach(g -> header.append(String.format(cell, g.length() > 12 ? g.substring(0, 11) + "~" : g)));
      System.out.println(header + (intervals ? "   (mean [" + Math.round(100 * config.statistics().confidence()) + " % interval])" : ""));
      for (String name : names) {
        if (r.scores().mean(name) == null) {
          continue;
        }
        StringBuilder row = new StringBuilder(String.format("    %-30s", name));
        for (String group : groups) {
          EvalScores scores = group.equals("all") ? r.scores() : r.categoryScores().get(group);
          Double value = scores.mean(name);
          EvalScores.Interval interval = scores.interval(name);
          String text = value == null ? "-" : interval == null ? String.format("%.4f", value)
              : String.format("%.4f [%.4f, %.4f]", value, interval.low(), interval.high());
          row.append(String.format(cell, text));
        }
        System.out.println(row);
      }
    }
    if (selection != null) {
      ModelSelection.print(selection);
    }
  }
}
