package llmops.udfs.time;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fixed windows of whole hours or days aligned to the UTC epoch (a day runs from 00:00 UTC; seven
 * days from a Thursday, the epoch's weekday), so every run puts a record in the same window.
 */
public record TimeWindow(String spec, long widthMillis) implements Serializable {
  private static final Pattern SPEC = Pattern.compile("([1-9][0-9]{0,3})([hd])");
  private static final long HOUR = 3_600_000L;
  /** Labels name the start to the hour: the finest width there is. */
  private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

  /** "1h", "6h", "1d", "7d": a count of hours or days. */
  public static TimeWindow parse(String spec) {
    Matcher m = SPEC.matcher(spec);
    if (!m.matches()) {
      throw new IllegalArgumentException("--window must be a count of hours or days such as 1h, 6h, 1d or 7d (got '" + spec + "')");
    }
    long unit = m.group(2).equals("h") ? HOUR : 24 * HOUR;
    return new TimeWindow(spec, Long.parseLong(m.group(1)) * unit);
  }

  /** The start of the window holding this time, in epoch milliseconds. */
  public long start(long epochMillis) {
    return Math.floorDiv(epochMillis, widthMillis) * widthMillis;
  }

  /** A window's name in run ids and summaries: its start in UTC, e.g. 2026-12-01T00. */
  public static String label(long startMillis) {
    return LABEL.format(Instant.ofEpochMilli(startMillis));
  }
}
