package llmops.report;

import llmops.eval.PairwiseRecord;

/**
 * A dataset's latest pairwise judging ({@code PAIRWISE#LATEST}): per pair of models, wins, ties and losses
 * with their intervals and how often the judge's verdict followed the position; with more than two models
 * the Bradley–Terry ranking.
 */
final class PairwiseSection {
  private PairwiseSection() {}

  static ReportPart render(String dataset, PairwiseRecord pairwise) {
    ReportPart part = new ReportPart("pairwise", dataset, "Pairwise judging, dataset '" + dataset + "'");
    part.add("<p>Judge " + Html.escape(pairwise.judge()) + " on \"" + Html.escape(pairwise.criteria()) + "\" (run " + Html.escape(pairwise.runId())
        + ", " + Html.time((double) pairwise.runTs()) + "). Each input was judged in both orders; a verdict that flipped with the order"
        + " counts as a tie. Intervals: Wilson, " + Html.number(pairwise.level() * 100, 3) + " %.</p>\n");
    Html.Table table = new Html.Table("class=\"pairwise\" data-dataset=\"" + Html.escape(dataset) + "\"", "model A", "model B", "compared",
        "A wins", "ties", "B wins", "flipped", "A win rate", "B win rate", "unreadable");
    for (PairwiseRecord.Pair p : pairwise.pairs()) {
      table.row("data-pair=\"" + Html.escape(p.modelA() + " vs " + p.modelB()) + "\"", Html.escape(p.modelA()), Html.escape(p.modelB()),
          Long.toString(p.comparisons()), Long.toString(p.winsA()), Long.toString(p.ties()), Long.toString(p.winsB()), Long.toString(p.flipped()),
          rate(p.winRateA()), rate(p.winRateB()), p.failuresByReason() == null ? "0"
              : Long.toString(p.failuresByReason().values().stream().mapToLong(Long::longValue).sum()));
    }
    part.add(table.render());
    if (pairwise.bradleyTerry() != null) {
      Html.Table ranking = new Html.Table("class=\"bradley-terry\"", "rank", "model", "strength");
      pairwise.bradleyTerry().forEach(s -> ranking.row("data-model=\"" + Html.escape(s.model()) + "\"", Integer.toString(s.rank()),
          Html.escape(s.model()), Html.number(s.strength(), 3)));
      part.add("<h4>Bradley–Terry ranking" + (pairwise.bradleyTerryConverged() ? ""
          : " " + Html.note("no finite fit: some model never won or never lost, so this is an order only")) + "</h4>\n" + ranking.render());
      part.fact("pairwise_leader", pairwise.bradleyTerry().get(0).model());
    }
    return part;
  }

  private static String rate(PairwiseRecord.Rate rate) {
    return rate == null ? "not measured" : Html.score(rate.rate()) + " [" + Html.score(rate.low()) + ", " + Html.score(rate.high()) + "]";
  }
}
