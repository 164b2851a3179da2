package io.cscmon.core.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What detection should report for a scenario: the CONTRACT §2 labels of the expected alert(s).
 * {@link #none()} is a scenario that must raise no alert.
 *
 * @param expectAlert whether an alert is expected
 * @param incidentType {@code incident_type}, or {@code null} when none is expected
 * @param riskCategory {@code risk_category}, or {@code null}
 * @param attackType {@code attack_type} for attacks, else {@code null}
 * @param scope scope label → the values an alert may carry for it (any one of them matches), e.g.
 *     {@code component → [core_banking]}, {@code source → [the attacking ANIs]}; in insertion order
 */
public record ExpectedIncident(
    boolean expectAlert,
    String incidentType,
    String riskCategory,
    String attackType,
    Map<String, List<String>> scope)
    implements java.io.Serializable {

  public ExpectedIncident {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    if (scope != null) {
      scope.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    }
    scope = java.util.Collections.unmodifiableMap(copy);
  }

  /** No alert expected. */
  public static ExpectedIncident none() {
    return new ExpectedIncident(false, null, null, null, Map.of());
  }

  /** An expected alert without attack type. */
  public static ExpectedIncident of(String incidentType, String riskCategory) {
    return new ExpectedIncident(true, incidentType, riskCategory, null, Map.of());
  }

  /** An expected attack ({@code incident_type: attack}, risk category technical). */
  public static ExpectedIncident attack(String attackType) {
    return new ExpectedIncident(true, "attack", "technical", attackType, Map.of());
  }

  /** This with one more scope label; {@code null} values are skipped. */
  public ExpectedIncident scope(String label, List<String> values) {
    if (values == null || values.isEmpty()) {
      return this;
    }
    Map<String, List<String>> s = new LinkedHashMap<>(scope);
    s.put(label, values);
    return new ExpectedIncident(expectAlert, incidentType, riskCategory, attackType, s);
  }

  /** This with one more single-valued scope label; {@code null} is skipped. */
  public ExpectedIncident scope(String label, String value) {
    return value == null ? this : scope(label, List.of(value));
  }
}
