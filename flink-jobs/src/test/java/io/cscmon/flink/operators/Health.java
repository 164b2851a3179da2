package io.cscmon.flink.operators;

import io.cscmon.core.event.HealthEvent;

/** Health samples for the detector operator tests (center {@code sh}, 10 s interval). */
final class Health {
  private Health() {}

  static final String CENTER = "sh";
  static final long INTERVAL = 10_000;

  static HealthEvent sample(long ts, String component, String instance, boolean up) {
    return sample(ts, component, instance, up, 100, 0, 200);
  }

  static HealthEvent sample(
      long ts,
      String component,
      String instance,
      boolean up,
      long requests,
      long errors,
      double p99) {
    return new HealthEvent(
        ts,
        CENTER,
        component,
        instance,
        INTERVAL,
        up,
        p99 / 3,
        p99,
        requests,
        errors,
        0.3,
        0.5,
        new String[0],
        new double[0]);
  }
}
