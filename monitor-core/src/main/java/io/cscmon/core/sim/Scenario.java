package io.cscmon.core.sim;

import io.cscmon.core.event.AgentState;
import java.time.Duration;

/**
 * An incident injected into a simulation: active from {@link #startOffset()} after the simulation's
 * start for {@link #duration()}. A scenario never writes events itself; it changes the conditions
 * (arrival rates, staffing, component availability) and the simulated center reacts, so that waits,
 * service level and abandonment emerge from the model.
 *
 * <p>The simulator consults the hooks below only while the scenario is active; {@code elapsedMs} is
 * the time since the scenario started. Every hook has a neutral default, so a new kind of incident
 * overrides only what it changes. Hooks must be pure functions of their arguments (the simulation
 * is deterministic by seed).
 */
public interface Scenario extends java.io.Serializable {

  /** When the scenario starts, relative to {@link SimulationConfig#start()}. */
  Duration startOffset();

  /** How long it lasts. */
  Duration duration();

  /** How strong it is; the meaning depends on the scenario. */
  double intensity();

  /** A short name for logs and reports. */
  default String name() {
    String simple = getClass().getSimpleName();
    return simple.isEmpty() ? getClass().getName() : simple;
  }

  /**
   * Factor on the arrival rate of contacts of {@code topic} in {@code queue}. For the online
   * streams (logins, web/app requests) {@code queue} is {@code null}.
   */
  default double arrivalMultiplier(String queue, String topic, long elapsedMs) {
    return 1.0;
  }

  /**
   * An upper bound of {@link #arrivalMultiplier} over the whole scenario (arrivals are drawn by
   * thinning, which needs a bound).
   */
  default double maxArrivalMultiplier(String queue, String topic) {
    return 1.0;
  }

  /** Fraction (0..1) of the scheduled agents of {@code queue} who are away (not taking calls). */
  default double agentsAwayFraction(String queue, long elapsedMs) {
    return 0.0;
  }

  /** The state that agents sent away by this scenario report: not_ready or logged_out. */
  default AgentState awayState() {
    return AgentState.NOT_READY;
  }

  /** Whether the probe of this component instance reports {@code up: false}. */
  default boolean instanceDown(String component, String instance, long elapsedMs) {
    return false;
  }
}
