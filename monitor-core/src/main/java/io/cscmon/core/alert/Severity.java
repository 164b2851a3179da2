package io.cscmon.core.alert;

/** The {@code severity} label: how urgently a human must look. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
