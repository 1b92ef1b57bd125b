package llmops.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import llmops.eval.EvalRunRecord;
import llmops.eval.EvalScores;
import llmops.eval.EvalAlgorithm;
import llmops.eval.SelectionRecord;
import llmops.report.Charts.Axis;
import llmops.report.Charts.Series;
import llmops.udfs.report.Leaderboard;

/**
 * One evaluation dataset: a leaderboard of the models' latest runs per algorithm (ranked by the
 * algorithm's headline score), the per-category breakdown, latency and cost where a model runner
 * measured them, and the model selection when one was made. Where a run has bootstrap intervals, the
 * tables give each mean with its interval and the charts draw them as error bars.
 */
final class EvaluationSection {
  /** Scores on a 0-100 scale (sacrebleu's BLEU): listed in the tables, left out of the 0-1 charts. */
  private static final Set<String> HUNDRED_SCALE = Set.of("bleu", "bleu_corpus");
  private static final Axis MODELS = new Axis("model", "name");
  private static final Axis SCORE = new Axis("mean score", "0 to 1, higher is better");

  private EvaluationSection() {}

  /** {@code latest}: the models' latest runs on the dataset ({@code LATEST#<model>}); {@code selection}: its latest selection. */
  static ReportPart render(String dataset, List<EvalRunRecord> latest, Optional<SelectionRecord> selection) {
    ReportPart part = new ReportPart("eval", dataset, "Evaluation, dataset '" + dataset + "'");
    part.add(selectionCallout(selection));
    for (String algorithm : algorithms(latest)) {
      Optional<EvalAlgorithm> known = EvalAlgorithm.parse(algorithm);
      if (known.isEmpty()) {
        part.add(Html.note("Algorithm '" + algorithm + "' is not known to this report; its scores are in the items."));
        continue;
      }
      List<String> scores = known.get().scores();
      List<Leaderboard.Entry> ranked = leaderboard(part, dataset, algorithm, scores, latest);
      categories(part, dataset, algorithm, scores.get(0), ranked, latest);
      if (ranked.get(0).rank() == 1) {
        part.fact(algorithm + "_leader", ranked.get(0).model());
      }
    }
    invocation(part, dataset, latest);
    callsByAlgorithm(part, latest);
    selection.ifPresent(s -> selectionDetail(part, dataset, s));
    part.fact("selected_model", selection.map(SelectionRecord::chosenModel).orElse(null));
    return part;
  }

  /** The algorithms the runs were scored with, in the order they were configured. */
  private static List<String> algorithms(List<EvalRunRecord> latest) {
    Set<String> names = new LinkedHashSet<>();
    latest.forEach(run -> run.algorithms().forEach(a -> names.add(a.name())));
    return new ArrayList<>(names);
  }

  private static EvalRunRecord byModel(List<EvalRunRecord> latest, String model) {
    return latest.stream().filter(i -> model.equals(i.model())).findFirst().orElseThrow();
  }

  /** A mean score, absent or undefined ones as null (a dash in tables, a gap in charts). */
  private static Double score(EvalScores scores, String name) {
    Double mean = scores == null ? null : scores.mean(name);
    return mean == null || mean.isNaN() ? null : mean;
  }

  /** A mean's interval, "[0.7625, 0.8380]", or a note when the run has none. */
  private static String interval(EvalScores scores, String name) {
    Charts.Range range = range(scores, name);
    return range == null ? "<span class=\"note\">none</span>" : "[" + Html.score(range.low()) + ", " + Html.score(range.high()) + "]";
  }

  private static Charts.Range range(EvalScores scores, String name) {
    EvalScores.Interval interval = scores == null ? null : scores.interval(name);
    return interval == null || Double.isNaN(interval.low()) || Double.isNaN(interval.high()) ? null
        : new Charts.Range(interval.low(), interval.high());
  }

