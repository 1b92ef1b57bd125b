package llmops.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The pieces of the report's one HTML file: escaped text, numbers, tables, and charts as PNG data
 * URIs. Nothing in the page refers to anything outside it: no scripts, no fonts, no URLs.
 */
final class Html {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private static final String STYLE = """
      body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 0 auto; max-width: 1000px; padding: 0 16px 48px;
             color: #222; line-height: 1.4; }
      h1 { margin-top: 24px; } h2 { border-bottom: 2px solid #1f77b4; padding-bottom: 4px; margin-top: 40px; }
      h3 { margin-top: 28px; } h4 { margin: 20px 0 6px; }
      nav ul { padding-left: 20px; } nav li { margin: 2px 0; }
      table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
      th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }
      th { background: #f2f4f7; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
      figure { margin: 12px 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
      figcaption { font-size: 12px; color: #555; }
      .note { color: #555; font-style: italic; }
      .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: bold; font-size: 13px; }
      .drift { background: #fde2e1; color: #a1201b; } .nodrift { background: #dff3e0; color: #1f6d25; } .warning { background: #fff1cc; color: #7a5200; }
      .unknown { background: #eee; color: #555; } .chosen { background: #e1ecfb; color: #174a8c; }
      .callout { border-left: 4px solid #1f77b4; background: #f7f9fc; padding: 8px 12px; margin: 12px 0; }
      td.text { max-width: 520px; }
      """;

  private Html() {}

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A number with {@code digits} significant digits, or a dash when there is none. */
  static String number(Double value, int digits) {
    return value == null || value.isNaN() ? "–" : String.format(Locale.ROOT, "%." + digits + "g", value);
  }

  /** A score with four decimals, so that a column of scores lines up; a dash when there is none. */
  static String score(Double value) {
    return value == null || value.isNaN() ? "–" : String.format(Locale.ROOT, "%.4f", value);
  }

  /** A count, or a dash when there is none. */
  static String integer(Double value) {
    return value == null || value.isNaN() ? "–" : Long.toString(Math.round(value));
  }

  /** A share (0-1) as a percentage with one decimal. */
  static String percent(Double share) {
    return share == null || share.isNaN() ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * share);
  }

  static String time(Double epochSeconds) {
    return epochSeconds == null ? "–" : TIME.format(Instant.ofEpochSecond(epochSeconds.longValue()));
  }

  static String figure(Charts.Chart chart) {
    return "<figure><img alt=\"" + escape(chart.title()) + "\" width=\"900\" height=\"380\" src=\"data:image/png;base64,"
        + Base64.getEncoder().encodeToString(chart.png()) + "\"><figcaption>" + escape(chart.title()) + ": " + escape(chart.y().label())
        + " by " + escape(chart.x().label()) + "</figcaption></figure>\n";
  }

  static String note(String text) {
    return "<p class=\"note\">" + escape(text) + "</p>\n";
  }

  static String badge(String cssClass, String text) {
    return "<span class=\"badge " + cssClass + "\">" + escape(text) + "</span>";
  }

  /** A table whose header cells are text and whose row cells are HTML (escape text with {@link #escape}). */
  static final class Table {
    private final String attributes;
    private final List<String> headers;
    private final List<String> rows = new ArrayList<>();

    Table(String attributes, String... headers) {
      this.attributes = attributes;
      this.headers = List.of(headers);
    }

    /** A row; {@code rowAttributes} (e.g. {@code data-model="x"}) lets tests and readers find it. */
    Table row(String rowAttributes, String... cells) {
      if (cells.length != headers.size()) {
        throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns");
      }
      StringBuilder tr = new StringBuilder("<tr").append(rowAttributes.isEmpty() ? "" : " " + rowAttributes).append('>');
      for (String cell : cells) {
        boolean numeric = cell.matches("[-+0-9.e %–]+");
        tr.append(numeric ? "<td class=\"num\">" : "<td>").append(cell).append("</td>");
      }
      rows.add(tr.append("</tr>").toString());
      return this;
    }

    boolean isEmpty() {
      return rows.isEmpty();
    }

    String render() {
      StringBuilder out = new StringBuilder("<table").append(attributes.isEmpty() ? "" : " " + attributes).append("><thead><tr>");
      headers.forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
      out.append("</tr></thead><tbody>\n");
      rows.forEach(r -> out.append(r).append('\n'));
      return out.append("</tbody></table>\n").toString();
    }
  }

  /** The whole page: title, contents, the sections, and where the data came from. */
  static String page(String title, String contents, String body, String footer) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + escape(title) + "</title>\n<style>\n" + STYLE + "</style></head>\n<body>\n<h1>" + escape(title) + "</h1>\n"
        + contents + body + "<footer>" + footer + "</footer>\n</body></html>\n";
  }
}
