package io.cscmon.core.parse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides whether an event time is plausible. CONTRACT §1 rejects a timestamp more than 7 days from
 * the newest event seen — on either side: in a recorded file, a line a month after the others would
 * otherwise become "the newest event" and every valid line after it would be rejected.
 *
 * <p>One exception keeps a live feed alive: a line within the tolerance of the wall clock is never
 * rejected for being newer than the newest event seen. Otherwise one stale first line (a backfill 8
 * days old) would reject every current line after it, for good, since rejected lines never advance
 * the newest event. A recorded file from the past cannot hit the exception: its lines are far from
 * the wall clock.
 *
 * <p>Two absolute bounds guard the start of a stream, where nothing has been seen yet: a first line
 * at epoch 0 or in the year 9999 would otherwise become "the newest event". Times before 2000 are
 * never contact-center events; times more than the tolerance beyond the wall clock cannot have been
 * recorded yet. Thread-safe: the HTTP ingest shares one guard between its event-loop threads.
 */
public final class TimestampGuard {

  public static final Duration DEFAULT_TOLERANCE = Duration.ofDays(7);
  static final long FLOOR_MS = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

  private final long toleranceMs;
  private final Clock clock;
  private final AtomicLong newest = new AtomicLong(Long.MIN_VALUE);

  public TimestampGuard() {
    this(DEFAULT_TOLERANCE, Clock.systemUTC());
  }

  public TimestampGuard(Duration tolerance, Clock clock) {
    this.toleranceMs = tolerance.toMillis();
    this.clock = clock;
  }

  /** Returns {@code null} when {@code ts} is acceptable, else why not. */
  public String check(long ts) {
    if (ts < FLOOR_MS) {
      return "is before 2000-01-01";
    }
    long now = clock.millis();
    if (ts > now + toleranceMs) {
      return "is more than " + days() + " days in the future";
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
    boolean live = now - ts <= toleranceMs;
    if (ts - seen > toleranceMs && !live) {
      return "is more than "
          + days()
          + " days after the newest event seen ("
          + Instant.ofEpochMilli(seen)
          + ")";
    }
    return null;
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
