package io.cscmon.flink.operators;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.kpi.CallsWaitingNow;
import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.kpi.QueueWaits;
import io.cscmon.core.kpi.WaitingCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Calls waiting now and the longest wait now, per queue and for the center (keyed by center), at
 * the end of every event-time minute: {@link QueueWaits} over the calls in keyed state. Events are
 * applied as they come, in any order; the snapshot at minute end T is taken once the watermark has
 * passed T, so every event before T has been seen. Calls that left are forgotten at the next
 * snapshot; a call whose departure was lost is forgotten after {@link #MAX_WAIT_MS}. A center with
 * nothing in its queues stops its timer after reporting zeros once.
 *
 * <p>With {@code instant} on, also {@link CallsWaitingNow}: on each event that changes a count, its
 * queue's and the center's new count at once, without waiting for the watermark; and at each minute
 * end a keep-alive reading of every count, so that a rule's hold and a quiet series' expiry see
 * event time move. The snapshot waits for the watermark (at least the out-of-orderness, 30 s, plus
 * the rest of the minute); these readings do not. They cost a few state accesses per queue event
 * and a shuffle per change, so a replay whose rules watch none of them leaves them off.
 */
public final class CallsWaiting extends KeyedProcessFunction<String, CallEvent, KpiSample> {

  /** Longer than any caller waits (and than the ACD lets them): the departure was lost. */
  static final long MAX_WAIT_MS = 4 * 3_600_000L;

  private static final long MINUTE = 60_000L;

  private final boolean instant;

  private transient MapState<String, WaitingCall> calls;
  private transient MapState<String, Boolean> queues;
  private transient ValueState<Long> nextReport;

  /** Per queue, the calls waiting now ({@link WaitingCall#queueNow}); while {@link #instant}. */
  private transient MapState<String, Long> waitingNow;

  /** All of the center's calls waiting now. */
  private transient ValueState<Long> centerWaitingNow;

  /**
   * The time of the last reading: the latest event time seen, so readings never go backwards.
   * Absent until the first event with {@link #instant} on, and then the counts are rebuilt from
   * {@link #calls} (a center restored from a savepoint taken without them, or with them off).
   */
  private transient ValueState<Long> readingClock;

  /** Minute snapshots only, as before the instant readings. */
  public CallsWaiting() {
    this(false);
  }

  /** With {@code instant}, also the {@link CallsWaitingNow} readings. */
  public CallsWaiting(boolean instant) {
    this.instant = instant;
  }

  @Override
  public void open(OpenContext openContext) {
    calls =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "calls", Types.STRING, TypeInformation.of(WaitingCall.class)));
    queues =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("queues", Types.STRING, Types.BOOLEAN));
    nextReport =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("next-report", TypeInformation.of(Long.class)));
    waitingNow =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("waiting-now", Types.STRING, Types.LONG));
    centerWaitingNow =
        getRuntimeContext().getState(new ValueStateDescriptor<>("center-waiting-now", Types.LONG));
    readingClock =
        getRuntimeContext().getState(new ValueStateDescriptor<>("reading-clock", Types.LONG));
  }

  @Override
  public void processElement(CallEvent call, Context ctx, Collector<KpiSample> out)
      throws Exception {
    if (!WaitingCall.matters(call)) {
      return;
    }
    Long clock = instant ? readingClock.value() : null;
    if (instant && clock == null) {
      rebuildCountsNow();
      clock = Long.MIN_VALUE;
    }
    WaitingCall known = calls.get(call.callId());
    if (known == null) {
      known = new WaitingCall();
    }
    String before = instant ? known.queueNow() : null;
    known.apply(call);
    calls.put(call.callId(), known);
    if (known.queue != null) {
      queues.put(known.queue, Boolean.TRUE);
    }
    if (nextReport.value() == null) {
      long next = Math.floorDiv(ctx.timestamp(), MINUTE) * MINUTE + MINUTE;
      ctx.timerService().registerEventTimeTimer(next);
      nextReport.update(next);
    }
    if (instant) {
      long at = Math.max(clock, ctx.timestamp());
      if (at != clock) {
        readingClock.update(at);
      }
      String after = known.queueNow();
      if (!Objects.equals(before, after)) {
        readChange(ctx.getCurrentKey(), at, before, after, out);
      }
    }
  }

  /** A call left {@code before} (null: it waited nowhere) for {@code after}: emits what changed. */
  private void readChange(
      String center, long at, String before, String after, Collector<KpiSample> out)
      throws Exception {
    if (before != null) {
      out.collect(CallsWaitingNow.queue(center, before, at, addNow(before, -1)));
    }
    if (after != null) {
      out.collect(CallsWaitingNow.queue(center, after, at, addNow(after, 1)));
    }
    if ((before == null) != (after == null)) {
      long total = orZero(centerWaitingNow.value()) + (after == null ? -1 : 1);
      centerWaitingNow.update(total);
      out.collect(CallsWaitingNow.center(center, at, total));
    }
  }

  private long addNow(String queue, long delta) throws Exception {
    long n = orZero(waitingNow.get(queue)) + delta;
    waitingNow.put(queue, n);
    return n;
  }

  private static long orZero(Long n) {
    return n == null ? 0 : n;
  }

  /** Recounts the calls waiting now from the calls in state. */
  private void rebuildCountsNow() throws Exception {
    waitingNow.clear();
    long total = 0;
    for (WaitingCall c : calls.values()) {
      String queue = c.queueNow();
      if (queue != null) {
        addNow(queue, 1);
        total++;
      }
    }
    centerWaitingNow.update(total);
  }

  @Override
  public void onTimer(long end, OnTimerContext ctx, Collector<KpiSample> out) throws Exception {
    QueueWaits snapshot = new QueueWaits(end, queues.keys());
    List<String> forget = new ArrayList<>();
    for (Map.Entry<String, WaitingCall> e : calls.entries()) {
      snapshot.add(e.getValue());
      if (e.getValue().finishedAt(end, MAX_WAIT_MS)) {
        forget.add(e.getKey());
      }
    }
    for (String id : forget) {
      if (instant) {
        forgetNow(calls.get(id));
      }
      calls.remove(id);
    }
    snapshot.samples(ctx.getCurrentKey()).forEach(out::collect);
    if (instant) {
      keepAlive(ctx.getCurrentKey(), end, out);
    } else {
      readingClock.clear(); // counts kept while off would be stale: recount when next on
    }
    if (calls.isEmpty() || ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
      nextReport.clear();
    } else {
      ctx.timerService().registerEventTimeTimer(end + MINUTE);
      nextReport.update(end + MINUTE);
    }
  }

  /** A call forgotten while it still counted (its departure was lost) stops counting. */
  private void forgetNow(WaitingCall call) throws Exception {
    String queue = call.queueNow();
    if (queue != null && readingClock.value() != null) {
      addNow(queue, -1);
      centerWaitingNow.update(orZero(centerWaitingNow.value()) - 1);
    }
  }

  /**
   * Every count again at the minute's end (or the latest event time, if later): time moves for the
   * rules even when nothing changes, so a breach lasts its hold and a series is not stale.
   */
  private void keepAlive(String center, long end, Collector<KpiSample> out) throws Exception {
    Long clock = readingClock.value();
    if (clock == null) {
      return; // no event since the counts were last valid: nothing to read
    }
    long at = Math.max(clock, end);
    if (at != clock) {
      readingClock.update(at);
    }
    for (Map.Entry<String, Long> e : waitingNow.entries()) {
      out.collect(CallsWaitingNow.queue(center, e.getKey(), at, e.getValue()));
    }
    out.collect(CallsWaitingNow.center(center, at, orZero(centerWaitingNow.value())));
  }
}
