package io.cscmon.core.parse;

import java.time.Duration;

/**
 * The event time of one input — a file, a Kafka partition — driven by its data alone: the watermark
 * is the newest plausible event time minus the out-of-order tolerance, moved in steps of at least
 * {@code step}, and an event at or behind it is late. Flink's per-split watermark generator and the
 * late-line decision after parsing each keep one clock per input and feed it the same times, so
 * they agree: an event that is not late for its own input is never behind the watermark either, and
 * whether it is late depends on that input only, not on how the reader interleaved its inputs.
 * Implausible times (CONTRACT §1's 7-day rule, see {@link TimestampGuard}) do not move the clock,
 * so that one line dated 9999 cannot make every later line late.
 */
public final class EventClock {

  private final long toleranceMs;
  private final long stepMs;

  /** No event time (a rejected line): never a real one, the parser rejects times before 2000. */
  public static final long NONE = Long.MIN_VALUE;

  private long newest = NONE;
  private long watermark = Long.MIN_VALUE;

  public EventClock(Duration tolerance, Duration step) {
    this.toleranceMs = tolerance.toMillis();
    this.stepMs = step.toMillis();
  }

  /** A clock as it was checkpointed ({@link #newest()}, {@link #watermark()}). */
  public static EventClock restored(
      Duration tolerance, Duration step, long newest, long watermark) {
    EventClock clock = new EventClock(tolerance, step);
    clock.newest = newest;
    clock.watermark = watermark;
    return clock;
  }

  /** Whether an event at {@code ts} is behind this input's event time (before advancing). */
  public boolean isLate(long ts) {
    return ts != NONE && ts <= watermark;
  }

  /**
   * Takes an event time (or {@link #NONE}, which changes nothing) and answers whether the watermark
   * moved.
   */
  public boolean advance(long ts) {
    if (ts == NONE) {
      return false;
    }
    newest = Math.max(newest, ts);
    long candidate = newest - toleranceMs - 1;
    if (watermark == Long.MIN_VALUE || candidate - watermark >= stepMs) {
      watermark = candidate;
      return true;
    }
    return false;
  }

  /** Events at or before this time are late; {@code Long.MIN_VALUE} before the first event. */
  public long watermark() {
    return watermark;
  }

  /** The newest event time seen, or {@link #NONE}. */
  public long newest() {
    return newest;
  }
}
