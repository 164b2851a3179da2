package io.cscmon.flink.operators;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.rule.EmergencyActivation;
import io.cscmon.core.rule.EmergencyPlan;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The center-wide {@link EmergencyActivation} over every alert of a center (keyed by center). Alert
 * changes from the rules and the detectors arrive in no fixed order; they are buffered and applied
 * when the watermark passes their event time, sorted in the alert files' order, so the same input
 * gives the same emergency changes. The firing alerts and the emergency alert live in keyed state.
 */
public final class EmergencyAlerting
    extends KeyedProcessFunction<String, AlertRecord, AlertRecord> {

  private transient ListState<AlertRecord> pending;
  private transient MapState<String, String> behind;
  private transient ValueState<String> current;
  private transient ValueState<Long> lastEnd;
  private final ZoneId zone;
  private final EmergencyPlan plan;
  private transient AlertJson json;

  /**
   * @param zone the center's zone, for the alert objects' times (as the other alerts)
   * @param plan the teams and deadlines per level (the rule files' {@code emergency:} section)
   */
  public EmergencyAlerting(ZoneId zone, EmergencyPlan plan) {
    this.zone = zone;
    this.plan = plan;
  }

  /** Keys alert records by their center label. */
  public static final class Center implements KeySelector<AlertRecord, String> {
    @Override
    public String getKey(AlertRecord record) {
      String center = record.alert().label(io.cscmon.core.alert.Labels.CENTER);
      return center == null ? "" : center;
    }
  }

  @Override
  public void open(OpenContext openContext) {
    pending =
        getRuntimeContext()
            .getListState(
                new ListStateDescriptor<>("pending", TypeInformation.of(AlertRecord.class)));
    behind =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("behind", Types.STRING, Types.STRING));
    current = getRuntimeContext().getState(new ValueStateDescriptor<>("current", Types.STRING));
    // Added later: absent from older savepoints, where it reads as no end yet.
    lastEnd = getRuntimeContext().getState(new ValueStateDescriptor<>("last-end", Types.LONG));
    json = new AlertJson(zone);
  }

  @Override
  public void processElement(AlertRecord record, Context ctx, Collector<AlertRecord> out)
      throws Exception {
    pending.add(record);
    long at = Math.max(record.at(), ctx.timerService().currentWatermark() + 1);
    ctx.timerService().registerEventTimeTimer(at);
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<AlertRecord> out) throws Exception {
    List<AlertRecord> due = new ArrayList<>();
    List<AlertRecord> later = new ArrayList<>();
    for (AlertRecord r : pending.get()) {
      (r.at() <= time ? due : later).add(r);
    }
    if (due.isEmpty()) {
      return;
    }
    due.sort(AlertRecord::inFileOrder);
    pending.update(later);

    Map<String, EmergencyActivation.Behind> firing = new HashMap<>();
    for (Map.Entry<String, String> e : behind.entries()) {
      firing.put(e.getKey(), EmergencyActivation.Behind.decode(e.getValue()));
    }
    String currentJson = current.value();
    EmergencyActivation activation =
        new EmergencyActivation(
            ctx.getCurrentKey(),
            plan,
            firing,
            currentJson == null ? null : AlertJson.decode(currentJson),
            lastEnd.value() == null ? Long.MIN_VALUE : lastEnd.value());
    for (AlertRecord r : due) {
      Optional<Alert> change = activation.apply(r.alert(), r.alert().changedAt());
      change.ifPresent(a -> out.collect(AlertRecord.of(r.at(), a, json)));
    }
    behind.clear();
    for (Map.Entry<String, EmergencyActivation.Behind> e : activation.firing().entrySet()) {
      behind.put(e.getKey(), e.getValue().encode());
    }
    Alert now = activation.current();
    if (now == null) {
      current.clear();
      lastEnd.clear();
    } else {
      current.update(json.encode(now));
      if (activation.lastEnd() == Long.MIN_VALUE) {
        lastEnd.clear();
      } else {
        lastEnd.update(activation.lastEnd());
      }
    }
  }
}
