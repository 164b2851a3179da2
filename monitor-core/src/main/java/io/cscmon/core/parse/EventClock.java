package io.cscmon.core.parse;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The event time of one input — a file, a Kafka partition — driven by its data alone: the watermark
 * is the newest plausible event time minus the out-of-order tolerance, moved in steps of at least
 * {@code step}, and an event at or behind it is late. Flink's per-split watermark generator and the
 * late-line decision after parsing each keep one clock per input and feed it the same times, so
 * they agree: an event that is not late for its own input is never behind the watermark either, and
 * whether it is late depends on that input only, not on how the reader interleaved its inputs.
 * Implausible times (CONTRACT §1's 7-day rule, see {@link TimestampGuard}) do not move the clock,
 * so that one line dated 9999 cannot make every later line late.
 *
 * <p>Nor can one line from a sender whose clock is wrong by less than that: a time more than {@link
 * #JUMP_MS} ahead of the newest is a jump, and moves the clock only once {@link #CONFIRM} lines in
 * a row make it (a replayed file with a gap, a feed resuming after an outage); until then it is
 * {@linkplain #isAhead ahead}, and the first line that is not ends the run. One health sample dated
 * a day ahead had made the next 203,249 valid lines late and paged eleven component outages at
 * level I (an outside sweep). A live input has the wall clock too: a line within {@link
 * #NEAR_WALL_CLOCK_MS} of it is now, never ahead, so a quiet input that resumes is not held up.
 *
 * <p>A replay's first line has no newest time to be judged against; taken as the newest, a first
 * line from a clock a day ahead made every line after it late. So a replay's input {@linkplain
 * #hold holds} its first {@link #CONFIRM} times and then {@linkplain #start starts}: the earliest
 * of them (but for any far behind the others) is what the first lines are judged ahead of until one
 * moves the clock, and they are taken in their order as any line. Both users of a replay's clock
 * (the source's watermark generator, the parse step) do this, so they agree; a live input starts at
 * its first line, as the wall clock judges it.
 */
public final class EventClock {

  private final long toleranceMs;
  private final long stepMs;

  /** No event time (a rejected line): never a real one, the parser rejects times before 2000. */
  public static final long NONE = Long.MIN_VALUE;

  /**
   * A time this far ahead of the newest is a jump, taken only when {@link #CONFIRM} lines make it.
   */
  public static final long JUMP_MS = Duration.ofMinutes(10).toMillis();

  /**
   * Lines in a row ahead that make a jump. Twenty: a sender with a wrong clock sends a few lines
   * between the others' (a batch of twenty of its own is rare), a real jump brings every line after
   * it.
   */
  public static final int CONFIRM = 20;

  /** A line this close to the wall clock (a live input) is now, never ahead. */
  public static final long NEAR_WALL_CLOCK_MS = Duration.ofMinutes(5).toMillis();

  private final LongSupplier wallClock;

  private long newest = NONE;
  private long watermark = Long.MIN_VALUE;

  /** The first times of a replay's input, before it {@linkplain #start starts}. */
  private long[] held;

  private int heldCount;
  private boolean started;

  /** Until the first line moves the clock, what a line is judged ahead of ({@link #start}). */
  private long startReference = NONE;

  /** The run of lines ahead so far, and its newest time. */
  private int aheadRun;

  private long aheadNewest = NONE;

  /** A clock by its data alone (a replay). */
  public EventClock(Duration tolerance, Duration step) {
    this(tolerance, step, null);
  }

  /**
   * @param wallClock a live input's wall clock, for {@link #isAhead}; null for a replay
   */
  public EventClock(Duration tolerance, Duration step, LongSupplier wallClock) {
    this.toleranceMs = tolerance.toMillis();
    this.stepMs = step.toMillis();
    this.wallClock = wallClock;
  }

  /** A clock as it was checkpointed ({@link #newest()}, {@link #watermark()}). */
  public static EventClock restored(
      Duration tolerance, Duration step, LongSupplier wallClock, long newest, long watermark) {
    EventClock clock = new EventClock(tolerance, step, wallClock);
    clock.newest = newest;
    clock.watermark = watermark;
    clock.started = newest != NONE;
    return clock;
  }

  /**
   * Whether this input has not started: no time has moved it and its first times are not yet all
   * {@linkplain #hold held}. Only a replay's users hold them; advancing moves the clock anyway.
   */
  public boolean starting() {
    return !started && newest == NONE;
  }

  /**
   * Holds one of the input's first times (not {@link #NONE}) before the input starts; true once
   * {@link #CONFIRM} are held, when the caller {@linkplain #start starts} it.
   */
  public boolean hold(long ts) {
    if (held == null) {
      held = new long[CONFIRM];
    }
    held[heldCount++] = ts;
    return heldCount == CONFIRM;
  }

  /**
   * What a line is judged ahead of before one moves the clock: the earliest of the first times
   * ({@link #start}); {@link #NONE} before that.
   */
  public long startReference() {
    return startReference;
  }

  /**
   * Starts the input (all its first times held, or its end or a checkpoint came first): the
   * earliest held time not more than {@link #JUMP_MS} behind their median is what a line is judged
   * {@linkplain #isAhead ahead} of until one moves the clock. Returns the held times in their
   * order; the caller then takes each as any line.
   */
  public long[] start() {
    long[] first = held == null ? new long[0] : Arrays.copyOf(held, heldCount);
    started = true;
    held = null;
    heldCount = 0;
    if (first.length > 0) {
      // The earliest time not far behind the others: a stale line among the first (a sender's
      // clock behind) is then late as anywhere else, instead of making the lines before it ahead.
      long[] sorted = first.clone();
      Arrays.sort(sorted);
      long median = sorted[(sorted.length - 1) / 2];
      for (long ts : sorted) {
        if (ts >= median - JUMP_MS) {
          startReference = ts;
          break;
        }
      }
    }
    return first;
  }

  /** Whether an event at {@code ts} is behind this input's event time (before advancing). */
  public boolean isLate(long ts) {
    return ts != NONE && ts <= watermark;
  }

  /**
   * Whether {@code ts} jumps ahead of this input's event time (before advancing): more than {@link
   * #JUMP_MS} after the newest, and (live) more than {@link #NEAR_WALL_CLOCK_MS} after the wall
   * clock.
   */
  public boolean isAhead(long ts) {
    long reference = newest != NONE ? newest : startReference;
    return ts != NONE
        && reference != NONE
        && ts - reference > JUMP_MS
        && (wallClock == null || Math.abs(ts - wallClock.getAsLong()) > NEAR_WALL_CLOCK_MS);
  }

  /** Lines ahead in a row so far, none made a jump yet; 0 when the last line was not ahead. */
  public int aheadRun() {
    return aheadRun;
  }

  /**
   * Takes an event time (or {@link #NONE}, which changes nothing) and answers whether the watermark
   * moved. A time {@linkplain #isAhead ahead} moves it only as the {@link #CONFIRM}th in a row.
   */
  public boolean advance(long ts) {
    if (ts == NONE) {
      return false;
    }
    if (isAhead(ts)) {
      aheadNewest = Math.max(aheadNewest, ts);
      if (++aheadRun < CONFIRM) {
        return false;
      }
      ts = aheadNewest; // the jump is made
    }
    aheadRun = 0;
    aheadNewest = NONE;
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
