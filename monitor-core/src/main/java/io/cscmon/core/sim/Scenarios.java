package io.cscmon.core.sim;

import java.time.Duration;

/** Shared validation of scenarios. */
final class Scenarios {
  private Scenarios() {}

  static void checkWindow(Duration startOffset, Duration duration) {
    if (startOffset == null || startOffset.isNegative()) {
      throw new IllegalArgumentException("startOffset must be >= 0");
    }
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be > 0");
    }
  }
}
