package io.cscmon.core.rule;

import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.IncidentType;
import io.cscmon.core.alert.RiskCategory;
import java.io.Serializable;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * A rule that raises an alert when a KPI stays on the bad side of a threshold for a hold time, with
 * one threshold per emergency level, and resolves it when the KPI is back past a clear threshold
 * (hysteresis, so that a value hovering at the threshold does not flap).
 *
 * @param alertname the CamelCase alert name
 * @param kpi which {@link io.cscmon.core.kpi.KpiSample#kpi()} the rule watches
 * @param levels thresholds per level; the most severe level whose threshold is breached applies
 * @param hold how long the least severe threshold must be breached before the alert fires
 * @param clearAt the value at or past which a firing alert starts to resolve
 * @param clearHold how long the value must stay past {@code clearAt} before the alert resolves
 *     (Alertmanager's keep_firing_for): one good minute inside an incident is not its end
 * @param minSamples windows resting on fewer observations are no evidence either way
 * @param summary annotation template; {@code {scope}}, {@code {value}}, {@code {threshold}}, {@code
 *     {level}} and {@code {center}} are replaced
 */
public record ThresholdRule(
    String alertname,
    IncidentType incidentType,
    RiskCategory riskCategory,
    String kpi,
    Comparison comparison,
    List<LevelThreshold> levels,
    Duration hold,
    double clearAt,
    Duration clearHold,
    long minSamples,
    ValueFormat format,
    String summary,
    String description,
    String planSection,
    String runbookUrl)
    implements Serializable {

  public ThresholdRule {
    if (levels.isEmpty()) {
      throw new IllegalArgumentException(alertname + ": at least one level threshold is required");
    }
    // Most severe first, so that the first breached threshold is the level that applies.
    levels =
        levels.stream().sorted(Comparator.comparing(LevelThreshold::level).reversed()).toList();
  }

  /** The most severe level whose threshold {@code value} breaches, or {@code null}. */
  public LevelThreshold breachedLevel(double value) {
    for (LevelThreshold t : levels) {
      if (comparison.breaches(value, t.threshold())) {
        return t;
      }
    }
    return null;
  }

  /**
   * The threshold of {@code level}; when a reload removed that level from the rule, the least
   * severe one, so that an alert raised under the old rule can still resolve.
   */
  public LevelThreshold threshold(EmergencyLevel level) {
    return levels.stream()
        .filter(t -> t.level() == level)
        .findFirst()
        .orElse(levels.get(levels.size() - 1));
  }
}
