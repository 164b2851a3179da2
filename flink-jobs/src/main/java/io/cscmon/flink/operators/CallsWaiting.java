package io.cscmon.flink.operators;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.kpi.QueueWaits;
import io.cscmon.core.kpi.WaitingCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 */
public final class CallsWaiting extends KeyedProcessFunction<String, CallEvent, KpiSample> {

  /** Longer than any caller waits (and than the ACD lets them): the departure was lost. */
  static final long MAX_WAIT_MS = 4 * 3_600_000L;

  private static final long MINUTE = 60_000L;

  private transient MapState<String, WaitingCall> calls;
  private transient MapState<String, Boolean> queues;
  private transient ValueState<Long> nextReport;

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
  }

  @Override
  public void processElement(CallEvent call, Context ctx, Collector<KpiSample> out)
      throws Exception {
    if (!WaitingCall.matters(call)) {
      return;
    }
    WaitingCall known = calls.get(call.callId());
    if (known == null) {
      known = new WaitingCall();
    }
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
      calls.remove(id);
    }
    snapshot.samples(ctx.getCurrentKey()).forEach(out::collect);
    if (calls.isEmpty() || ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
      nextReport.clear();
    } else {
      ctx.timerService().registerEventTimeTimer(end + MINUTE);
      nextReport.update(end + MINUTE);
    }
  }
}
