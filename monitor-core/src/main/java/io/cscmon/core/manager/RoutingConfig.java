package io.cscmon.core.manager;

import io.cscmon.core.alert.EmergencyLevel;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything that decides who is told what and when: the routing tree, inhibit rules, named time
 * intervals, escalation chains. Receivers themselves (URLs, secrets) live with the notifiers.
 *
 * @param urgentLevels alerts at these emergency levels notify at once, without group_wait or
 *     group_interval, when they start firing or are raised to the level (issue 8: "level I/II
 *     groups notify at once")
 * @param rootCauseInhibition whether an alert whose {@code root_cause} names a component that has
 *     an alert firing in the same center is muted ({@link InhibitRule#rootCauseFires})
 * @param keepFiringFor flap damping: a resolution is held this long (wall clock) before receivers
 *     hear of it; if the alert fires again meanwhile, receivers see one alert that kept firing
 */
public record RoutingConfig(
    Route.Spec route,
    List<InhibitRule> inhibitRules,
    boolean rootCauseInhibition,
    Map<String, List<TimeInterval>> timeIntervals,
    List<EscalationPolicy> escalations,
    Set<EmergencyLevel> urgentLevels,
    java.time.Duration keepFiringFor) {

  /** Without flap damping. */
  public RoutingConfig(
      Route.Spec route,
      List<InhibitRule> inhibitRules,
      boolean rootCauseInhibition,
      Map<String, List<TimeInterval>> timeIntervals,
      List<EscalationPolicy> escalations,
      Set<EmergencyLevel> urgentLevels) {
    this(
        route,
        inhibitRules,
        rootCauseInhibition,
        timeIntervals,
        escalations,
        urgentLevels,
        java.time.Duration.ZERO);
  }

  public static final Set<EmergencyLevel> DEFAULT_URGENT =
      Set.of(EmergencyLevel.I, EmergencyLevel.II);

  public RoutingConfig {
    inhibitRules = List.copyOf(inhibitRules);
    timeIntervals = Map.copyOf(timeIntervals);
    escalations = List.copyOf(escalations);
    urgentLevels = Set.copyOf(urgentLevels);
    if (keepFiringFor.isNegative()) {
      throw new IllegalArgumentException("keep_firing_for must not be negative");
    }
    Route tree = Route.tree(route);
    for (Route r : tree.all()) {
      for (String name : r.muteTimeIntervals()) {
        requireInterval(timeIntervals, name, r);
      }
      for (String name : r.activeTimeIntervals()) {
        requireInterval(timeIntervals, name, r);
      }
      if (r.groupInterval().isZero() || r.repeatInterval().isZero()) {
        throw new IllegalArgumentException(
            "route " + r.key() + ": group_interval and repeat_interval must be positive");
      }
    }
  }

  private static void requireInterval(
      Map<String, List<TimeInterval>> timeIntervals, String name, Route r) {
    if (!timeIntervals.containsKey(name)) {
      throw new IllegalArgumentException(
          "route " + r.key() + " names time interval '" + name + "', which is not defined");
    }
  }

  /** Everything to one receiver with the defaults: no inhibition but root causes, no escalation. */
  public static RoutingConfig to(String receiver) {
    return new RoutingConfig(
        Route.Spec.to(receiver), List.of(), true, Map.of(), List.of(), DEFAULT_URGENT);
  }

  /** Every receiver name the config refers to. */
  public Set<String> receivers() {
    java.util.Set<String> names = new java.util.TreeSet<>();
    for (Route r : Route.tree(route).all()) {
      names.add(r.receiver());
    }
    for (EscalationPolicy p : escalations) {
      p.steps().forEach(s -> names.add(s.receiver()));
    }
    return names;
  }
}
