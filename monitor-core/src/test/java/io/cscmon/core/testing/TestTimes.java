package io.cscmon.core.testing;

import java.time.Instant;

/** Named event times shared by the tests, so that a test reads as a timeline. */
public final class TestTimes {
  private TestTimes() {}

  /** A Friday morning at the center, 10:00 Beijing time. */
  public static final long BEGINNING = Instant.parse("2026-11-27T02:00:00Z").toEpochMilli();

  public static final long ONE_SECOND = 1_000L;
  public static final long ONE_MINUTE = 60_000L;

  public static final long ONE_MINUTE_LATER = BEGINNING + ONE_MINUTE;
  public static final long TWO_MINUTES_LATER = BEGINNING + 2 * ONE_MINUTE;
  public static final long FIVE_MINUTES_LATER = BEGINNING + 5 * ONE_MINUTE;
  public static final long TEN_MINUTES_LATER = BEGINNING + 10 * ONE_MINUTE;

  public static long minutesLater(int minutes) {
    return BEGINNING + minutes * ONE_MINUTE;
  }
}
