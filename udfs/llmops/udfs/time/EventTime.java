package llmops.udfs.time;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Pattern;

/**
 * A record's time as epoch milliseconds, from the text of its time field: an ISO-8601 date-time
 * (with an offset, or else read as UTC) or a number of epoch seconds or milliseconds.
 */
public final class EventTime {
  /**
   * Numbers at or above this are milliseconds: as seconds they would be after the year 5000, as
   * milliseconds they are after March 1973, so every plausible time of either unit is read right.
   */
  static final double MILLISECONDS_FROM = 1e11;

  /** A plain decimal number (no NaN or Infinity, which are no time). */
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private EventTime() {}

  /** @throws IllegalArgumentException with the reason, when the text is neither form */
  public static long epochMillis(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("the time is empty");
    }
    if (NUMBER.matcher(t).matches()) {
      double value = Double.parseDouble(t);
      return Math.abs(value) >= MILLISECONDS_FROM ? Math.round(value) : Math.round(value * 1000);
    }
    try {
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(t, OffsetDateTime::from, LocalDateTime::from);
      OffsetDateTime time = parsed instanceof OffsetDateTime o ? o : ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
      return time.toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + t + "' is neither an ISO-8601 date-time nor epoch seconds or milliseconds");
    }
  }
}
