package io.cscmon.flink.operators;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.detect.Detector;
import io.cscmon.core.event.Event;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Runs one {@link Detector} per key in event time: its state in keyed state, one event-time timer
 * at the time it asks for. A timer the watermark has not reached yet, but an event of this key has
 * passed, runs before that event (the watermark waits for the slowest input; the outcome must not),
 * so a replay decides the same way however fast its inputs ran.
 *
 * <p>Live, with a {@code fallback} grace, a source that falls silent must still raise the alarm
 * (issue 5: a heartbeat loss when the whole health feed stops): the watermark then stands still and
 * no event-time timer fires. So each event-time timer has a processing-time twin, due as long after
 * the key's last event (in wall-clock time) as the timer is after it in event time, plus the grace
 * (the watermark's own lag). If the twin comes first, the detector runs its timer then. Silence is
 * counted from the last event or from the task's start, whichever is later, so that a restart after
 * downtime does not read the downtime as silence. Replay runs without: processing time would make
 * its output depend on the machine's speed.
 *
 * <p>The event-time timer is lazy: the registered one ({@code timer}) is never later than the
 * detector's real next ({@link Detector#nextTimer}) and is there whenever that is finite, but it
 * only moves when it would be late. Component health's next timer is the earliest heartbeat
 * deadline of its instances, which moves later with almost every health event: moved eagerly, that
 * was a delete and a register per event (~1M pairs in a 7-day replay), and the delete alone ({@code
 * HeapPriorityQueueSet.remove}) was 16 % of that task's samples (async-profiler). So a timer that
 * is still early is kept; when it fires before the real next it is stale: the detector does not
 * run, the timer is re-armed at the real next (which, if the watermark has already passed it, fires
 * within the same advance, still in timestamp order). One that would be late is moved at once, and
 * none is left when there is no next. Everything that decides what the detector sees, when it runs
 * and at which time (the catch-up before an event, the fallback), reads the real next, so the
 * alerts are the same as with a timer that always sat on it.
 */
public final class DetectorFunction<E extends Event, S>
    extends KeyedProcessFunction<String, E, AlertRecord> {

  private final Detector<E, S> detector;
  private final ZoneId zone;
  private final long fallbackGraceMs;

  private transient ValueState<S> state;
  private transient ValueState<Long> timer;
  private transient ValueState<Long> fallback;
  private transient ValueState<long[]> lastEvent;
  private transient AlertJson json;
  private transient long openedAt;

  /** Event time only (replay). */
  public DetectorFunction(Detector<E, S> detector, ZoneId zone) {
    this(detector, zone, null);
  }

  /**
   * @param fallbackGrace with a value, the processing-time fallback (live); null for none
   */
  public DetectorFunction(Detector<E, S> detector, ZoneId zone, Duration fallbackGrace) {
    this.detector = detector;
    this.zone = zone;
    this.fallbackGraceMs = fallbackGrace == null ? -1 : fallbackGrace.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    state =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("detector", TypeInformation.of(detector.stateClass())));
    timer = getRuntimeContext().getState(new ValueStateDescriptor<>("timer", Types.LONG));
    fallback = getRuntimeContext().getState(new ValueStateDescriptor<>("fallback", Types.LONG));
    lastEvent =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "last-event", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    json = new AlertJson(zone);
    openedAt = Long.MIN_VALUE; // set from the timer service on first use
  }

  @Override
  public void processElement(E event, Context ctx, Collector<AlertRecord> out) throws Exception {
    started(ctx);
    S s = state.value();
    Long pending = timer.value();
    // The registered timer is never later than the real next: only if it is before the event can
    // the real next be. It is the real next that runs (the registered one may be stale); the
    // registered one stays, still no later than the next, and re-arms when it fires.
    // Only for times the key's data is complete at (the detector's lateness before the event):
    // a heartbeat deadline judged at the event's own time would miss samples still on their way.
    long complete = event.ts() - detector.lateness();
    if (s != null && pending != null && pending < complete) {
      long next = detector.nextTimer(s);
      if (next < complete) {
        emit(detector.onTimer(s, next), next, out);
      }
    }
    if (s == null) {
      s = detector.newState(event);
    }
    emit(detector.onEvent(s, event), event.ts(), out);
    state.update(s);
    if (fallbackGraceMs >= 0) {
      long[] last = lastEvent.value();
      long ts = last == null ? event.ts() : Math.max(last[0], event.ts());
      lastEvent.update(new long[] {ts, ctx.timerService().currentProcessingTime()});
    }
    schedule(s, pending, ctx);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertRecord> out)
      throws Exception {
    started(ctx);
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      onFallback(timestamp, ctx, out);
      return;
    }
    timer.clear();
    if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
      // End of a bounded input, not silence: what is firing when the data ends stays firing; what
      // the detector held back for older events is judged now.
      S ended = state.value();
      if (ended != null) {
        emit(detector.onEnd(ended), timestamp, out);
        state.update(ended);
      }
      return;
    }
    S s = state.value();
    if (s == null) {
      return;
    }
    long next = detector.nextTimer(s);
    if (timestamp < next) {
      // Stale: the detector's next moved later since this was registered. Re-arm there (within
      // this same advance if the watermark has passed it); its processing-time twin already
      // follows the real next, which has not changed since the twin was set.
      if (next != Long.MAX_VALUE) {
        ctx.timerService().registerEventTimeTimer(next);
        timer.update(next);
      }
      return;
    }
    emit(detector.onTimer(s, timestamp), timestamp, out);
    state.update(s);
    schedule(s, null, ctx); // the timer was cleared above
  }

  /** Notes when this task started, in processing time (the first call after open). */
  private void started(Context ctx) {
    if (openedAt == Long.MIN_VALUE) {
      openedAt = ctx.timerService().currentProcessingTime();
    }
  }

  /** The watermark has not reached the pending timer, but the wall clock says it should have. */
  private void onFallback(long now, OnTimerContext ctx, Collector<AlertRecord> out)
      throws Exception {
    fallback.clear();
    S s = state.value();
    if (s == null) {
      return;
    }
    // The real next, not the registered timer: that may be an earlier, stale one.
    long next = detector.nextTimer(s);
    if (next == Long.MAX_VALUE || next <= ctx.timerService().currentWatermark()) {
      return;
    }
    long due = fallbackDue(next);
    if (now < due) {
      // The task restarted since: count the silence from its start.
      ctx.timerService().registerProcessingTimeTimer(due);
      fallback.update(due);
      return;
    }
    Long pending = timer.value();
    if (pending != null) {
      ctx.timerService().deleteEventTimeTimer(pending);
      timer.clear();
    }
    emit(detector.onTimer(s, next), next, out);
    state.update(s);
    schedule(s, null, ctx); // the timer was cleared above
  }

  /** Wall-clock time at which event time {@code eventTs} is overdue, given the key's last event. */
  private long fallbackDue(long eventTs) throws Exception {
    long[] last = lastEvent.value();
    long lastTs = last == null ? eventTs : last[0];
    long lastWall = last == null ? openedAt : Math.max(last[1], openedAt);
    return lastWall + Math.max(0, eventTs - lastTs) + fallbackGraceMs;
  }

  /**
   * Keeps the event-time timer no later than the detector's next, {@code pending} being the one set
   * now (the caller has just read it: one state lookup less per event). One that is earlier stays:
   * moving it on every event is what the lazy timer saves; it re-arms when it fires.
   */
  private void schedule(S s, Long pending, Context ctx) throws Exception {
    long next = detector.nextTimer(s);
    if (pending != null && (next == Long.MAX_VALUE || pending > next)) {
      // It would fire late: move it now. With no next at all, it goes too, so that a key with
      // nothing pending holds no timer (a quiet key leaves none behind).
      ctx.timerService().deleteEventTimeTimer(pending);
      timer.clear();
      pending = null;
    }
    if (pending == null && next != Long.MAX_VALUE) {
      ctx.timerService().registerEventTimeTimer(next);
      timer.update(next);
    }
    if (fallbackGraceMs >= 0) {
      scheduleFallback(next, ctx);
    }
  }

  /** The processing-time twin of the event-time timer at {@code next}. */
  private void scheduleFallback(long next, Context ctx) throws Exception {
    Long twin = fallback.value();
    long due = next == Long.MAX_VALUE ? Long.MAX_VALUE : fallbackDue(next);
    if (twin != null && twin == due) {
      return;
    }
    if (twin != null) {
      ctx.timerService().deleteProcessingTimeTimer(twin);
      fallback.clear();
    }
    if (due != Long.MAX_VALUE) {
      ctx.timerService().registerProcessingTimeTimer(due);
      fallback.update(due);
    } else {
      lastEvent.clear(); // nothing pending: nothing to fall back for
    }
  }

  private void emit(List<Alert> alerts, long at, Collector<AlertRecord> out) {
    for (Alert alert : alerts) {
      out.collect(AlertRecord.of(at, alert, json));
    }
  }
}
