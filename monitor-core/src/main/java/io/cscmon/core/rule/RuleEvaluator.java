package io.cscmon.core.rule;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.kpi.KpiSample;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates one {@link ThresholdRule} over the windows of one series, in event time. Pure logic:
 * the caller keeps the {@link ConditionState} (in Flink keyed state) and emits the alerts returned.
 *
 * <ul>
 *   <li>A run of contiguous breaching windows starts pending at its first window's start.
 *   <li>It fires once the run has lasted the hold time; {@code startsAt} is the run's start, when
 *       the condition became true in the data.
 *   <li>While firing, a breach of a more severe level re-emits the alert with that level
 *       (escalation keeps the fingerprint and {@code startsAt}); levels never step down within one
 *       incident, so the NOC does not see a level flap.
 *   <li>It resolves once the value has stayed past {@code clearAt} for {@code clearHold}; {@code
 *       endsAt} is the start of that run, when it cleared in the data. Values between the threshold
 *       and {@code clearAt} keep it firing (hysteresis); a resolve carries the annotations the
 *       alert last fired with.
 *   <li>Windows with fewer than {@code minSamples} observations change nothing; a gap in the
 *       windows breaks a pending run. With {@code poissonZ}, a window whose ratio is within that
 *       many Poisson standard deviations of 1 breaches no threshold (it can still keep a firing
 *       alert firing).
 *   <li>Instant readings ({@link KpiSample#isInstant}) hold from their time until the series' next
 *       reading: they are contiguous, a breach starts pending at the reading's time (with hold 0 it
 *       fires on that reading) and the hold or clear hold has passed once a later reading (a
 *       change, or the producer's keep-alive) comes at least that much later.
 * </ul>
 */
public final class RuleEvaluator {

  private final ThresholdRule rule;

  /** The scope label of the rule's signal, or null for a KPI that is no known signal. */
  private final String scopeLabel;

  public RuleEvaluator(ThresholdRule rule) {
    this.rule = rule;
    // Looked up once: appliesTo runs for every sample of the KPI.
    this.scopeLabel = rule.scope();
  }

  public ThresholdRule rule() {
    return rule;
  }

  /** Advances the state by one window; returns the alert state change it causes, if any. */
  public Optional<Alert> observe(ConditionState state, KpiSample sample) {
    // An instant reading holds until the next one: a series of them has no gaps.
    boolean contiguous = sample.isInstant() || state.lastWindowEnd == sample.windowStart();
    state.lastWindowEnd = sample.windowEnd();
    if (!isEvidence(sample)) {
      return Optional.empty();
    }
    state.lastEvidenceEnd = sample.windowEnd();
    // A breach must also stand out from Poisson noise (poisson_z); staying firing need not.
    LevelThreshold breached =
        rule.significant(sample.value(), sample.samples())
            ? rule.breachedLevel(sample.value())
            : null;
    if (breached != null) {
      state.clearingSince = ConditionState.NONE;
      if (state.pendingSince == ConditionState.NONE || (!contiguous && !state.isFiring())) {
        state.pendingSince = sample.windowStart();
      }
      if (state.isFiring()) {
        EmergencyLevel current = EmergencyLevel.fromLabel(state.level);
        if (breached.level().moreSevereThan(current)) {
          state.level = breached.level().label();
          state.firingValue = sample.value();
          return Optional.of(firing(sample, state.firingSince, breached));
        }
        return Optional.empty();
      }
      if (sample.windowEnd() - state.pendingSince >= rule.hold().toMillis()) {
        state.firingSince = state.pendingSince;
        state.level = breached.level().label();
        state.firingValue = sample.value();
        return Optional.of(firing(sample, state.firingSince, breached));
      }
      return Optional.empty();
    }
    state.pendingSince = ConditionState.NONE;
    if (!state.isFiring()) {
      return Optional.empty();
    }
    if (!rule.comparison().clears(sample.value(), rule.clearAt())) {
      state.clearingSince = ConditionState.NONE;
      return Optional.empty();
    }
    if (state.clearingSince == ConditionState.NONE || !contiguous) {
      state.clearingSince = sample.windowStart();
    }
    if (sample.windowEnd() - state.clearingSince >= rule.clearHold().toMillis()) {
      return Optional.of(
          resolve(state, sample.center(), sample.dimension(), sample.scope(), state.clearingSince));
    }
    return Optional.empty();
  }

  /**
   * Whether the rule watches this sample: its KPI, broken down by the signal's scope label (the job
   * computes some KPIs for several scopes; a rule on a queue's service level ignores the
   * center-wide one).
   */
  public boolean appliesTo(KpiSample sample) {
    return rule.kpi().equals(sample.kpi())
        && (scopeLabel == null || scopeLabel.equals(sample.dimension()));
  }

  /** Whether a window rests on enough observations to move the rule either way. */
  public boolean isEvidence(KpiSample sample) {
    return sample.samples() >= rule.minSamples() && !Double.isNaN(sample.value());
  }

  /**
   * The series has gone quiet: no window with evidence for a while. A firing alert resolves at the
   * end of the last window that had evidence, since nothing says it still holds.
   */
  public Optional<Alert> expire(
      ConditionState state, String center, String dimension, String scope) {
    if (!state.isFiring()) {
      return Optional.empty();
    }
    return Optional.of(resolve(state, center, dimension, scope, state.lastEvidenceEnd));
  }

  private Alert resolve(
      ConditionState state, String center, String dimension, String scope, long endsAt) {
    LevelThreshold level = rule.threshold(EmergencyLevel.fromLabel(state.level));
    Alert firing = build(center, dimension, scope, state.firingSince, level, state.firingValue);
    state.firingSince = ConditionState.NONE;
    state.pendingSince = ConditionState.NONE;
    state.clearingSince = ConditionState.NONE;
    state.firingValue = Double.NaN;
    state.level = null;
    return firing.resolved(endsAt, firing.annotations());
  }

  private Alert firing(KpiSample sample, long startsAt, LevelThreshold level) {
    return build(
        sample.center(), sample.dimension(), sample.scope(), startsAt, level, sample.value());
  }

  private Alert build(
      String center,
      String dimension,
      String scope,
      long startsAt,
      LevelThreshold level,
      double value) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.ALERTNAME, rule.alertname());
    labels.put(Labels.INCIDENT_TYPE, rule.incidentType().label());
    labels.put(Labels.RISK_CATEGORY, rule.riskCategory().label());
    labels.put(Labels.EMERGENCY_LEVEL, level.level().label());
    labels.put(Labels.SEVERITY, level.severity().label());
    labels.put(Labels.CENTER, center);
    if (!Labels.CENTER.equals(dimension)) {
      // Center-wide KPIs are scoped by the center label alone.
      labels.put(dimension, scope);
    }

    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(Labels.SUMMARY, fill(rule.summary(), center, scope, value, level));
    annotations.put(Labels.DESCRIPTION, fill(rule.description(), center, scope, value, level));
    annotations.put(Labels.RUNBOOK_URL, rule.runbookUrl());
    annotations.put(Labels.PLAN_SECTION, rule.planSection());
    annotations.put(Labels.VALUE, ValueFormat.machine(value));
    annotations.put(Labels.THRESHOLD, ValueFormat.machine(level.threshold()));
    return Alert.firing(labels, annotations, startsAt, rule.runbookUrl());
  }

  private String fill(
      String template, String center, String scope, double value, LevelThreshold level) {
    return template
        .replace("{center}", center)
        .replace("{scope}", scope)
        .replace("{value}", rule.format().human(value))
        .replace("{threshold}", rule.format().human(level.threshold()))
        .replace("{level}", level.level().label())
        .replace("{hold}", humanDuration(rule.hold()));
  }

  /** Whole minutes as before ("5 min"); a hold under a minute or between minutes in seconds. */
  static String humanDuration(Duration hold) {
    long seconds = hold.toSeconds();
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }
}
