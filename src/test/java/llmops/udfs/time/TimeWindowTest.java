package llmops.udfs.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TimeWindowTest {
  /** 2026-12-01T00:00:00Z, a Tuesday. */
  private static final long DECEMBER_FIRST = 1_796_083_200_000L;
  private static final long HOUR = 3_600_000L;

  @Test
  void aDayWindowStartsAtMidnightUtc() {
    TimeWindow day = TimeWindow.parse("1d");
    assertEquals(DECEMBER_FIRST, day.start(DECEMBER_FIRST));
    assertEquals(DECEMBER_FIRST, day.start(DECEMBER_FIRST + 24 * HOUR - 1));
    assertEquals(DECEMBER_FIRST + 24 * HOUR, day.start(DECEMBER_FIRST + 24 * HOUR));
  }

  @Test
  void anHourWindowStartsOnTheHour() {
    assertEquals(DECEMBER_FIRST + 6 * HOUR, TimeWindow.parse("1h").start(DECEMBER_FIRST + 6 * HOUR + 59 * 60_000));
  }

  @Test
  void sevenDayWindowsAreAlignedToTheEpochsThursday() {
    // 1970-01-01 was a Thursday; 2026-11-26 is the Thursday before December 1st.
    assertEquals(DECEMBER_FIRST - 5 * 24 * HOUR, TimeWindow.parse("7d").start(DECEMBER_FIRST));
  }

  @Test
  void timesBeforeTheEpochFallInTheWindowBeforeIt() {
    assertEquals(-24 * HOUR, TimeWindow.parse("1d").start(-1));
  }

  @Test
  void aWindowIsLabelledByItsStartToTheHour() {
    assertEquals("2026-12-01T00", TimeWindow.label(DECEMBER_FIRST));
    assertEquals("2026-12-01T06", TimeWindow.label(DECEMBER_FIRST + 6 * HOUR));
  }

  @Test
  void onlyCountsOfHoursOrDaysAreWindows() {
    assertEquals(7 * 24 * HOUR, TimeWindow.parse("7d").widthMillis());
    assertThrows(IllegalArgumentException.class, () -> TimeWindow.parse("1w"));
    assertThrows(IllegalArgumentException.class, () -> TimeWindow.parse("0d"));
    assertThrows(IllegalArgumentException.class, () -> TimeWindow.parse("30m"));
  }
}
