package io.cscmon.core.event;

import java.util.Optional;

/** The {@code state} of an {@code agent} event. */
public enum AgentState {
  LOGGED_OUT,
  AVAILABLE,
  BUSY,
  WRAP_UP,
  NOT_READY;

  public String wireName() {
    return WireEnums.wireName(this);
  }

  public static Optional<AgentState> fromWire(String value) {
    return WireEnums.lookup(AgentState.class, value);
  }

  public static String allowed() {
    return WireEnums.allowed(AgentState.class);
  }
}
