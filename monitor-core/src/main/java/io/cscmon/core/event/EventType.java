package io.cscmon.core.event;

import java.util.Optional;

/** The {@code type} field of an event. */
public enum EventType {
  CALL,
  AGENT,
  HEALTH,
  AUTH,
  ACCESS;

  /** The wire name, as it appears in the {@code type} field. */
  public String wireName() {
    return WireEnums.wireName(this);
  }

  public static Optional<EventType> fromWire(String value) {
    return WireEnums.lookup(EventType.class, value);
  }

  public static String allowed() {
    return WireEnums.allowed(EventType.class);
  }
}
