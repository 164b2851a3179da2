package io.cscmon.core.metrics;

import io.cscmon.core.alert.EmergencyLevel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What the on-call people did and what the alert manager did for them: {@code
 * cscmon_silences_active} (silences in force now), {@code cscmon_alerts_acknowledged} (firing
 * alerts whose current episode is acknowledged) and {@code
 * cscmon_escalations_total{emergency_level}} (escalation steps taken for unacknowledged alerts).
 * The two gauges read the alert manager's own state at scrape time, so they cannot drift from it (0
 * until an alert manager hands its state in); the escalation series exist at 0 for every level from
 * the start.
 */
public final class AlertManagerMetrics {

  static final String SILENCES = "cscmon.silences.active";
  static final String ACKNOWLEDGED = "cscmon.alerts.acknowledged";
  static final String ESCALATIONS = "cscmon.escalations";

  private final Map<EmergencyLevel, Counter> escalations = new EnumMap<>(EmergencyLevel.class);

  // The gauges read whatever the latest alert manager handed in: a pipeline restarted on the same
  // registry (tests do) replaces its predecessor's state instead of being ignored by Micrometer.
  private final AtomicReference<Supplier<Number>> silences = new AtomicReference<>(() -> 0);
  private final AtomicReference<Supplier<Number>> acknowledged = new AtomicReference<>(() -> 0);

  public AlertManagerMetrics(MeterRegistry registry) {
    Gauge.builder(SILENCES, silences, s -> s.get().get().doubleValue())
        .description("Silences in force now")
        .register(registry);
    Gauge.builder(ACKNOWLEDGED, acknowledged, s -> s.get().get().doubleValue())
        .description("Firing alerts whose current episode has been acknowledged")
        .register(registry);
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
    silences.set(count);
  }

  /** Reads the number of acknowledged firing alerts from {@code count} at every scrape. */
  public void acknowledged(Supplier<Number> count) {
    acknowledged.set(count);
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
