package io.cscmon.core.sim;

import java.time.Duration;

/**
 * A component instance goes silent: it writes no health line at all (its monitoring agent died, its
 * host is cut off) — not {@code up: false}. CONTRACT §1: an instance that stops reporting for three
 * intervals is as much an outage as one that reports down. The rest of the simulated center carries
 * on (the other instances serve), so only the missing heartbeats tell.
 *
 * @param component the component, e.g. {@code crm}
 * @param instance the instance, or {@code null} for all of them
 */
public record HeartbeatLoss(
    Duration startOffset, Duration duration, String component, String instance)
    implements Scenario {

  public HeartbeatLoss {
    Scenarios.checkWindow(startOffset, duration);
    if (component == null || component.isEmpty()) {
      throw new IllegalArgumentException("component is required");
    }
  }

  @Override
  public double intensity() {
    return 1.0;
  }

  @Override
  public boolean healthSuppressed(String c, String i, long elapsedMs) {
    return component.equals(c) && (instance == null || instance.equals(i));
  }

  @Override
  public ExpectedIncident expected() {
    // One instance of several: the others still serve, which is ComponentDegraded (degradation);
    // the component's only instance, or all of them, is an outage.
    boolean oneOfSeveral = instance != null && Simulator.instanceCount(component) > 1;
    return ExpectedIncident.of(oneOfSeveral ? "degradation" : "outage", "technical")
        .scope("component", component)
        .scope("instance", instance);
  }
}