  /** The charts' title says what the error bars are, at the runs' confidence. */
  private static String intervalsNote(List<EvalRunRecord> latest) {
    Set<Double> levels = new TreeSet<>();
    latest.stream().filter(r -> r.statistics() != null).forEach(r -> levels.add(r.statistics().confidence()));
    return levels.isEmpty() ? "" : " (error bars: bootstrap " + levels.stream()
        .map(c -> new java.text.DecimalFormat("0.##", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)).format(100 * c) + " %")
        .collect(java.util.stream.Collectors.joining(" / ")) + " intervals)";
  }

  private static List<Leaderboard.Entry> leaderboard(ReportPart part, String dataset, String algorithm, List<String> scores,
      List<EvalRunRecord> latest) {
    String headline = scores.get(0);
    Map<String, Double> byHeadline = new LinkedHashMap<>();
    latest.forEach(run -> byHeadline.put(run.model(), score(run.scores(), headline)));
    List<Leaderboard.Entry> ranked = Leaderboard.rank(byHeadline);

    List<String> headers = new ArrayList<>(List.of("rank", "model"));
    headers.addAll(scores);
    boolean intervals = latest.stream().anyMatch(run -> run.statistics() != null);
    if (intervals) {
      headers.add(headline + " interval");
    }
    headers.addAll(List.of("scored / records", "run"));
    Html.Table table = new Html.Table("class=\"leaderboard\" data-dataset=\"" + Html.escape(dataset) + "\" data-algorithm=\""
        + Html.escape(algorithm) + "\"", headers.toArray(String[]::new));
    Map<String, List<Double>> chart = new LinkedHashMap<>();
    Map<String, List<Charts.Range>> ranges = new LinkedHashMap<>();
    List<String> charted = scores.stream().filter(s -> !HUNDRED_SCALE.contains(s)).toList();
    for (Leaderboard.Entry entry : ranked) {
      EvalRunRecord run = byModel(latest, entry.model());
      List<String> cells = new ArrayList<>(List.of(entry.rank() == 0 ? "–" : Integer.toString(entry.rank()), Html.escape(entry.model())));
      scores.forEach(s -> cells.add(Html.score(score(run.scores(), s))));
      if (intervals) {
        cells.add(interval(run.scores(), headline));
      }
      cells.add(Html.integer((double) run.scored()) + " / " + Html.integer((double) run.records()));
      cells.add(Html.escape(run.runId()));
      table.row("data-model=\"" + Html.escape(entry.model()) + "\"", cells.toArray(String[]::new));
      chart.put(entry.model(), charted.stream().map(s -> score(run.scores(), s)).toList());
      ranges.put(entry.model(), charted.stream().map(s -> range(run.scores(), s)).toList());
    }
    part.add("<h4>" + Html.escape(algorithm) + ": leaderboard, ranked by " + Html.escape(headline) + "</h4>\n" + table.render());
    part.add(Charts.barsWithRanges(algorithm + " on '" + dataset + "': scores by model" + intervalsNote(latest),
        new Axis("score", "fmeval score name"), SCORE, new Series(charted, chart), ranges));
    if (charted.size() < scores.size()) {
      part.add(Html.note("BLEU is on a 0-100 scale: it is in the table, not the chart."));
    }
    return ranked;
  }

  private static void categories(ReportPart part, String dataset, String algorithm, String headline, List<Leaderboard.Entry> ranked,
      List<EvalRunRecord> latest) {
    Set<String> categories = new TreeSet<>();
    latest.stream().filter(run -> run.categoryScores() != null).forEach(run -> categories.addAll(run.categoryScores().keySet()));
    if (categories.isEmpty()) {
      return;
    }
    List<String> names = new ArrayList<>(categories);
    List<String> headers = new ArrayList<>(List.of("category"));
    ranked.forEach(e -> headers.add(e.model()));
    Html.Table table = new Html.Table("class=\"categories\" data-algorithm=\"" + Html.escape(algorithm) + "\"", headers.toArray(String[]::new));
    for (String category : names) {
      List<String> cells = new ArrayList<>(List.of(Html.escape(category)));
      ranked.forEach(e -> cells.add(Html.score(categoryScore(byModel(latest, e.model()), category, headline))));
      table.row("", cells.toArray(String[]::new));
    }
    Map<String, List<Double>> values = new LinkedHashMap<>();
    Map<String, List<Charts.Range>> ranges = new LinkedHashMap<>();
    ranked.forEach(e -> {
      EvalRunRecord run = byModel(latest, e.model());
      values.put(e.model(), names.stream().map(c -> categoryScore(run, c, headline)).toList());
      ranges.put(e.model(), names.stream().map(c -> run.categoryScores() == null ? null : range(run.categoryScores().get(c), headline)).toList());
    });
    part.add(Charts.barsWithRanges(headline + " per category on '" + dataset + "'" + intervalsNote(latest),
        new Axis("category", "the dataset's category field"), new Axis("mean " + headline, "0 to 1, higher is better"),
        new Series(names, values), ranges));
    part.add(table.render());
  }

  private static Double categoryScore(EvalRunRecord run, String category, String score) {
    return run.categoryScores() == null ? null : score(run.categoryScores().get(category), score);
  }

  /** Latency, tokens and cost from the model runner's {@code invocation}; "not measured" where a run has none. */
  private static void invocation(ReportPart part, String dataset, List<EvalRunRecord> latest) {
    part.add("<h4>Latency and cost</h4>\n");
    List<EvalRunRecord> measured = latest.stream().filter(i -> i.invocation() != null).toList();
    if (measured.isEmpty()) {
      part.add(Html.note("Latency and cost: not measured (the models' answers were already in the dataset; no model runner called an endpoint)."));
      return;
    }
    Html.Table table = new Html.Table("class=\"invocation\"", "model", "runner", "requests", "answered", "p50 latency (ms)",
        "p95 latency (ms)", "p99 latency (ms)", "input tokens", "output tokens", "cost (USD)");
    for (EvalRunRecord run : latest) {
      String model = Html.escape(run.model());
      EvalRunRecord.Invocation invocation = run.invocation();
      if (invocation == null) {
        table.row("data-model=\"" + model + "\"", model, "<span class=\"note\">not measured</span>", "", "", "", "", "", "", "", "");
        continue;
      }
      EvalRunRecord.Latency latency = invocation.latencyMs();
      Double cost = invocation.costUsd();
      table.row("data-model=\"" + model + "\"", model, Html.escape(invocation.runner()),
          Html.integer(asDouble(invocation.requests())), Html.integer(asDouble(invocation.answered())),
          Html.number(latency == null ? null : latency.p50(), 4), Html.number(latency == null ? null : latency.p95(), 4),
          Html.number(latency == null ? null : latency.p99(), 4), Html.integer(asDouble(invocation.inputTokens())),
          Html.integer(asDouble(invocation.outputTokens())),
          cost == null ? "<span class=\"note\">not priced</span>" : String.format(java.util.Locale.ROOT, "%.4f", cost));
    }
    List<String> models = measured.stream().map(EvalRunRecord::model).toList();
    Map<String, ToDoubleFunction<EvalRunRecord.Latency>> quantiles = new LinkedHashMap<>();
    quantiles.put("p50", EvalRunRecord.Latency::p50);
    quantiles.put("p95", EvalRunRecord.Latency::p95);
    quantiles.put("p99", EvalRunRecord.Latency::p99);
    Map<String, List<Double>> latency = new LinkedHashMap<>();
    quantiles.forEach((q, quantile) -> latency.put(q, measured.stream()
        .map(i -> i.invocation().latencyMs() == null ? null : quantile.applyAsDouble(i.invocation().latencyMs())).toList()));
    part.add(Charts.bars("Latency per request by model on '" + dataset + "'", MODELS, new Axis("latency", "ms"),
        new Series(models, latency), null));
    List<EvalRunRecord> priced = measured.stream().filter(i -> i.invocation().costUsd() != null).toList();
    if (!priced.isEmpty()) {
      part.add(Charts.bars("Cost of the run by model on '" + dataset + "'", MODELS, new Axis("cost of the evaluation run", "USD"),
          new Series(priced.stream().map(EvalRunRecord::model).toList(),
              Map.of("cost", priced.stream().map(i -> i.invocation().costUsd()).toList())), null));
    }
    part.add(table.render());
  }

  /** Per model and algorithm, the calls its evaluation made (its own answers, perturbed prompts, the judge's and detector's). */
  private static void callsByAlgorithm(ReportPart part, List<EvalRunRecord> latest) {
    if (latest.stream().allMatch(run -> run.callsByAlgorithm() == null)) {
      return;
    }
    Html.Table table = new Html.Table("class=\"calls-by-algorithm\"", "model", "algorithm", "called", "prompts", "requests",
        "input tokens", "output tokens", "cost (USD)");
    for (EvalRunRecord run : latest) {
      if (run.callsByAlgorithm() == null) {
        continue;
      }
      run.callsByAlgorithm().forEach((algorithm, calls) -> table.row("data-model=\"" + Html.escape(run.model()) + "\" data-algorithm=\""
              + Html.escape(algorithm) + "\"", Html.escape(run.model()), Html.escape(algorithm), Html.escape(calls.caller()),
          Html.integer((double) calls.prompts()), Html.integer((double) calls.requests()), Html.integer((double) calls.inputTokens())
              + (calls.tokensEstimated() ? " (estimated)" : ""), Html.integer((double) calls.outputTokens()),
          calls.costUsd() == null ? "<span class=\"note\">not priced</span>" : String.format(java.util.Locale.ROOT, "%.4f", calls.costUsd())));
    }
    part.add("<h4>Tokens and cost by algorithm</h4>\n");
    part.add(Html.note("answers: the model's answers to the dataset's prompts, which every algorithm scores; a robustness algorithm's "
        + "perturbed prompts; toxicity and llm_judge: the detector's and the judge's calls about this model's answers."));
    part.add(table.render());
  }

  private static Double asDouble(Long count) {
    return count == null ? null : count.doubleValue();
  }

  private static String selectionCallout(Optional<SelectionRecord> selection) {
    if (selection.isEmpty()) {
      return "<div class=\"callout\">Model selection: <span class=\"note\">not measured</span> (no selection run for this dataset).</div>\n";
    }
    SelectionRecord s = selection.get();
    return "<div class=\"callout\">Selected model: " + Html.badge("chosen", s.chosenModel()) + " (selection run "
        + Html.escape(s.runId()) + ", " + Html.time((double) s.runTs()) + "; weights quality "
        + Html.number(s.weights().quality(), 3) + ", latency " + Html.number(s.weights().latency(), 3)
        + ", cost " + Html.number(s.weights().cost(), 3) + "; quality is " + Html.escape(s.qualityScore()) + ")" + significance(s) + "</div>\n";
  }

  /** Whether the best quality's lead is more than noise, as the selection found. */
  private static String significance(SelectionRecord s) {
    if (s.leadSignificant() == null) {
      return "";
    }
    return s.leadSignificant() ? ". The lead of " + Html.escape(s.qualityLeader()) + " in quality is significant."
        : ". The lead of " + Html.escape(s.qualityLeader()) + " in quality is within noise of " + Html.escape(String.join(", ",
            s.withinNoiseOfLeader())) + "; decided by " + Html.escape(s.decidedBy()) + ".";
  }

  private static void selectionDetail(ReportPart part, String dataset, SelectionRecord selection) {
    Html.Table table = new Html.Table("class=\"selection\"", "rank", "model", "weighted score", "quality ("
        + selection.qualityScore() + ")", "p95 latency (ms)", "cost (USD)");
    List<SelectionRecord.Ranked> ranking = new ArrayList<>(selection.ranking());
    ranking.sort(Comparator.comparingInt(SelectionRecord.Ranked::rank));
    for (SelectionRecord.Ranked r : ranking) {
      boolean chosen = r.model().equals(selection.chosenModel());
      table.row("data-model=\"" + Html.escape(r.model()) + "\"", Integer.toString(r.rank()),
          chosen ? Html.badge("chosen", r.model()) : Html.escape(r.model()), Html.score(r.score()),
          Html.score(r.quality()), r.latencyP95Ms() == null ? "not measured" : Html.number(r.latencyP95Ms(), 4),
          r.costUsd() == null ? "not measured" : Html.number(r.costUsd(), 4));
    }
    part.add("<h4>Model selection</h4>\n");
    if (selection.verdict() != null) {
      part.add("<p class=\"verdict\" data-lead-significant=\"" + selection.leadSignificant() + "\">" + Html.escape(selection.verdict())
          + "</p>\n");
    }
    if (selection.comparisons() != null) {
      Html.Table pairs = new Html.Table("class=\"comparisons\"", "model A", "model B", "records both scored", "mean difference (A - B)",
          "interval", "test", "p", "p (Holm)", "significant at " + Html.number(selection.alpha(), 3));
      for (SelectionRecord.Comparison c : selection.comparisons()) {
        pairs.row("", Html.escape(c.modelA()), Html.escape(c.modelB()), Html.integer((double) c.pairs()), Html.score(c.meanDifference()),
            "[" + Html.score(c.low()) + ", " + Html.score(c.high()) + "]", Html.escape(c.test()), Html.number(c.pValue(), 3),
            Html.number(c.pAdjusted(), 3), c.significant() ? "yes" : "no");
      }
      part.add(pairs.render());
    }
    part.add(Charts.bars("Model selection on '" + dataset + "': weighted score by model", MODELS,
        new Axis("weighted score", "quality, latency and cost combined, higher is better"),
        new Series(ranking.stream().map(SelectionRecord.Ranked::model).toList(),
            Map.of("weighted score", ranking.stream().map(SelectionRecord.Ranked::score).toList())), null));
    part.add(table.render());
  }
}
