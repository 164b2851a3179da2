package io.cscmon.core.http;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.RiskCategory;
import io.cscmon.core.alert.Severity;
import io.cscmon.core.manager.Acks;
import io.cscmon.core.manager.AlertQuery;
import io.cscmon.core.manager.Silences;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The query of {@code GET /api/v1/alerts}: {@code status}, the label filters {@code alertname},
 * {@code risk_category}, {@code emergency_level}, {@code incident_type}, {@code severity}, {@code
 * center}, {@code queue}, {@code component}, {@code attack_type} (each {@code a,b} for either), and
 * {@code silenced}/{@code inhibited}/{@code acked} ({@code true}/{@code false}). All given must
 * hold. Without any the list is CONTRACT §3's, unchanged.
 */
final class AlertFilter {

  static final List<String> LABELS =
      List.of(
          "alertname",
          "risk_category",
          "emergency_level",
          "incident_type",
          "severity",
          "center",
          "queue",
          "component",
          "attack_type");

  static final Set<String> PARAMETERS = parameters();

  /** The labels whose values CONTRACT §2 lists in full: any other value is a mistake. */
  private static final Map<String, List<String>> CLOSED =
      Map.of(
          "emergency_level", labels(EmergencyLevel.values(), EmergencyLevel::label),
          "severity", labels(Severity.values(), Severity::label),
          "risk_category", labels(RiskCategory.values(), RiskCategory::label));

  private static <E> List<String> labels(E[] values, Function<E, String> label) {
    return Arrays.stream(values).map(label).toList();
  }

  /** Whether the recently resolved alerts are looked at too. */
  private final boolean includeResolved;

  private final Predicate<Alert> test;

  private AlertFilter(boolean includeResolved, Predicate<Alert> test) {
    this.includeResolved = includeResolved;
    this.test = test;
  }

  boolean includeResolved() {
    return includeResolved;
  }

  boolean test(Alert alert) {
    return test.test(alert);
  }

  /**
   * @throws IllegalArgumentException naming the parameter and what it takes
   */
  static AlertFilter parse(MultiMap query, Silences silences, Acks acks, AlertQuery alerts) {
    for (String name : query.names()) {
      if (!PARAMETERS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown parameter '" + name + "'; known: " + String.join(", ", PARAMETERS));
      }
    }
    List<Predicate<Alert>> all = new ArrayList<>();
    // As before the filters: only "false" (in any case) adds the resolved alerts.
    boolean includeResolved = "false".equalsIgnoreCase(query.get("active"));
    String status = query.get("status");
    if (status != null) {
      switch (status) {
        case "firing" -> all.add(Alert::isFiring);
        case "resolved" -> {
          includeResolved = true;
          all.add(a -> !a.isFiring());
        }
        default ->
            throw new IllegalArgumentException(
                "status: '" + status + "' is neither firing nor resolved");
      }
    }
    for (String label : LABELS) {
      String values = query.get(label);
      if (values != null) {
        Set<String> either = Set.copyOf(Arrays.asList(values.split(",", -1)));
        List<String> closed = CLOSED.get(label);
        if (closed != null) {
          for (String v : either) {
            if (!closed.contains(v)) {
              // A typo (emergency_level=V, or i) would otherwise match nothing: an empty list
              // that reads as "all clear".
              throw new IllegalArgumentException(
                  label + ": '" + v + "' is none of " + String.join(", ", closed));
            }
          }
        }
        all.add(a -> either.contains(a.labels().getOrDefault(label, "")));
      }
    }
    String silenced = bool(query, "silenced", null);
    if (silenced != null) {
      boolean wanted = silenced.equals("true");
      all.add(a -> a.isFiring() && silences.mutes(a.labels()) == wanted);
    }
    String inhibited = bool(query, "inhibited", null);
    if (inhibited != null) {
      boolean wanted = inhibited.equals("true");
      all.add(a -> a.isFiring() && alerts.inhibited(a) == wanted);
    }
    String acked = bool(query, "acked", null);
    if (acked != null) {
      boolean wanted = acked.equals("true");
      all.add(a -> acks.of(a).isPresent() == wanted);
    }
    return new AlertFilter(includeResolved, a -> all.stream().allMatch(p -> p.test(a)));
  }

  private static String bool(MultiMap query, String name, String fallback) {
    String v = query.get(name);
    if (v == null) {
      return fallback;
    }
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException(name + ": '" + v + "' is neither true nor false");
    }
    return v;
  }

  private static Set<String> parameters() {
    Set<String> names = new TreeSet<>(LABELS);
    names.addAll(List.of("active", "status", "silenced", "inhibited", "acked"));
    return names;
  }
}
