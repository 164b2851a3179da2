package io.cscmon.core.metrics;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.alert.RiskCategory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gauges of the alerts that fire now: {@code cscmon_alerts_firing} (all of them) and {@code
 * cscmon_alerts_firing_by_risk{risk_category,emergency_level}}. The total is its own metric rather
 * than a label-less series of the second one because Prometheus requires one label set per metric
 * name. The same firing set also sets {@link EmergencyLevels} ({@code
 * cscmon_emergency_level{center}}). The alert manager recomputes both from its full firing set on
 * every change ({@link #firing}), so they cannot drift from the truth by a missed decrement.
 */
public final class AlertMetrics {

  static final String FIRING = "cscmon.alerts.firing";
  static final String FIRING_BY_RISK = "cscmon.alerts.firing.by.risk";

  /** Label value for an alert whose risk category or emergency level is outside the contract. */
  static final String UNKNOWN = "unknown";

  private final MeterRegistry registry;
  private final AtomicInteger total = new AtomicInteger();
  private final Map<String, AtomicInteger> byRisk = new ConcurrentHashMap<>();
  private final EmergencyLevels levels;

  public AlertMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.levels = new EmergencyLevels(registry);
    Gauge.builder(FIRING, total, AtomicInteger::get)
        .description("Alerts firing now")
        .register(registry);
    for (RiskCategory risk : RiskCategory.values()) {
      for (EmergencyLevel level : EmergencyLevel.values()) {
        cell(risk.label(), level.label());
      }
    }
  }

  /** Sets the gauges to the given set of firing alerts. */
  public synchronized void firing(Collection<Alert> alerts) {
    Map<String, Integer> counts = new HashMap<>();
    for (Alert alert : alerts) {
      counts.merge(key(risk(alert), level(alert)), 1, Integer::sum);
    }
    for (Alert alert : alerts) {
      cell(risk(alert), level(alert));
    }
    byRisk.forEach((key, gauge) -> gauge.set(counts.getOrDefault(key, 0)));
    total.set(alerts.size());
    levels.firing(alerts);
  }

  private AtomicInteger cell(String risk, String level) {
    return byRisk.computeIfAbsent(
        key(risk, level),
        k -> {
          AtomicInteger value = new AtomicInteger();
          Gauge.builder(FIRING_BY_RISK, value, AtomicInteger::get)
              .description("Alerts firing now, by risk category and emergency level")
              .tag(Labels.RISK_CATEGORY, risk)
              .tag(Labels.EMERGENCY_LEVEL, level)
              .register(registry);
          return value;
        });
  }

  // Label values are mapped onto the contract's closed sets so that a misbehaving rule cannot
  // create unbounded series.
  private static String risk(Alert alert) {
    String value = alert.label(Labels.RISK_CATEGORY);
    for (RiskCategory risk : RiskCategory.values()) {
      if (risk.label().equals(value)) {
        return value;
      }
    }
    return UNKNOWN;
  }

  private static String level(Alert alert) {
    String value = alert.label(Labels.EMERGENCY_LEVEL);
    for (EmergencyLevel level : EmergencyLevel.values()) {
      if (level.label().equals(value)) {
        return value;
      }
    }
    return UNKNOWN;
  }

  private static String key(String risk, String level) {
    return risk + '\u0000' + level;
  }
}
