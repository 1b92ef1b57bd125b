package llmops.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import llmops.eval.EvaluationScores;
import llmops.report.Charts.Axis;
import llmops.report.Charts.Series;
import llmops.udfs.report.Leaderboard;

/**
 * One evaluation dataset: a leaderboard of the models' latest runs per algorithm (ranked by the
 * algorithm's headline score), the per-category breakdown, latency and cost where a model runner
 * measured them, and the model selection when one was made.
 */
final class EvaluationSection {
  /** Scores on a 0-100 scale (sacrebleu's BLEU): listed in the tables, left out of the 0-1 charts. */
  private static final Set<String> HUNDRED_SCALE = Set.of("bleu", "bleu_corpus");
  private static final Axis MODELS = new Axis("model", "name");
  private static final Axis SCORE = new Axis("mean score", "0 to 1, higher is better");

  private EvaluationSection() {}

  /** {@code latest}: the dataset's {@code LATEST#<model>} items; {@code selection}: its {@code SELECTION#LATEST} item. */
  static ReportPart render(String dataset, List<Map<String, Object>> latest, Optional<Map<String, Object>> selection) {
    ReportPart part = new ReportPart("eval", dataset, "Evaluation, dataset '" + dataset + "'");
    part.add(selectionCallout(selection));
    for (String algorithm : algorithms(latest)) {
      List<String> scores = EvaluationScores.SCORE_NAMES.get(algorithm);
      if (scores == null) {
        part.add(Html.note("Algorithm '" + algorithm + "' is not known to this report; its scores are in the items."));
        continue;
      }
      List<Leaderboard.Entry> ranked = leaderboard(part, dataset, algorithm, scores, latest);
      categories(part, dataset, algorithm, scores.get(0), ranked, latest);
      if (ranked.get(0).rank() == 1) {
        part.fact(algorithm + "_leader", ranked.get(0).model());
      }
    }
    invocation(part, dataset, latest);
    selection.ifPresent(s -> selectionDetail(part, dataset, s));
    part.fact("selected_model", selection.map(s -> Values.text(s, "chosen_model")).orElse(null));
    return part;
  }

  /** The algorithms the runs were scored with, in the order they were configured. */
  private static List<String> algorithms(List<Map<String, Object>> latest) {
    Set<String> names = new LinkedHashSet<>();
    for (Map<String, Object> item : latest) {
      for (Object a : Values.list(item, "algorithms")) {
        @SuppressWarnings("unchecked")
        String name = Values.text((Map<String, Object>) a, "name");
        names.add(name);
      }
    }
    return new ArrayList<>(names);
  }

  private static Map<String, Object> byModel(List<Map<String, Object>> latest, String model) {
    return latest.stream().filter(i -> model.equals(Values.text(i, "model"))).findFirst().orElseThrow();
  }

