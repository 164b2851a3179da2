package io.cscmon.core.testing;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.Labels;
import java.util.Map;
import java.util.TreeMap;

/** Builds contract-shaped alerts for tests. */
public final class TestAlerts {
  private TestAlerts() {}

  public static final long T0 = 1_795_000_000_000L; // 2026-11-19, inside the contract's examples

  /** A firing ServiceLevelBreach for {@code queue} in center {@code sh}. */
  public static Alert firing(String queue, String level, long startsAt) {
    return firing("ServiceLevelBreach", "sh", queue, level, startsAt, "0.62");
  }

  public static Alert firing(
      String alertname, String center, String queue, String level, long startsAt, String value) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(Labels.ALERTNAME, alertname);
    labels.put(Labels.CENTER, center);
    labels.put(Labels.QUEUE, queue);
    labels.put(Labels.INCIDENT_TYPE, "service_level");
    labels.put(Labels.RISK_CATEGORY, "operational");
    labels.put(Labels.EMERGENCY_LEVEL, level);
    labels.put(Labels.SEVERITY, "I".equals(level) ? "critical" : "warning");
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(Labels.SUMMARY, "Service level of " + queue + " below target");
    annotations.put(Labels.VALUE, value);
    annotations.put(Labels.THRESHOLD, "0.80");
    return Alert.firing(labels, annotations, startsAt, "http://cscmon.test/rules/" + alertname);
  }
}
