package io.cscmon.core.alert;

/** Alertmanager's alert status. */
public enum AlertStatus {
  FIRING,
  RESOLVED;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
