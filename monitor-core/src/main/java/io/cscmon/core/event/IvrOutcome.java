package io.cscmon.core.event;

import java.util.Optional;

/** How a call left the IVR ({@code ivr_outcome} of an {@code ivr_exit}). */
public enum IvrOutcome {
  SELF_SERVED,
  TO_AGENT,
  HANGUP;

  public String wireName() {
    return WireEnums.wireName(this);
  }

  public static Optional<IvrOutcome> fromWire(String value) {
    return WireEnums.lookup(IvrOutcome.class, value);
  }

  public static String allowed() {
    return WireEnums.allowed(IvrOutcome.class);
  }
}
