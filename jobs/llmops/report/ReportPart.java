package llmops.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** One part of the report (a drift series, a distance series, a dataset): its HTML, its charts, and the facts the summary line tells. */
final class ReportPart {
  private final String id;
  private final String name;
  private final String title;
  private final StringBuilder html = new StringBuilder();
  private final Map<String, Object> facts = new LinkedHashMap<>();
  private int charts;

  /** {@code kind} ("drift", "distance", "eval") and {@code name} (the series or dataset) make the part's anchor. */
  ReportPart(String kind, String name, String title) {
    this.id = kind + "-" + name.replaceAll("[^A-Za-z0-9_-]", "_");
    this.name = name;
    this.title = title;
  }

  void add(String fragment) {
    html.append(fragment);
  }

  void add(Charts.Chart chart) {
    charts++;
    html.append(Html.figure(chart));
  }

  void fact(String name, Object value) {
    facts.put(name, value);
  }

  String id() {
    return id;
  }

  String name() {
    return name;
  }

  String title() {
    return title;
  }

  int charts() {
    return charts;
  }

  Map<String, Object> facts() {
    return facts;
  }

  String render() {
    return "<section class=\"part\" id=\"" + id + "\">\n<h3>" + Html.escape(title) + "</h3>\n" + html + "</section>\n";
  }
}
