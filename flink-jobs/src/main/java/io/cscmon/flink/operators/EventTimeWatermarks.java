package io.cscmon.flink.operators;

import io.cscmon.core.parse.EventClock;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded-out-of-orderness watermarks driven by the data alone ({@link EventClock}). Flink's stock
 * generator takes its watermark from a processing-time timer, so whether a late event missed its
 * window would depend on how fast the machine read the file; here lateness is decided by the clock
 * ({@link ParseEvents} keeps one per input fed the same times), and the watermark this emits is
 * always one the clock has reached: it may lag the clock, never pass it, so no event the clock
 * accepts is ever behind Flink's watermark. Given to the source, Flink creates one per split (file,
 * Kafka partition) and combines them as their minimum.
 *
 * <p>How often it goes out is a matter of cost and latency: every watermark costs each of the ~30
 * downstream subtasks an input-valve update and a timer check, and at one per second of event time
 * a week's replay pushed ~605,000 of them. A {@link #replay} emits once per {@link #HISTORY_STEP}
 * of event time, from the data alone. A {@link #live} job emits at every step while event time is
 * near the wall clock (the alert latency depends on it), and otherwise (a backlog being caught up,
 * a simulation ahead of real time) once per history step, {@code onPeriodicEmit} (Flink's
 * auto-watermark interval, processing time) bringing it up to the clock between those, so an input
 * whose event time moves slowly never holds back a whole history step. The operators work in event
 * time, but not every one is blind to the watermark's lag: {@link DetectorFunction} runs only the
 * first overdue timer of a key before that key's next event, so a lag longer than a detector's gap
 * between two timers (five minutes between outage levels) would merge escalations. A minute of
 * event time (at most 90 s of lag with the tolerance) stays well below that: steps of five minutes
 * still gave the reference replays' bytes, steps of an hour did not (docs/benchmarks.md).
 */
public final class EventTimeWatermarks<T> implements WatermarkGenerator<T> {

  /** The step away from the wall clock: a minute, the KPI windows' size. */
  static final Duration HISTORY_STEP = Duration.ofMinutes(1);

  /**
   * Event time this close to the wall clock is live. Far ahead of it is not: a simulated future
   * (the demo at 20 times real time, a bench file dated next week) has nobody waiting on its alerts
   * in real time, and the periodic emit keeps it within the auto-watermark interval anyway.
   */
  static final Duration NEAR_WALL_CLOCK = Duration.ofMinutes(5);

  private final EventClock clock;
  private final long historyStepMs;
  private final long nearMs;
  private final LongSupplier wallClock;
  private long emitted = Long.MIN_VALUE;

  /**
   * For a live job (an unbounded source): every step near the wall clock, minute steps and the
   * periodic catch-up elsewhere (a backlog, a simulated future).
   */
  public static <T> EventTimeWatermarks<T> live(Duration tolerance, Duration step) {
    return new EventTimeWatermarks<>(tolerance, step, System::currentTimeMillis);
  }

  /**
   * For a replay (bounded sources): minute steps from the data alone, never the wall clock nor the
   * periodic emit, so the watermark's lag at every line, and with it every detector's timer order
   * (see above), is the same on every run, however fast the machine and whatever day it is.
   */
  public static <T> EventTimeWatermarks<T> replay(Duration tolerance, Duration step) {
    return new EventTimeWatermarks<>(tolerance, step, null);
  }

  /**
   * @param wallClock null for a replay
   */
  EventTimeWatermarks(Duration tolerance, Duration step, LongSupplier wallClock) {
    this.clock = new EventClock(tolerance, step, wallClock);
    this.historyStepMs = HISTORY_STEP.toMillis();
    this.nearMs = NEAR_WALL_CLOCK.toMillis();
    this.wallClock = wallClock;
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    if (wallClock == null && clock.starting()) {
      // A replay's input holds its first times, as ParseEvents holds its first lines (EventClock).
      if (eventTimestamp != EventClock.NONE && clock.hold(eventTimestamp)) {
        for (long first : clock.start()) {
          advance(first, output);
        }
      }
      return;
    }
    advance(eventTimestamp, output);
  }

  private void advance(long eventTimestamp, WatermarkOutput output) {
    if (clock.advance(eventTimestamp)) {
      long watermark = clock.watermark();
      // The wall clock is read once per step of event time, not per event.
      if (emitted == Long.MIN_VALUE
          || watermark - emitted >= historyStepMs
          || (wallClock != null && Math.abs(watermark - wallClock.getAsLong()) <= nearMs)) {
        emit(watermark, output);
      }
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    if (wallClock == null) {
      return; // a replay: processing time must not decide where its watermarks fall
    }
    long watermark = clock.watermark();
    if (watermark > emitted) {
      emit(watermark, output);
    }
  }

  private void emit(long watermark, WatermarkOutput output) {
    emitted = watermark;
    output.emitWatermark(new Watermark(watermark));
  }
}
