package llmops.udfs.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EventTimeTest {
  /** 2026-12-01T06:30:00Z. */
  private static final long MORNING = 1_796_106_600_000L;

  @Test
  void anIsoTimeWithAnOffsetIsThatInstant() {
    assertEquals(MORNING, EventTime.epochMillis("2026-12-01T06:30:00Z"));
    assertEquals(MORNING, EventTime.epochMillis("2026-12-01T08:30:00+02:00"));
  }

  @Test
  void anIsoTimeWithoutAnOffsetIsReadAsUtc() {
    assertEquals(MORNING, EventTime.epochMillis("2026-12-01T06:30:00"));
  }

  @Test
  void smallNumbersAreEpochSecondsAndLargeOnesMilliseconds() {
    assertEquals(MORNING, EventTime.epochMillis("1796106600"));
    assertEquals(MORNING, EventTime.epochMillis("1796106600000"));
    assertEquals(MORNING + 500, EventTime.epochMillis("1796106600.5"));
  }

  @Test
  void textOfNeitherFormIsRejectedWithTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventTime.epochMillis("yesterday"));
    assertEquals("'yesterday' is neither an ISO-8601 date-time nor epoch seconds or milliseconds", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EventTime.epochMillis("12:00"));
    assertThrows(IllegalArgumentException.class, () -> EventTime.epochMillis(""));
    assertThrows(IllegalArgumentException.class, () -> EventTime.epochMillis("NaN"));
  }
}
