package llmops.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report's page: an at-a-glance table, then drift, distance and evaluation, each with one part per series or dataset. */
final class ReportPage {
  /** A top-level section: its parts, or a note saying why it has none. */
  record Section(String id, String title, List<ReportPart> parts, String emptyNote) {}

  private ReportPage() {}

  static String render(List<Section> sections, ReportTables tables, Instant generated) {
    StringBuilder contents = new StringBuilder("<nav><ul>\n");
    StringBuilder body = new StringBuilder(glance(sections));
    for (Section section : sections) {
      contents.append("<li><a href=\"#").append(section.id()).append("\">").append(Html.escape(section.title())).append("</a>");
      body.append("<section id=\"").append(section.id()).append("\">\n<h2>").append(Html.escape(section.title())).append("</h2>\n");
      if (section.parts().isEmpty()) {
        body.append(Html.note(section.emptyNote()));
      } else {
        contents.append("<ul>");
        for (ReportPart part : section.parts()) {
          contents.append("<li><a href=\"#").append(part.id()).append("\">").append(Html.escape(part.title())).append("</a></li>");
          body.append(part.render());
        }
        contents.append("</ul>");
      }
      contents.append("</li>\n");
      body.append("</section>\n");
    }
    contents.append("</ul></nav>\n");
    StringBuilder footer = new StringBuilder("<p class=\"note\">Generated " + Html.time((double) generated.getEpochSecond())
        + " by llmops report from the DynamoDB tables");
    tables.asMap().forEach((role, table) -> footer.append(' ').append(Html.escape(role)).append(" = ").append(Html.escape(table)).append(';'));
    footer.setLength(footer.length() - 1);
    footer.append(".</p>");
    return Html.page("LLMOps report", contents.toString(), body.toString(), footer.toString());
  }

  /** One line per series and dataset: the verdict, the outlier share, the selected or leading model. */
  private static String glance(List<Section> sections) {
    Html.Table table = new Html.Table("class=\"glance\"", "what", "series or dataset", "at a glance");
    for (Section section : sections) {
      for (ReportPart part : section.parts()) {
        Map<String, Object> facts = part.facts();
        String line;
        if (facts.containsKey("verdict")) {
          Object v = facts.get("verdict");
          line = Boolean.TRUE.equals(v) ? Html.badge("drift", "DRIFT") + " in the latest SNAPSHOT"
              : Boolean.FALSE.equals(v) ? Html.badge("nodrift", "no drift") + " in the latest SNAPSHOT" : Html.badge("unknown", "no verdict yet");
        } else if (facts.containsKey("outlier_share")) {
          line = Html.percent((Double) facts.get("outlier_share")) + " of the latest run's prompts are outliers";
        } else {
          Object chosen = facts.get("selected_model");
          line = chosen != null ? "selected model " + Html.badge("chosen", chosen.toString())
              : "leaders: " + Html.escape(leaders(facts)) + " (no model selection)";
        }
        table.row("", Html.escape(section.title()), "<a href=\"#" + part.id() + "\">" + Html.escape(part.title()) + "</a>", line);
      }
    }
    return table.isEmpty() ? "" : "<section id=\"glance\">\n<h2>At a glance</h2>\n" + table.render() + "</section>\n";
  }

  private static String leaders(Map<String, Object> facts) {
    StringBuilder out = new StringBuilder();
    facts.forEach((name, model) -> {
      if (name.endsWith("_leader")) {
        out.append(out.length() == 0 ? "" : ", ").append(name, 0, name.length() - "_leader".length()).append(": ").append(model);
      }
    });
    return out.toString();
  }

  /** The job's summary line: where the page is, what it shows, and the headline facts per part. */
  static Map<String, Object> summary(String output, long bytes, List<Section> sections, ReportTables tables) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job", "report");
    m.put("status", "ok");
    m.put("output", output);
    m.put("bytes", bytes);
    m.put("charts", sections.stream().flatMap(s -> s.parts().stream()).mapToInt(ReportPart::charts).sum());
    for (Section section : sections) {
      Map<String, Object> parts = new LinkedHashMap<>();
      section.parts().forEach(p -> parts.put(p.name(), p.facts()));
      m.put(section.id(), parts);
    }
    m.put("tables", tables.asMap());
    return m;
  }
}
