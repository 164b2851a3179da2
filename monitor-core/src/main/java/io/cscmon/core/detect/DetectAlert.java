package io.cscmon.core.detect;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.IncidentType;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.alert.RiskCategory;
import io.cscmon.core.alert.Severity;
import io.cscmon.core.rule.DefaultRules;
import io.cscmon.core.rule.ValueFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the contract's alert objects for the detectors: every CONTRACT §2 label and annotation.
 */
public final class DetectAlert {

  /** The label that ties a symptom to the component whose outage caused it. */
  public static final String ROOT_CAUSE = "root_cause";

  /** Annotation: how long the incident lasted, on resolved alerts. */
  public static final String DURATION = "duration";

  /** Annotation: the worst sources, {@code source=count} comma-separated, on attack alerts. */
  public static final String TOP_OFFENDERS = "top_offenders";

  public static final String PLAN_TECHNICAL =
      "一、预案概述 (三) 技术风险 — 系统监控和故障预警机制 (technical risk: system monitoring and fault"
          + " early warning)";
  public static final String PLAN_SECURITY =
      "二、组织架构与职责分工 (3) 技术支持层 — 网络安全 (technical support: network security, 7x24" + " monitoring)";

  private final Map<String, String> labels = new LinkedHashMap<>();
  private final Map<String, String> annotations = new LinkedHashMap<>();
  private final String alertname;

  private DetectAlert(String alertname, IncidentType type, RiskCategory risk) {
    this.alertname = alertname;
    labels.put(Labels.ALERTNAME, alertname);
    labels.put(Labels.INCIDENT_TYPE, type.label());
    labels.put(Labels.RISK_CATEGORY, risk.label());
    annotations.put(Labels.RUNBOOK_URL, runbookUrl(alertname));
    annotations.put(
        Labels.PLAN_SECTION, type == IncidentType.ATTACK ? PLAN_SECURITY : PLAN_TECHNICAL);
  }

  public static DetectAlert of(String alertname, IncidentType type, String center) {
    DetectAlert a = new DetectAlert(alertname, type, RiskCategory.TECHNICAL);
    a.labels.put(Labels.CENTER, center);
    return a;
  }

  public static String runbookUrl(String alertname) {
    return DefaultRules.RUNBOOK + "#" + alertname.toLowerCase(Locale.ROOT);
  }

  /** Sets the level and the severity that goes with it: I and II page as critical. */
  public DetectAlert level(EmergencyLevel level) {
    return level(level, severityOf(level));
  }

  public DetectAlert level(EmergencyLevel level, Severity severity) {
    labels.put(Labels.EMERGENCY_LEVEL, level.label());
    labels.put(Labels.SEVERITY, severity.label());
    return this;
  }

  /**
   * {@code a} raised or lowered to {@code level}: its level label and the severity that goes with
   * it change, all else stays, the fingerprint too (the same alert, re-leveled).
   */
  static Alert withLevel(Alert a, EmergencyLevel level) {
    TreeMap<String, String> labels = new TreeMap<>(a.labels());
    labels.put(Labels.EMERGENCY_LEVEL, level.label());
    labels.put(Labels.SEVERITY, severityOf(level, a.label(Labels.INCIDENT_TYPE)).label());
    return new Alert(
        a.status(),
        labels,
        a.annotations(),
        a.startsAt(),
        a.endsAt(),
        a.generatorURL(),
        a.fingerprint());
  }

  /**
   * As {@link #severityOf(EmergencyLevel)}, but an outage is critical at every level: a customer
   * facing component down pages from its first minute, and it must not turn into a warning as it
   * lasts long enough to reach IV (a black-box sweep: critical at level none, warning at IV and
   * III, critical again at II, while the queues it starved were at level I).
   */
  public static Severity severityOf(EmergencyLevel level, String incidentType) {
    return IncidentType.OUTAGE.label().equals(incidentType) ? Severity.CRITICAL : severityOf(level);
  }

  public static Severity severityOf(EmergencyLevel level) {
    return switch (level) {
      case I, II -> Severity.CRITICAL;
      case III, IV -> Severity.WARNING;
      case NONE -> Severity.INFO;
    };
  }

  public DetectAlert label(String name, String value) {
    if (value != null) {
      labels.put(name, value);
    }
    return this;
  }

  public DetectAlert summary(String text) {
    annotations.put(Labels.SUMMARY, text);
    return this;
  }

  public DetectAlert description(String text) {
    annotations.put(Labels.DESCRIPTION, text);
    return this;
  }

  public DetectAlert value(double value) {
    annotations.put(Labels.VALUE, ValueFormat.machine(value));
    return this;
  }

  public DetectAlert threshold(double threshold) {
    annotations.put(Labels.THRESHOLD, ValueFormat.machine(threshold));
    return this;
  }

  public DetectAlert annotation(String name, String value) {
    if (value != null) {
      annotations.put(name, value);
    }
    return this;
  }

  public Alert firing(long startsAt) {
    if (!labels.containsKey(Labels.EMERGENCY_LEVEL)) {
      level(EmergencyLevel.NONE);
    }
    for (String required : new String[] {Labels.SUMMARY, Labels.DESCRIPTION}) {
      annotations.putIfAbsent(required, alertname);
    }
    annotations.putIfAbsent(Labels.VALUE, "");
    annotations.putIfAbsent(Labels.THRESHOLD, "");
    return Alert.firing(labels, annotations, startsAt, runbookUrl(alertname));
  }

  /** A firing alert and its resolve at {@code endsAt}, with the duration stated. */
  public Alert resolved(long startsAt, long endsAt) {
    Alert firing = firing(startsAt);
    Map<String, String> ann = new LinkedHashMap<>(firing.annotations());
    String lasted = human(endsAt - startsAt);
    ann.put(DURATION, lasted);
    ann.put(Labels.DESCRIPTION, ann.get(Labels.DESCRIPTION) + " Resolved after " + lasted + ".");
    return firing.resolved(endsAt, ann);
  }

  /** 95 min → "1 h 35 min"; under a minute → "45 s". */
  public static String human(long ms) {
    long s = Math.max(0, ms) / 1000;
    if (s < 60) {
      return s + " s";
    }
    long min = s / 60;
    return min < 60 ? min + " min" : (min / 60) + " h " + (min % 60) + " min";
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", v * 100);
  }
}
