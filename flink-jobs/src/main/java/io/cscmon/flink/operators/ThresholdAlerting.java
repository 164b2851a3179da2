package io.cscmon.flink.operators;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.rule.ConditionState;
import io.cscmon.core.rule.RuleEvaluator;
import io.cscmon.core.rule.ThresholdRule;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * Evaluates the threshold rules of one KPI series (keyed by {@link KpiSample#seriesKey()}) in event
 * time and emits every alert state change. The per-rule {@link ConditionState} lives in keyed state
 * and is dropped as soon as a rule is neither pending nor firing. A series without a window of
 * evidence for {@code staleAfter} resolves its firing alerts on an event-time timer and leaves no
 * state or timer behind.
 */
public final class ThresholdAlerting extends KeyedProcessFunction<String, KpiSample, AlertRecord> {

  private final List<ThresholdRule> rules;
  private final long staleAfterMs;
  private final ZoneId zone;

  private transient List<RuleEvaluator> evaluators;
  private transient AlertJson json;
  private transient MapState<String, ConditionState> conditions;
  private transient ValueState<Long> expiryTimer;
  private transient ValueState<KpiSample> lastSample;

  public ThresholdAlerting(List<ThresholdRule> rules, Duration staleAfter, ZoneId zone) {
    this.rules = List.copyOf(rules);
    this.staleAfterMs = staleAfter.toMillis();
    this.zone = zone;
  }

  @Override
  public void open(OpenContext openContext) {
    evaluators = rules.stream().map(RuleEvaluator::new).toList();
    json = new AlertJson(zone);
    conditions =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "conditions", Types.STRING, TypeInformation.of(ConditionState.class)));
    expiryTimer =
        getRuntimeContext().getState(new ValueStateDescriptor<>("expiry-timer", Types.LONG));
    lastSample =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("last-sample", TypeInformation.of(KpiSample.class)));
  }

  @Override
  public void processElement(KpiSample sample, Context ctx, Collector<AlertRecord> out)
      throws Exception {
    Long timer = expiryTimer.value();
    if (timer != null && timer < sample.windowEnd()) {
      // The series expired, in event time, before this window. The timer has not fired only
      // because the watermark (the slowest of all inputs) lags this key's own input; expire now,
      // so the outcome depends on event time alone and not on how fast the other inputs ran.
      ctx.timerService().deleteEventTimeTimer(timer);
      expire(timer, out);
    }
    boolean evidence = false;
    for (RuleEvaluator evaluator : evaluators) {
      if (!evaluator.rule().kpi().equals(sample.kpi())) {
        continue;
      }
      evidence |= evaluator.isEvidence(sample);
      String name = evaluator.rule().alertname();
      ConditionState state = conditions.get(name);
      if (state == null) {
        state = new ConditionState();
      }
      Optional<Alert> change = evaluator.observe(state, sample);
      change.ifPresent(alert -> out.collect(AlertRecord.of(sample.windowEnd(), alert, json)));
      if (state.isIdle()) {
        conditions.remove(name);
      } else {
        conditions.put(name, state);
      }
    }
    if (conditions.isEmpty()) {
      clear(ctx);
    } else if (evidence || expiryTimer.value() == null) {
      // Thin windows do not postpone expiry: a queue with too few calls to judge for staleAfter
      // resolves rather than firing on forever.
      lastSample.update(sample);
      rescheduleExpiry(ctx, sample.windowEnd() + staleAfterMs);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertRecord> out)
      throws Exception {
    if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
      // End of a bounded input, not silence: an alert still firing when the data ends stays firing.
      return;
    }
    expire(timestamp, out);
  }

  /** Resolves the key's firing alerts as of event time {@code at} and drops all its state. */
  private void expire(long at, Collector<AlertRecord> out) throws Exception {
    KpiSample last = lastSample.value();
    List<String> names = new ArrayList<>();
    conditions.keys().forEach(names::add);
    for (String name : names) {
      ConditionState state = conditions.get(name);
      evaluatorFor(name)
          .flatMap(e -> e.expire(state, last.center(), last.dimension(), last.scope()))
          .ifPresent(alert -> out.collect(AlertRecord.of(at, alert, json)));
    }
    expiryTimer.clear();
    conditions.clear();
    lastSample.clear();
  }

  private Optional<RuleEvaluator> evaluatorFor(String alertname) {
    return evaluators.stream().filter(e -> e.rule().alertname().equals(alertname)).findFirst();
  }

  private void rescheduleExpiry(Context ctx, long at) throws Exception {
    Long previous = expiryTimer.value();
    if (previous != null) {
      ctx.timerService().deleteEventTimeTimer(previous);
    }
    ctx.timerService().registerEventTimeTimer(at);
    expiryTimer.update(at);
  }

  private void clear(Context ctx) throws Exception {
    Long previous = expiryTimer.value();
    if (previous != null) {
      ctx.timerService().deleteEventTimeTimer(previous);
    }
    expiryTimer.clear();
    lastSample.clear();
  }
}