  private static List<Leaderboard.Entry> leaderboard(ReportPart part, String dataset, String algorithm, List<String> scores,
      List<Map<String, Object>> latest) {
    String headline = scores.get(0);
    Map<String, Double> byHeadline = new LinkedHashMap<>();
    latest.forEach(item -> byHeadline.put(Values.text(item, "model"), Values.number(item, "scores/" + headline)));
    List<Leaderboard.Entry> ranked = Leaderboard.rank(byHeadline);

    List<String> headers = new ArrayList<>(List.of("rank", "model"));
    headers.addAll(scores);
    headers.addAll(List.of("scored / records", "run"));
    Html.Table table = new Html.Table("class=\"leaderboard\" data-dataset=\"" + Html.escape(dataset) + "\" data-algorithm=\""
        + Html.escape(algorithm) + "\"", headers.toArray(String[]::new));
    Map<String, List<Double>> chart = new LinkedHashMap<>();
    List<String> charted = scores.stream().filter(s -> !HUNDRED_SCALE.contains(s)).toList();
    for (Leaderboard.Entry entry : ranked) {
      Map<String, Object> item = byModel(latest, entry.model());
      List<String> cells = new ArrayList<>(List.of(entry.rank() == 0 ? "–" : Integer.toString(entry.rank()), Html.escape(entry.model())));
      scores.forEach(s -> cells.add(Html.score(Values.number(item, "scores/" + s))));
      cells.add(Html.integer(Values.number(item, "scored")) + " / " + Html.integer(Values.number(item, "records")));
      cells.add(Html.escape(Values.text(item, "run_id")));
      table.row("data-model=\"" + Html.escape(entry.model()) + "\"", cells.toArray(String[]::new));
      chart.put(entry.model(), charted.stream().map(s -> Values.number(item, "scores/" + s)).toList());
    }
    part.add("<h4>" + Html.escape(algorithm) + ": leaderboard, ranked by " + Html.escape(headline) + "</h4>\n" + table.render());
    part.add(Charts.bars(algorithm + " on '" + dataset + "': scores by model", new Axis("score", "fmeval score name"), SCORE,
        new Series(charted, chart), null));
    if (charted.size() < scores.size()) {
      part.add(Html.note("BLEU is on a 0-100 scale: it is in the table, not the chart."));
    }
    return ranked;
  }

  private static void categories(ReportPart part, String dataset, String algorithm, String headline, List<Leaderboard.Entry> ranked,
      List<Map<String, Object>> latest) {
    Set<String> categories = new TreeSet<>();
    latest.forEach(item -> categories.addAll(Values.map(item, "category_scores").keySet()));
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
    ranked.forEach(e -> values.put(e.model(), names.stream().map(c -> categoryScore(byModel(latest, e.model()), c, headline)).toList()));
    part.add(Charts.bars(headline + " per category on '" + dataset + "'", new Axis("category", "the dataset's category field"),
        new Axis("mean " + headline, "0 to 1, higher is better"), new Series(names, values), null));
    part.add(table.render());
  }

  private static Double categoryScore(Map<String, Object> item, String category, String score) {
    Object value = Values.map(item, "category_scores").get(category);
    @SuppressWarnings("unchecked")
    Map<String, Object> scores = value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    return Values.number(scores, score);
  }

  /** Latency, tokens and cost from the model runner's {@code invocation} map; "not measured" where a run has none. */
  private static void invocation(ReportPart part, String dataset, List<Map<String, Object>> latest) {
    part.add("<h4>Latency and cost</h4>\n");
    List<Map<String, Object>> measured = latest.stream().filter(i -> Values.at(i, "invocation") != null).toList();
    if (measured.isEmpty()) {
      part.add(Html.note("Latency and cost: not measured (the models' answers were already in the dataset; no model runner called an endpoint)."));
      return;
    }
    Html.Table table = new Html.Table("class=\"invocation\"", "model", "runner", "requests", "answered", "p50 latency (ms)",
        "p95 latency (ms)", "p99 latency (ms)", "input tokens", "output tokens", "cost (USD)");
    for (Map<String, Object> item : latest) {
      String model = Html.escape(Values.text(item, "model"));
      if (Values.at(item, "invocation") == null) {
        table.row("data-model=\"" + model + "\"", model, "<span class=\"note\">not measured</span>", "", "", "", "", "", "", "", "");
        continue;
      }
      Double cost = Values.number(item, "invocation/cost_usd");
      table.row("data-model=\"" + model + "\"", model, Html.escape(Values.text(item, "invocation/runner")),
          Html.integer(Values.number(item, "invocation/requests")), Html.integer(Values.number(item, "invocation/answered")),
          Html.number(Values.number(item, "invocation/latency_ms/p50"), 4), Html.number(Values.number(item, "invocation/latency_ms/p95"), 4),
          Html.number(Values.number(item, "invocation/latency_ms/p99"), 4), Html.integer(Values.number(item, "invocation/input_tokens")),
          Html.integer(Values.number(item, "invocation/output_tokens")),
          cost == null ? "<span class=\"note\">not priced</span>" : String.format(java.util.Locale.ROOT, "%.4f", cost));
    }
    List<String> models = measured.stream().map(i -> Values.text(i, "model")).toList();
    Map<String, List<Double>> latency = new LinkedHashMap<>();
    for (String q : List.of("p50", "p95", "p99")) {
      latency.put(q, measured.stream().map(i -> Values.number(i, "invocation/latency_ms/" + q)).toList());
    }
    part.add(Charts.bars("Latency per request by model on '" + dataset + "'", MODELS, new Axis("latency", "ms"),
        new Series(models, latency), null));
    List<Map<String, Object>> priced = measured.stream().filter(i -> Values.number(i, "invocation/cost_usd") != null).toList();
    if (!priced.isEmpty()) {
      part.add(Charts.bars("Cost of the run by model on '" + dataset + "'", MODELS, new Axis("cost of the evaluation run", "USD"),
          new Series(priced.stream().map(i -> Values.text(i, "model")).toList(),
              Map.of("cost", priced.stream().map(i -> Values.number(i, "invocation/cost_usd")).toList())), null));
    }
    part.add(table.render());
  }

