package io.cscmon.flink.operators;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.detect.AlertPass;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Runs one {@link AlertPass} per key over the alerts of several detectors.
 *
 * <p>Alerts of one key come from several upstream tasks, so their arrival order depends on thread
 * timing. In <em>ordered</em> mode (replay) they wait in keyed state until the watermark passes
 * their event time and then go through the pass sorted ({@link AlertRecord#inFileOrder}), so the
 * same input gives the same alerts. Every upstream record arrives before the watermark that passes
 * it (a detector emits a change at an event's time, which is ahead of its watermark, or at a
 * timer's time, before it forwards that watermark). Live, alerts pass at once: a processing-time
 * fallback alert must not wait for a watermark that may be stuck, and the passes are written to
 * cope with a cause arriving after its symptoms.
 */
public final class AlertPassFunction<S>
    extends KeyedProcessFunction<String, AlertRecord, AlertRecord> {

  private final AlertPass<S> pass;
  private final ZoneId zone;
  private final boolean ordered;

  private transient ValueState<S> state;
  private transient ValueState<Long> passTimer;
  private transient ListState<AlertRecord> waiting;
  private transient AlertJson json;

  public AlertPassFunction(AlertPass<S> pass, ZoneId zone, boolean ordered) {
    this.pass = pass;
    this.zone = zone;
    this.ordered = ordered;
  }

  @Override
  public void open(OpenContext openContext) {
    state =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("pass", TypeInformation.of(pass.stateClass())));
    passTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("timer", Types.LONG));
    waiting =
        getRuntimeContext()
            .getListState(
                new ListStateDescriptor<>("waiting", TypeInformation.of(AlertRecord.class)));
    json = new AlertJson(zone);
  }

  @Override
  public void processElement(AlertRecord record, Context ctx, Collector<AlertRecord> out)
      throws Exception {
    if (ordered) {
      waiting.add(record);
      ctx.timerService().registerEventTimeTimer(record.at());
      return;
    }
    pass(record, ctx, out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertRecord> out)
      throws Exception {
    // Read before the alerts due now pass: they may move the pass's timer on (a center's own step
    // to III at 30 min moved the two-center step to II, due at the same time, to the next one,
    // and II never came). The pass's own time runs after them.
    Long timerAt = passTimer.value();
    boolean passDue = timerAt != null && timerAt == timestamp;
    if (ordered) {
      List<AlertRecord> due = new ArrayList<>();
      List<AlertRecord> later = new ArrayList<>();
      for (AlertRecord r : waiting.get()) {
        (r.at() <= timestamp ? due : later).add(r);
      }
      if (!due.isEmpty()) {
        waiting.update(later);
        due.sort(AlertRecord::inFileOrder);
        for (AlertRecord r : due) {
          pass(r, ctx, out);
        }
      }
    }
    if (!passDue) {
      return;
    }
    Long pending = passTimer.value();
    if (pending != null && pending == timestamp) {
      passTimer.clear();
    }
    if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
      return; // the end of a bounded input is not time passing: nothing escalates
    }
    S s = state.value();
    if (s != null) {
      emit(pass.onTimer(s, timestamp), timestamp, out);
      settle(s, timestamp, ctx);
    }
  }

  private void pass(AlertRecord record, Context ctx, Collector<AlertRecord> out) throws Exception {
    S s = state.value();
    if (s == null) {
      s = pass.newState();
    }
    emit(pass.onAlert(s, record.alert()), record.at(), out);
    settle(s, record.at(), ctx);
  }

  /** Keeps the state only while it holds something, and the timer it asks for. */
  private void settle(S s, long now, Context ctx) throws Exception {
    Long pending = passTimer.value();
    long next = pass.isEmpty(s) ? Long.MAX_VALUE : pass.nextTimer(s, now);
    if (pending != null && pending != next) {
      if (!awaitedAt(pending)) {
        ctx.timerService().deleteEventTimeTimer(pending); // timers are one per time and key
      }
      passTimer.clear();
    }
    if (next != Long.MAX_VALUE && (pending == null || pending != next)) {
      ctx.timerService().registerEventTimeTimer(next);
      passTimer.update(next);
    }
    if (pass.isEmpty(s)) {
      state.clear();
    } else {
      state.update(s);
    }
  }

  /** Whether a waiting alert needs the timer at {@code ts}. */
  private boolean awaitedAt(long ts) throws Exception {
    if (ordered) {
      for (AlertRecord r : waiting.get()) {
        if (r.at() == ts) {
          return true;
        }
      }
    }
    return false;
  }

  private void emit(List<Alert> alerts, long at, Collector<AlertRecord> out) {
    for (Alert alert : alerts) {
      out.collect(AlertRecord.of(at, alert, json));
    }
  }
}
