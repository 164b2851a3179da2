package io.cscmon.core.metrics;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.Labels;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code cscmon_emergency_level{center}}: the most severe emergency level among the alerts firing
 * for a center, as a number that grows with severity — 4 for I, 3 for II, 2 for III, 1 for IV, 0
 * when no alert with a level fires (the NOC wallboard's first panel). A center keeps its series, at
 * 0, once its alerts have resolved. Alerts without a center label count for {@code default}, the
 * contract's default center; an unknown level counts as none.
 *
 * <p>{@code cscmon_emergency_activations_total{center,emergency_level}} counts the starts of the
 * plan's emergency-activation process (紧急预案启动流程, PLAN.md 一、预案概述): every time a center's most severe
 * firing level rises — from none to IV, or from IV to II — the process starts (again) at the new
 * level. A level that falls and rises again starts it again; a level that stays does not.
 */
public final class EmergencyLevels {

  static final String LEVEL = "cscmon.emergency.level";
  static final String ACTIVATIONS = "cscmon.emergency.activations";
  static final String DEFAULT_CENTER = "default";

  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> byCenter = new ConcurrentHashMap<>();
  private final Map<String, Counter> activations = new ConcurrentHashMap<>();

  public EmergencyLevels(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Sets every center's gauge from the full set of firing alerts. */
  public synchronized void firing(Collection<Alert> alerts) {
    Map<String, Integer> worst = new HashMap<>();
    for (Alert alert : alerts) {
      String center = alert.label(Labels.CENTER);
      worst.merge(
          center == null || center.isEmpty() ? DEFAULT_CENTER : center,
          severity(alert.label(Labels.EMERGENCY_LEVEL)),
          Math::max);
    }
    worst.keySet().forEach(this::gauge);
    byCenter.forEach(
        (center, gauge) -> {
          int now = worst.getOrDefault(center, 0);
          if (gauge.getAndSet(now) < now) {
            activation(center, now).increment();
          }
        });
  }

  private Counter activation(String center, int severity) {
    registerActivations(center);
    String label = EmergencyLevel.values()[severity + EmergencyLevel.NONE.ordinal()].label();
    return activations.get(center + '\u0000' + label);
  }

  /** A center's activation counters, all four levels at 0 together. */
  private void registerActivations(String center) {
    for (EmergencyLevel level : EmergencyLevel.values()) {
      if (level != EmergencyLevel.NONE) {
        activations.computeIfAbsent(
            center + '\u0000' + level.label(),
            k ->
                Counter.builder(ACTIVATIONS)
                    .description(
                        "Starts of the emergency-activation process: the center's most severe"
                            + " firing level rose to this one")
                    .tag(Labels.CENTER, center)
                    .tag(Labels.EMERGENCY_LEVEL, level.label())
                    .register(registry));
      }
    }
  }

  /** 4 for I down to 1 for IV, 0 for none or a value outside the contract. */
  static int severity(String level) {
    for (EmergencyLevel l : EmergencyLevel.values()) {
      if (l.label().equals(level)) {
        return l.ordinal() - EmergencyLevel.NONE.ordinal();
      }
    }
    return 0;
  }

  private AtomicInteger gauge(String center) {
    return byCenter.computeIfAbsent(
        center,
        c -> {
          registerActivations(c);
          AtomicInteger value = new AtomicInteger();
          Gauge.builder(LEVEL, value, AtomicInteger::get)
              .description(
                  "Most severe emergency level firing for the center: 4 = I, 3 = II, 2 = III,"
                      + " 1 = IV, 0 = none")
              .tag(Labels.CENTER, c)
              .register(registry);
          return value;
        });
  }
}
