package io.cscmon.core.parse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides whether an event time is plausible. CONTRACT §1 rejects a timestamp more than 7 days from
 * the newest event seen — on either side: in a recorded file, a line a month after the others would
 * otherwise become "the newest event" and every valid line after it would be rejected.
 *
 * <p>A {@link #recorded} file is judged by its own lines alone, so that replaying it gives the same
 * output on any day (CONTRACT §3): nothing here reads the wall clock, and the rule holds on both
 * sides. Two fixed bounds guard its first line, where nothing has been seen yet: a first line at
 * epoch 0 or in the year 9999 would otherwise become "the newest event". Times before 2000 or from
 * 2100 on are never contact-center events.
 *
 * <p>A live feed (the default: HTTP, Kafka) has the wall clock to go by, and one exception keeps it
 * alive: a line within the tolerance of the wall clock is never rejected for being newer than the
 * newest event seen. Otherwise one stale first line (a backfill 8 days old) would reject every
 * current line after it, for good, since rejected lines never advance the newest event. Its future
 * is bounded by the wall clock: a time more than the tolerance ahead cannot have been recorded yet.
 * Thread-safe: the HTTP ingest shares one guard between its event-loop threads.
 */
public final class TimestampGuard {

  public static final Duration DEFAULT_TOLERANCE = Duration.ofDays(7);
  static final long FLOOR_MS = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
  static final long CEILING_MS = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();

  private final long toleranceMs;

  /** The wall clock of a live feed; null for a recorded file. */
  private final Clock clock;

  private final AtomicLong newest = new AtomicLong(Long.MIN_VALUE);

  /** For a live feed, by the system's wall clock. */
  public TimestampGuard() {
    this(DEFAULT_TOLERANCE, Clock.systemUTC());
  }

  /** For a live feed, by {@code clock}. */
  public TimestampGuard(Duration tolerance, Clock clock) {
    this.toleranceMs = tolerance.toMillis();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private TimestampGuard(Duration tolerance) {
    this.toleranceMs = tolerance.toMillis();
    this.clock = null;
  }

  /** For a recorded file: its own lines alone decide, never the wall clock. */
  public static TimestampGuard recorded() {
    return recorded(DEFAULT_TOLERANCE);
  }

  public static TimestampGuard recorded(Duration tolerance) {
    return new TimestampGuard(tolerance);
  }

  /** Returns {@code null} when {@code ts} is acceptable, else why not. */
  public String check(long ts) {
    if (ts < FLOOR_MS) {
      return "is before 2000-01-01";
    }
    boolean live = false;
    if (clock == null) {
      if (ts >= CEILING_MS) {
        return "is after 2099";
      }
    } else {
      long now = clock.millis();
      if (ts > now + toleranceMs) {
        return "is more than " + days() + " days in the future";
      }
      live = now - ts <= toleranceMs;
    }
    long seen = newest.get();
    if (seen == Long.MIN_VALUE) {
      return null;
    }
    if (seen - ts > toleranceMs) {
      return "is more than "
          + days()
          + " days before the newest event seen ("
          + Instant.ofEpochMilli(seen)
          + ")";
    }
    if (ts - seen > toleranceMs && !live) {
      return "is more than "
          + days()
          + " days after the newest event seen ("
          + Instant.ofEpochMilli(seen)
          + ")";
    }
    return null;
  }

  /**
   * Lines a recorded file's reader looks ahead at before judging its first line ({@link #seed}).
   */
  public static final int SEED_LINES = 20;

  /**
   * Gives a recorded file's guard the newest event seen before it judges the first line, from the
   * times of the file's first lines ({@link #SEED_LINES}): the newest of those within the tolerance
   * of their median. Without it the first line is "the newest event", and one first line dated 2030
   * (or any year to 2099) rejected every valid line after it. Now that line is judged against the
   * others as any line is. Does nothing for a live feed (the wall clock judges its first line) or
   * once a time has been seen.
   *
   * @param times event times of lines that parsed, in any order (changed: sorted)
   * @param count how many of {@code times} to take
   */
  public void seed(long[] times, int count) {
    if (clock != null || newest.get() != Long.MIN_VALUE) {
      return;
    }
    // Only times the fixed bounds let through: lines dated 1970 must not become the reference.
    int plausible = 0;
    for (int i = 0; i < count; i++) {
      if (times[i] >= FLOOR_MS && times[i] < CEILING_MS) {
        times[plausible++] = times[i];
      }
    }
    if (plausible == 0) {
      return;
    }
    Arrays.sort(times, 0, plausible);
    long median = times[(plausible - 1) / 2];
    long seed = Long.MIN_VALUE;
    for (int i = 0; i < plausible; i++) {
      if (Math.abs(times[i] - median) <= toleranceMs) {
        seed = Math.max(seed, times[i]);
      }
    }
    accept(seed);
  }

  /** Records an accepted event time. */
  public void accept(long ts) {
    // Most events are not the newest: read first, and pay for an atomic write only when it moves
    // (accumulateAndGet would compare-and-set on every event).
    long seen = newest.get();
    while (ts > seen && !newest.compareAndSet(seen, ts)) {
      seen = newest.get();
    }
  }

  private long days() {
    return Duration.ofMillis(toleranceMs).toDays();
  }
}
