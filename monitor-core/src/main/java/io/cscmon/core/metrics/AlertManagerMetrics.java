package io.cscmon.core.metrics;

import io.cscmon.core.alert.EmergencyLevel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the on-call people did and what the alert manager did for them: {@code
 * cscmon_silences_active} (silences in force now), {@code cscmon_alerts_acknowledged} (firing
 * alerts whose current episode is acknowledged) and {@code
 * cscmon_escalations_total{emergency_level}} (escalation steps taken for unacknowledged alerts).
 * The two gauges read the alert manager's own state at scrape time, so they cannot drift from it;
 * the escalation series exist at 0 for every level from the start.
 */
public final class AlertManagerMetrics {

  static final String SILENCES = "cscmon.silences.active";
  static final String ACKNOWLEDGED = "cscmon.alerts.acknowledged";
  static final String ESCALATIONS = "cscmon.escalations";

  private final MeterRegistry registry;
  private final Map<EmergencyLevel, Counter> escalations = new EnumMap<>(EmergencyLevel.class);

  public AlertManagerMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (EmergencyLevel level : EmergencyLevel.values()) {
      escalations.put(
          level,
          Counter.builder(ESCALATIONS)
              .description("Escalations of unacknowledged alerts to the next on-call step")
              .tag("emergency_level", level.label())
              .register(registry));
    }
  }

  /** Reads the number of silences in force from {@code count} at every scrape. */
  public void silencesActive(Supplier<Number> count) {
    Gauge.builder(SILENCES, count)
        .description("Silences in force now")
        .strongReference(true)
        .register(registry);
  }

  /** Reads the number of acknowledged firing alerts from {@code count} at every scrape. */
  public void acknowledged(Supplier<Number> count) {
    Gauge.builder(ACKNOWLEDGED, count)
        .description("Firing alerts whose current episode has been acknowledged")
        .strongReference(true)
        .register(registry);
  }

  /** One escalation step of an alert of {@code level} (an unknown level counts as none). */
  public void escalated(String level) {
    EmergencyLevel known = EmergencyLevel.NONE;
    for (EmergencyLevel l : EmergencyLevel.values()) {
      if (l.label().equals(level)) {
        known = l;
      }
    }
    escalations.get(known).increment();
  }
}
