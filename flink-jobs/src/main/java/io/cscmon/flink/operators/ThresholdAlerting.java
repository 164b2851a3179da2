package io.cscmon.flink.operators;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.rule.ConditionState;
import io.cscmon.core.rule.RuleEvaluator;
import io.cscmon.core.rule.RuleEvaluators;
import io.cscmon.core.rule.RuleFiles;
import io.cscmon.core.rule.RuleSet;
import io.cscmon.core.rule.RuleTexts;
import io.cscmon.core.rule.RuleValidationException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the threshold rules of one KPI series (keyed by {@link KpiSample#seriesKey()}) in event
 * time and emits every alert state change, each stamped with the version of the rule set that
 * decided it (annotation {@value #RULES_VERSION}).
 *
 * <p>The rules can change while the job runs: the broadcast input carries rule files (file name →
 * text, {@link #RULE_FILES_TYPE}). Each instance parses and validates them; a valid set replaces
 * the running one and is kept in broadcast state (a restored job runs the rules it last accepted),
 * an invalid one is logged with every problem and ignored, so the old rules keep running. Pending
 * and firing conditions carry over to the new thresholds; the alerts of a rule that is gone resolve
 * at once.
 *
 * <p>The per-rule {@link ConditionState} lives in keyed state and is dropped as soon as a rule is
 * neither pending nor firing. A series without a window of evidence for {@code staleAfter} resolves
 * its firing alerts on an event-time timer and leaves no state or timer behind.
 */
public final class ThresholdAlerting
    extends KeyedBroadcastProcessFunction<String, KpiSample, Map<String, String>, AlertRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(ThresholdAlerting.class);

  /** The annotation naming the rule-set version that raised or resolved an alert. */
  public static final String RULES_VERSION = "rules_version";

  /** What the broadcast input carries: a complete set of rule files, name → text. */
  public static final TypeInformation<Map<String, String>> RULE_FILES_TYPE =
      Types.MAP(Types.STRING, Types.STRING);

  /** The rule files last accepted, name → text; empty while the initial rules run. */
  public static final MapStateDescriptor<String, String> RULE_FILES =
      new MapStateDescriptor<>("rule-files", Types.STRING, Types.STRING);

  private static final MapStateDescriptor<String, ConditionState> CONDITIONS =
      new MapStateDescriptor<>(
          "conditions", Types.STRING, TypeInformation.of(ConditionState.class));

  private final RuleSet initial;
  private final long staleAfterMs;
  private final ZoneId zone;

  private transient RuleSet running;

  /** Whether {@link #running} has been reconciled with the broadcast state since open. */
  private transient boolean synced;

  private transient RuleEvaluators evaluators;

  private transient AlertJson json;
  private transient MapState<String, ConditionState> conditions;
  private transient ValueState<Long> expiryTimer;
  private transient ValueState<KpiSample> lastSample;

  public ThresholdAlerting(RuleSet initial, Duration staleAfter, ZoneId zone) {
    this.initial = initial;
    this.staleAfterMs = staleAfter.toMillis();
    this.zone = zone;
  }

  @Override
  public void open(OpenContext openContext) {
    use(initial);
    json = new AlertJson(zone);
    conditions = getRuntimeContext().getMapState(CONDITIONS);
    expiryTimer =
        getRuntimeContext().getState(new ValueStateDescriptor<>("expiry-timer", Types.LONG));
    lastSample =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("last-sample", TypeInformation.of(KpiSample.class)));
  }

  private void use(RuleSet rules) {
    synced = false;
    running = rules;
    evaluators = new RuleEvaluators(rules.rules());
  }

  @Override
  public void processBroadcastElement(
      Map<String, String> files, Context ctx, Collector<AlertRecord> out) throws Exception {
    RuleTexts texts = new RuleTexts(new TreeMap<>(files), "reload");
    RuleSet next;
    try {
      next = RuleFiles.parse(texts);
    } catch (RuleValidationException e) {
      LOG.error(
          "Rule reload refused, rules {} keep running. {}", running.version(), e.getMessage());
      return;
    }
    if (next.version().equals(running.version())) {
      return;
    }
    BroadcastState<String, String> state = ctx.getBroadcastState(RULE_FILES);
    state.clear();
    state.putAll(texts.files());
    RuleSet previous = running;
    use(next);
    synced = true;
    LOG.info(
        "Rules {} replace {}: {}",
        next.version(),
        previous.version(),
        next.rules().stream().map(r -> r.alertname()).toList());
    resolveAlertsOfRemovedRules(previous, ctx, out);
  }

  /** A rule that is gone can no longer resolve its alerts: resolve them now. */
  private void resolveAlertsOfRemovedRules(
      RuleSet previous, Context ctx, Collector<AlertRecord> out) throws Exception {
    List<RuleEvaluator> removed =
        previous.rules().stream()
            .filter(r -> evaluators.named(r.alertname()).isEmpty())
            .map(RuleEvaluator::new)
            .toList();
    if (removed.isEmpty()) {
      return;
    }
    ctx.applyToKeyedState(
        CONDITIONS,
        (key, states) -> {
          KpiSample last = lastSample.value();
          for (RuleEvaluator evaluator : removed) {
            String name = evaluator.rule().alertname();
            ConditionState condition = states.get(name);
            if (condition == null) {
              continue;
            }
            if (last != null && condition.isFiring()) {
              long at = condition.lastEvidenceEnd;
              evaluator
                  .expire(condition, last.center(), last.dimension(), last.scope())
                  .ifPresent(alert -> out.collect(record(at, alert, previous)));
            }
            states.remove(name);
          }
        });
  }

  @Override
  public void processElement(KpiSample sample, ReadOnlyContext ctx, Collector<AlertRecord> out)
      throws Exception {
    if (!synced) {
      followBroadcastState(ctx.getBroadcastState(RULE_FILES));
      synced = true;
    }
    Long timer = expiryTimer.value();
    if (timer != null && timer < sample.windowEnd()) {
      // The series expired, in event time, before this window. The timer has not fired only
      // because the watermark (the slowest of all inputs) lags this key's own input; expire now,
      // so the outcome depends on event time alone and not on how fast the other inputs ran.
      ctx.timerService().deleteEventTimeTimer(timer);
      expire(timer, out);
      timer = null;
    }
    boolean evidence = false;
    boolean kept = false;
    for (RuleEvaluator evaluator : evaluators.watching(sample.kpi())) {
      if (!evaluator.appliesTo(sample)) {
        continue;
      }
      evidence |= evaluator.isEvidence(sample);
      String name = evaluator.rule().alertname();
      ConditionState state = conditions.get(name);
      boolean stored = state != null;
      if (!stored) {
        state = new ConditionState();
      }
      Optional<Alert> change = evaluator.observe(state, sample);
      change.ifPresent(alert -> out.collect(record(sample.windowEnd(), alert, running)));
      if (!state.isIdle()) {
        conditions.put(name, state);
        kept = true;
      } else if (stored) {
        conditions.remove(name);
      }
    }
    // The expiry timer and the last sample exist exactly while some condition does (see expire and
    // clear): without a timer there is nothing to clear, and a condition just kept means the
    // series is not empty, so neither needs another look into state.
    if (!kept && (timer == null || conditions.isEmpty())) {
      clear(ctx, timer);
    } else if (evidence || timer == null) {
      // Thin windows do not postpone expiry: a queue with too few calls to judge for staleAfter
      // resolves rather than firing on forever.
      lastSample.update(sample);
      rescheduleExpiry(ctx, timer, sample.windowEnd() + staleAfterMs);
    }
  }

  /**
   * After a restore the broadcast state holds the rules last accepted, while this instance starts
   * on its initial ones: switch to the state's. Only broadcast elements change the state later, and
   * they switch {@link #running} themselves.
   */
  private void followBroadcastState(ReadOnlyBroadcastState<String, String> state) throws Exception {
    TreeMap<String, String> files = new TreeMap<>();
    for (Map.Entry<String, String> e : state.immutableEntries()) {
      files.put(e.getKey(), e.getValue());
    }
    if (files.isEmpty()) {
      return;
    }
    RuleTexts texts = new RuleTexts(files, "broadcast state");
    if (!texts.version().equals(running.version())) {
      use(RuleFiles.parse(texts));
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertRecord> out)
      throws Exception {
    if (ctx.currentWatermark() == Long.MAX_VALUE) {
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
      evaluators
          .named(name)
          .flatMap(e -> e.expire(state, last.center(), last.dimension(), last.scope()))
          .ifPresent(alert -> out.collect(record(at, alert, running)));
    }
    expiryTimer.clear();
    conditions.clear();
    lastSample.clear();
  }

  private AlertRecord record(long at, Alert alert, RuleSet rules) {
    Map<String, String> annotations = new TreeMap<>(alert.annotations());
    annotations.put(RULES_VERSION, rules.version());
    Alert stamped =
        new Alert(
            alert.status(),
            alert.labels(),
            new TreeMap<>(annotations),
            alert.startsAt(),
            alert.endsAt(),
            alert.generatorURL(),
            alert.fingerprint());
    return AlertRecord.of(at, stamped, json);
  }

  private void rescheduleExpiry(ReadOnlyContext ctx, Long previous, long at) throws Exception {
    if (previous != null) {
      ctx.timerService().deleteEventTimeTimer(previous);
    }
    ctx.timerService().registerEventTimeTimer(at);
    expiryTimer.update(at);
  }

  /** Drops the key's timer and last sample, if it has them ({@code previous} is its timer). */
  private void clear(ReadOnlyContext ctx, Long previous) throws Exception {
    if (previous == null) {
      return;
    }
    ctx.timerService().deleteEventTimeTimer(previous);
    expiryTimer.clear();
    lastSample.clear();
  }
}
