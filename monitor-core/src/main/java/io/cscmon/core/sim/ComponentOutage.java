package io.cscmon.core.sim;

import java.time.Duration;

/**
 * A component's instances report {@code up: false}. While every instance of a component is down the
 * component is unavailable and the center feels it: without {@code core_banking} (or the {@code
 * database} it depends on) the IVR cannot self-serve and callers go to agents; without {@code ivr}
 * every call goes to an agent; without {@code voice_gateway} voice calls cannot arrive; without
 * {@code app_api} / {@code web} the online channels answer 503. Components depending on an
 * unavailable one stay up but report errors and high latency.
 *
 * @param component the component, e.g. {@code core_banking}
 * @param instance the instance, or {@code null} for all of them
 * @param intensity share of each minute the instance is down, in (0, 1]: 1 is a hard outage, less
 *     is a flapping one (down for the first {@code intensity} of every minute)
 */
public record ComponentOutage(
    Duration startOffset, Duration duration, double intensity, String component, String instance)
    implements Scenario {

  public ComponentOutage {
    Scenarios.checkWindow(startOffset, duration);
    if (!(intensity > 0 && intensity <= 1)) {
      throw new IllegalArgumentException("ComponentOutage intensity must be in (0, 1]");
    }
    if (component == null || component.isEmpty()) {
      throw new IllegalArgumentException("component is required");
    }
  }

  /** A hard outage of every instance of {@code component}. */
  public ComponentOutage(Duration startOffset, Duration duration, String component) {
    this(startOffset, duration, 1.0, component, null);
  }

  @Override
  public boolean instanceDown(String c, String i, long elapsedMs) {
    if (!component.equals(c) || (instance != null && !instance.equals(i))) {
      return false;
    }
    return intensity >= 1 || (elapsedMs % 60_000L) < intensity * 60_000L;
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
