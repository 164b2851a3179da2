package io.cscmon.core.event;

import java.util.Optional;

/** The {@code outcome} of an {@code ended} call. */
public enum CallOutcome {
  RESOLVED,
  TRANSFERRED,
  ESCALATED,
  COMPLAINT;

  public String wireName() {
    return WireEnums.wireName(this);
  }

  public static Optional<CallOutcome> fromWire(String value) {
    return WireEnums.lookup(CallOutcome.class, value);
  }

  public static String allowed() {
    return WireEnums.allowed(CallOutcome.class);
  }
}