  private static String selectionCallout(Optional<Map<String, Object>> selection) {
    if (selection.isEmpty()) {
      return "<div class=\"callout\">Model selection: <span class=\"note\">not measured</span> (no selection run for this dataset).</div>\n";
    }
    Map<String, Object> s = selection.get();
    return "<div class=\"callout\">Selected model: " + Html.badge("chosen", Values.text(s, "chosen_model")) + " (selection run "
        + Html.escape(Values.text(s, "run_id")) + ", " + Html.time(Values.number(s, "run_ts")) + "; weights quality "
        + Html.number(Values.number(s, "weights/quality"), 3) + ", latency " + Html.number(Values.number(s, "weights/latency"), 3)
        + ", cost " + Html.number(Values.number(s, "weights/cost"), 3) + "; quality is " + Html.escape(Values.text(s, "quality_score"))
        + ")</div>\n";
  }

  @SuppressWarnings("unchecked")
  private static void selectionDetail(ReportPart part, String dataset, Map<String, Object> selection) {
    Html.Table table = new Html.Table("class=\"selection\"", "rank", "model", "weighted score", "quality ("
        + Values.text(selection, "quality_score") + ")", "p95 latency (ms)", "cost (USD)");
    List<Map<String, Object>> ranking = new ArrayList<>(Values.list(selection, "ranking").stream().map(r -> (Map<String, Object>) r).toList());
    ranking.sort(java.util.Comparator.comparingDouble(r -> Values.number(r, "rank")));
    for (Map<String, Object> r : ranking) {
      String model = Values.text(r, "model");
      boolean chosen = model.equals(Values.text(selection, "chosen_model"));
      table.row("data-model=\"" + Html.escape(model) + "\"", Html.integer(Values.number(r, "rank")),
          chosen ? Html.badge("chosen", model) : Html.escape(model), Html.score(Values.number(r, "score")),
          Html.score(Values.number(r, "quality")), Values.number(r, "latency_p95_ms") == null ? "not measured"
              : Html.number(Values.number(r, "latency_p95_ms"), 4),
          Values.number(r, "cost_usd") == null ? "not measured" : Html.number(Values.number(r, "cost_usd"), 4));
    }
    part.add("<h4>Model selection</h4>\n");
    part.add(Charts.bars("Model selection on '" + dataset + "': weighted score by model", MODELS,
        new Axis("weighted score", "quality, latency and cost combined, higher is better"),
        new Series(ranking.stream().map(r -> Values.text(r, "model")).toList(),
            Map.of("weighted score", ranking.stream().map(r -> Values.number(r, "score")).toList())), null));
    part.add(table.render());
  }
}
