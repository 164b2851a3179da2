package io.cscmon.flink.operators;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.detect.Detector;
import io.cscmon.core.event.Event;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Runs one {@link Detector} per key in event time: its state in keyed state, one event-time timer
 * at the time it asks for. A timer the watermark has not reached yet, but an event of this key has
 * passed, runs before that event (the watermark waits for the slowest input; the outcome must not),
 * so a replay decides the same way however fast its inputs ran.
 */
public final class DetectorFunction<E extends Event, S>
    extends KeyedProcessFunction<String, E, AlertRecord> {

  private final Detector<E, S> detector;
  private final ZoneId zone;

  private transient ValueState<S> state;
  private transient ValueState<Long> timer;
  private transient AlertJson json;

  public DetectorFunction(Detector<E, S> detector, ZoneId zone) {
    this.detector = detector;
    this.zone = zone;
  }

  @Override
  public void open(OpenContext openContext) {
    state =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("detector", TypeInformation.of(detector.stateClass())));
    timer = getRuntimeContext().getState(new ValueStateDescriptor<>("timer", Types.LONG));
    json = new AlertJson(zone);
  }

  @Override
  public void processElement(E event, Context ctx, Collector<AlertRecord> out) throws Exception {
    S s = state.value();
    Long pending = timer.value();
    if (s != null && pending != null && pending < event.ts()) {
      ctx.timerService().deleteEventTimeTimer(pending);
      timer.clear();
      emit(detector.onTimer(s, pending), pending, out);
    }
    if (s == null) {
      s = detector.newState(event);
    }
    emit(detector.onEvent(s, event), event.ts(), out);
    state.update(s);
    schedule(s, ctx);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertRecord> out)
      throws Exception {
    timer.clear();
    if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
      // End of a bounded input, not silence: what is firing when the data ends stays firing.
      return;
    }
    S s = state.value();
    if (s == null) {
      return;
    }
    emit(detector.onTimer(s, timestamp), timestamp, out);
    state.update(s);
    schedule(s, ctx);
  }

  private void schedule(S s, Context ctx) throws Exception {
    long next = detector.nextTimer(s);
    Long pending = timer.value();
    if (pending != null && pending == next) {
      return;
    }
    if (pending != null) {
      ctx.timerService().deleteEventTimeTimer(pending);
      timer.clear();
    }
    if (next != Long.MAX_VALUE) {
      ctx.timerService().registerEventTimeTimer(next);
      timer.update(next);
    }
  }

  private void emit(List<Alert> alerts, long at, Collector<AlertRecord> out) {
    for (Alert alert : alerts) {
      out.collect(AlertRecord.of(at, alert, json));
    }
  }
}
