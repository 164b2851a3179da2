package io.cscmon.core.alert;

/**
 * The plan's emergency levels, I most severe. {@link #NONE} is an alert that informs but activates
 * no emergency response. Declared from least to most severe so that {@code compareTo} orders by
 * severity.
 */
public enum EmergencyLevel {
  NONE("none"),
  IV("IV"),
  III("III"),
  II("II"),
  I("I");

  private final String label;

  EmergencyLevel(String label) {
    this.label = label;
  }

  /** The value of the {@code emergency_level} label. */
  public String label() {
    return label;
  }

  public boolean moreSevereThan(EmergencyLevel other) {
    return compareTo(other) > 0;
  }

  public static EmergencyLevel fromLabel(String label) {
    for (EmergencyLevel level : values()) {
      if (level.label.equals(label)) {
        return level;
      }
    }
    throw new IllegalArgumentException(
        "emergency level '" + label + "' is not one of I, II, III, IV, none");
  }
}
