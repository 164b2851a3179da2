package io.cscmon.core.sim;

import io.cscmon.core.event.AgentState;
import java.time.Duration;

/**
 * An incident injected into a simulation: active from {@link #startOffset()} after the simulation's
 * start for {@link #duration()}. Most scenarios change the conditions (arrival rates, staffing,
 * component availability, latency) and the simulated center reacts, so that waits, service level
 * and abandonment emerge from the model. Attacks also bring traffic of their own, which they hand
 * to the simulator through {@link #inject} (every {@link #injectIntervalMs()}); the simulator puts
 * it into the stream in event-time order.
 *
 * <p>{@link #expected()} says what a detector should make of the scenario; the simulator writes it
 * to the label file ({@link Labels}).
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

  /**
   * Whether this component instance writes no health line at all (a silent instance: crashed
   * monitoring agent, partitioned host) — unlike {@link #instanceDown}, which reports {@code up:
   * false}.
   */
  default boolean healthSuppressed(String component, String instance, long elapsedMs) {
    return false;
  }

  /**
   * Fraction (0..1) of the contacts arriving on {@code channel} ({@code voice}, {@code video},
   * {@code chat}, {@code app}) that get through to the center; the rest vanish without trace (a
   * failed voice trunk). Applies to every contact, callers calling back included.
   */
  default double channelPassFraction(String channel, long elapsedMs) {
    return 1.0;
  }

  /**
   * Factor on the weight of {@code channel} ({@code voice}, {@code app}, {@code chat}, {@code
   * video}) when a new contact picks its channel; the weights are renormalized, so a scenario that
   * wants more contacts on one channel raises {@link #arrivalMultiplier} as well. Callers calling
   * back keep their channel.
   */
  default double channelShareMultiplier(String channel, long elapsedMs) {
    return 1.0;
  }

  /**
   * Factor on the load of the online channels ({@code app}, {@code web}, {@code api}): logins and
   * access requests.
   */
  default double onlineMultiplier(String channel, long elapsedMs) {
    return 1.0;
  }

  /** An upper bound of {@link #onlineMultiplier} over the whole scenario. */
  default double maxOnlineMultiplier(String channel) {
    return 1.0;
  }

  /**
   * Factor on the contact volume that workforce planning expected for {@code queue} at {@code
   * elapsedMs}: a forecast busy day (payday, holiday eve) is staffed for, an incident is not.
   */
  default double forecastMultiplier(String queue, long elapsedMs) {
    return 1.0;
  }

  /** Factor on the latency a component's instances report (slow degradation, overload). */
  default double latencyMultiplier(String component, long elapsedMs) {
    return 1.0;
  }

  /** Factor on the requests (and the cpu headroom used) a component's instances report. */
  default double requestMultiplier(String component, long elapsedMs) {
    return 1.0;
  }

  /** Extra error rate (0..1) a component's instances report (overload, timeouts). */
  default double extraErrorRate(String component, long elapsedMs) {
    return 0.0;
  }

  /**
   * How often (ms) {@link #inject} is called while the scenario is active; 0 (the default) never.
   */
  default long injectIntervalMs() {
    return 0;
  }

  /**
   * Adds this scenario's own traffic for the interval starting now ({@link Traffic#now()}). Called
   * at the scenario's start and then every {@link #injectIntervalMs()} while it is active. Use only
   * {@link Traffic#rng()} for randomness.
   */
  default void inject(Traffic traffic, long elapsedMs) {}

  /**
   * What detection should report for this scenario, written to the label file. The default, {@link
   * ExpectedIncident#none()} ({@code expect_alert: false}), is right for a busy-but-normal scenario
   * that must not alert; every incident overrides it.
   */
  default ExpectedIncident expected() {
    return ExpectedIncident.none();
  }

  /** The scenario as {@code bin/cscmon simulate --scenario} would name it, for the label file. */
  default String kind() {
    return name().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
