package io.cscmon.core.alert;

/** The {@code incident_type} label of CONTRACT §2. */
public enum IncidentType {
  PEAK_LOAD,
  SERVICE_LEVEL,
  OUTAGE,
  DEGRADATION,
  ATTACK,
  TOPIC_SURGE,
  EMERGENCY;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
