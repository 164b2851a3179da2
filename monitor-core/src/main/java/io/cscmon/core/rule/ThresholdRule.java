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
 * @param scope which breakdown of it ({@link io.cscmon.core.kpi.KpiSample#dimension()}: its
 *     signal's scope label, {@code center} for the whole center); null: any
 * @param levels thresholds per level; the most severe level whose threshold is breached applies
 * @param hold how long the least severe threshold must be breached before the alert fires
 * @param clearAt the value at or past which a firing alert starts to resolve
 * @param clearHold how long the value must stay past {@code clearAt} before the alert resolves
 *     (Alertmanager's keep_firing_for): one good minute inside an incident is not its end
 * @param minSamples windows resting on fewer observations are no evidence either way
 * @param poissonZ for a ratio of a count to the count expected (the window's samples), how many
 *     Poisson standard deviations (√expected) the count must be away from the expected one for a
 *     window to breach a threshold: a ratio on few calls is mostly noise. 0: no such test
 * @param summary annotation template; {@code {scope}}, {@code {value}}, {@code {threshold}}, {@code
 *     {level}} and {@code {center}} are replaced
 */
public record ThresholdRule(
    String alertname,
    IncidentType incidentType,
    RiskCategory riskCategory,
    String kpi,
    String scope,
    Comparison comparison,
    List<LevelThreshold> levels,
    Duration hold,
    double clearAt,
    Duration clearHold,
    long minSamples,
    double poissonZ,
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

  /**
   * Whether a ratio {@code value} over {@code samples} expected counts is that far from 1 by more
   * than Poisson noise ({@link #poissonZ} standard deviations of the expected count): |count −
   * expected| = |value − 1| × expected ≥ z × √expected.
   */
  public boolean significant(double value, long samples) {
    return poissonZ <= 0 || Math.abs(value - 1) * Math.sqrt(samples) >= poissonZ;
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
