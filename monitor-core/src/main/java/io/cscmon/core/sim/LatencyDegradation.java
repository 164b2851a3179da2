package io.cscmon.core.sim;

import java.time.Duration;

/**
 * A component slows down gradually (a leak, a growing table, a failing disk): its reported latency
 * rises linearly from normal to {@code intensity} times normal over the scenario, then recovers at
 * once. It stays up and serves.
 *
 * @param intensity latency factor reached at the end, > 1
 * @param component the component, e.g. {@code core_banking}
 */
public record LatencyDegradation(
    Duration startOffset, Duration duration, double intensity, String component)
    implements Scenario {

  public LatencyDegradation {
    Scenarios.checkWindow(startOffset, duration);
    if (!(intensity > 1 && intensity <= 1000)) {
      throw new IllegalArgumentException("LatencyDegradation intensity must be in (1, 1000]");
    }
    if (component == null || component.isEmpty()) {
      throw new IllegalArgumentException("component is required");
    }
  }

  @Override
  public double latencyMultiplier(String c, long elapsedMs) {
    if (!component.equals(c)) {
      return 1.0;
    }
    double f = Math.min(1.0, elapsedMs / (double) duration.toMillis());
    return 1 + (intensity - 1) * f;
  }

  @Override
  public ExpectedIncident expected() {
    return ExpectedIncident.of("degradation", "technical").scope("component", component);
  }
}
