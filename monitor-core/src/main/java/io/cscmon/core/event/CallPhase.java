package io.cscmon.core.event;

import java.util.Optional;

/** The step of a contact's life a {@code call} event reports. */
public enum CallPhase {
  ARRIVED,
  IVR_EXIT,
  QUEUED,
  ANSWERED,
  ABANDONED,
  ENDED;

  public String wireName() {
    return WireEnums.wireName(this);
  }

  public static Optional<CallPhase> fromWire(String value) {
    return WireEnums.lookup(CallPhase.class, value);
  }

  public static String allowed() {
    return WireEnums.allowed(CallPhase.class);
  }
}
