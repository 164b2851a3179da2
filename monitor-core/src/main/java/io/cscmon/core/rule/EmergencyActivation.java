package io.cscmon.core.rule;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.IncidentType;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.alert.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The center-wide emergency: the plan's emergency-activation process (紧急预案启动流程) as one alert per
 * center. The center's level is the most severe level among its firing alerts, whatever their risk
 * (technical, operational, market, credit): any alert at IV or above activates the plan at that
 * level. The {@code EmergencyActivation} alert fires at that level, changes level with it (same
 * fingerprint, its start kept) and resolves when no alert with a level fires any more. It names the
 * alerts behind it, the teams the plan calls at that level (PLAN 二、组织架构与职责分工) and the deadlines the
 * level carries, both from the rule files' {@link EmergencyPlan}.
 *
 * <p>Plain state: a map of the firing alerts by fingerprint. Feed it every alert state change of
 * one center in event-time order with {@link #apply}; emergency alerts themselves are ignored.
 */
public final class EmergencyActivation {

  public static final String ALERTNAME = "EmergencyActivation";
  public static final String RUNBOOK_URL = "alert-rules/runbook.md#emergencyactivation";
  public static final String PLAN_SECTION = "一、预案概述 — 紧急预案启动流程 (emergency activation); 二、组织架构与职责分工";

  /** One alert behind the emergency. */
  public record Behind(String name, String scope, EmergencyLevel level, String risk) {

    /** A tab-separated form for keyed state (label values contain no tabs). */
    public String encode() {
      return level.label() + '\t' + name + '\t' + scope + '\t' + (risk == null ? "" : risk);
    }

    public static Behind decode(String text) {
      String[] f = text.split("\t", -1);
      return new Behind(f[1], f[2], EmergencyLevel.fromLabel(f[0]), f[3].isEmpty() ? null : f[3]);
    }
  }

  private final String center;
  private final EmergencyPlan plan;
  private final Map<String, Behind> firing = new TreeMap<>();
  private EmergencyLevel level = EmergencyLevel.NONE;
  private Alert current;

  /**
   * The latest end among the alerts that left this episode: the episode ends there, not at the last
   * one's end. Alerts leave in the order they are decided, and a hold or a detector's clear delay
   * decides an end later than a later end (a black-box sweep: the center resolved at 20:34:50, the
   * end of a DDoS decided last, though a crm outage had fired until 20:40:03).
   */
  private long lastEnd = Long.MIN_VALUE;

  /** A center under the shipped plan. */
  public EmergencyActivation(String center) {
    this(center, EmergencyPlan.defaults());
  }

  /** A center under {@code plan} (the rule files' {@code emergency:} section). */
  public EmergencyActivation(String center, EmergencyPlan plan) {
    this.center = center;
    this.plan = plan;
  }

  /**
   * Restores the state kept elsewhere (Flink keyed state): the firing alerts by fingerprint and the
   * emergency alert now firing, or {@code null}.
   */
  public EmergencyActivation(
      String center, EmergencyPlan plan, Map<String, Behind> firing, Alert current) {
    this(center, plan, firing, current, Long.MIN_VALUE);
  }

  /** As above, with the episode's {@link #lastEnd()} so far. */
  public EmergencyActivation(
      String center, EmergencyPlan plan, Map<String, Behind> firing, Alert current, long lastEnd) {
    this.center = center;
    this.plan = plan;
    this.firing.putAll(firing);
    this.current = current;
    this.lastEnd = current == null ? Long.MIN_VALUE : lastEnd;
    this.level =
        current == null
            ? EmergencyLevel.NONE
            : EmergencyLevel.fromLabel(current.label(Labels.EMERGENCY_LEVEL));
  }

  /** The firing alerts behind the level, by fingerprint. */
  public Map<String, Behind> firing() {
    return java.util.Collections.unmodifiableMap(firing);
  }

  /** The emergency alert firing now, or {@code null}. */
  public Alert current() {
    return current;
  }

  public EmergencyLevel level() {
    return level;
  }

  /** The latest end among the alerts that have left the episode now firing (or MIN_VALUE). */
  public long lastEnd() {
    return lastEnd;
  }

  /**
   * Applies one alert state change (event time {@code at}) and returns the emergency alert's
   * change, if the center's level changed.
   */
  public Optional<Alert> apply(Alert alert, long at) {
    if (IncidentType.EMERGENCY.label().equals(alert.label(Labels.INCIDENT_TYPE))) {
      return Optional.empty();
    }
    EmergencyLevel alertLevel = levelOf(alert);
    if (alert.isFiring() && alertLevel != EmergencyLevel.NONE) {
      String scope = scopeOf(alert);
      String risk = alert.label(Labels.RISK_CATEGORY);
      firing.put(
          alert.fingerprint(),
          new Behind(alert.alertname(), scope, counted(scope, alertLevel, risk), risk));
    } else if (firing.remove(alert.fingerprint()) != null && current != null) {
      lastEnd = Math.max(lastEnd, at);
    }
    EmergencyLevel now = EmergencyLevel.NONE;
    for (Behind b : firing.values()) {
      if (b.level().moreSevereThan(now)) {
        now = b.level();
      }
    }
    if (now == level) {
      // Same level: no change of the emergency alert, though the alerts behind it may have changed
      // (its summary names them as at its last level change). Updating it there wrote the same
      // state twice whenever the set went back to an earlier one, which receivers and the
      // exactly-once checks read as a duplicate; left for a design that numbers the updates.
      return Optional.empty();
    }
    level = now;
    if (now == EmergencyLevel.NONE) {
      Alert resolved = current.resolved(Math.max(at, lastEnd), current.annotations());
      current = null;
      lastEnd = Long.MIN_VALUE;
      return Optional.of(resolved);
    }
    long startsAt = current == null ? at : current.startsAt();
    current = build(now, startsAt);
    return Optional.of(current);
  }

  private Alert build(EmergencyLevel now, long startsAt) {
    List<Behind> behind = new ArrayList<>(firing.values());
    // The most severe first; at the same level a telephony DoS before the peak it explains.
    behind.sort(
        java.util.Comparator.comparing(Behind::level)
            .reversed()
            .thenComparing(b -> !TDOS_ALERT.equals(b.name())));
    Behind worst = behind.get(0);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.ALERTNAME, ALERTNAME);
    labels.put(Labels.INCIDENT_TYPE, IncidentType.EMERGENCY.label());
    labels.put(Labels.RISK_CATEGORY, worst.risk() == null ? "operational" : worst.risk());
    labels.put(Labels.EMERGENCY_LEVEL, now.label());
    labels.put(Labels.SEVERITY, severity(now).label());
    labels.put(Labels.CENTER, center);
    StringBuilder list = new StringBuilder();
    for (Behind b : behind) {
      if (list.length() > 0) {
        list.append("; ");
      }
      list.append(b.name());
      if (!b.scope().isEmpty()) {
        list.append(' ').append(b.scope());
      }
      list.append(" (").append(b.level().label());
      if (b.risk() != null) {
        list.append(", ").append(b.risk());
      }
      list.append(')');
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(
        Labels.SUMMARY,
        "Center "
            + center
            + " at emergency level "
            + now.label()
            + ": "
            + behind.size()
            + (behind.size() == 1 ? " alert" : " alerts")
            + " behind it, the worst "
            + worst.name()
            + (worst.scope().isEmpty() ? "" : " " + worst.scope()));
    annotations.put(
        Labels.DESCRIPTION,
        "The operations plan's emergency-activation process runs at level "
            + now.label()
            + ". Alerts behind it: "
            + list
            + ". Teams called: "
            + plan.teams(now)
            + ". Deadlines: "
            + plan.deadlines(now)
            + ".");
    annotations.put(Labels.RUNBOOK_URL, RUNBOOK_URL);
    annotations.put(Labels.PLAN_SECTION, PLAN_SECTION);
    annotations.put(Labels.VALUE, now.label());
    annotations.put(Labels.THRESHOLD, "any alert at level IV or above");
    annotations.put("teams", plan.teams(now));
    annotations.put("deadlines", plan.deadlines(now));
    annotations.put("alerts", list.toString());
    return Alert.firing(labels, annotations, startsAt, "");
  }

  /** The telephony denial-of-service alert ({@code io.cscmon.core.detect.TdosDetector.ALERT}). */
  static final String TDOS_ALERT = "TelephonyDos";

  /**
   * An alert's level as the center counts it. A channel's own operational alert (PeakLoad on voice)
   * that comes while a telephony DoS floods that channel counts at most at the attack's level, and
   * keeps that until it changes: the flood is the peak (and its five-minute view still holds the
   * flood after the attack ends), and the plan grades attacks by the attack levels. A TDoS at III
   * made PeakLoad read 3.7-10× the usual, level I, and the center's activation I: management and a
   * regulator's report for an attack the detector graded III.
   */
  private EmergencyLevel counted(String scope, EmergencyLevel level, String risk) {
    if (!"operational".equals(risk) || !scope.startsWith("channel=") || scope.contains(",")) {
      return level;
    }
    EmergencyLevel attack = null;
    for (Behind a : firing.values()) {
      if (TDOS_ALERT.equals(a.name())
          && java.util.Arrays.asList(a.scope().split(",")).contains(scope)
          && (attack == null || a.level().moreSevereThan(attack))) {
        attack = a.level();
      }
    }
    return attack != null && level.moreSevereThan(attack) ? attack : level;
  }

  static Severity severity(EmergencyLevel level) {
    return level.compareTo(EmergencyLevel.II) >= 0 ? Severity.CRITICAL : Severity.WARNING;
  }

  private static EmergencyLevel levelOf(Alert alert) {
    String label = alert.label(Labels.EMERGENCY_LEVEL);
    if (label == null) {
      return EmergencyLevel.NONE;
    }
    try {
      return EmergencyLevel.fromLabel(label);
    } catch (IllegalArgumentException e) {
      return EmergencyLevel.NONE;
    }
  }

  private static String scopeOf(Alert alert) {
    StringBuilder s = new StringBuilder();
    for (String name : Labels.IDENTITY) {
      if (name.equals(Labels.ALERTNAME) || name.equals(Labels.CENTER)) {
        continue;
      }
      String v = alert.label(name);
      if (v != null && !v.isEmpty()) {
        if (s.length() > 0) {
          s.append(',');
        }
        s.append(name).append('=').append(v);
      }
    }
    return s.toString();
  }
}
