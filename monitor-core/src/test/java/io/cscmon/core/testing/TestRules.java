package io.cscmon.core.testing;

import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.IncidentType;
import io.cscmon.core.alert.RiskCategory;
import io.cscmon.core.alert.Severity;
import io.cscmon.core.rule.Comparison;
import io.cscmon.core.rule.LevelThreshold;
import io.cscmon.core.rule.ThresholdRule;
import io.cscmon.core.rule.ValueFormat;
import java.time.Duration;
import java.util.List;

/**
 * A rule with fixed, round parameters for tests of the rule machinery, so that they do not change
 * when the shipped defaults are tuned: the per-minute service level, levels at 80/60/40/20%, five
 * minutes of hold, five of clear hold at 85%, five calls of evidence.
 */
public final class TestRules {
  private TestRules() {}

  public static final String KPI = "service_level";

  public static ThresholdRule serviceLevel() {
    return new ThresholdRule(
        "ServiceLevelBreach",
        IncidentType.SERVICE_LEVEL,
        RiskCategory.OPERATIONAL,
        KPI,
        Comparison.BELOW,
        List.of(
            new LevelThreshold(EmergencyLevel.IV, 0.80, Severity.WARNING),
            new LevelThreshold(EmergencyLevel.III, 0.60, Severity.WARNING),
            new LevelThreshold(EmergencyLevel.II, 0.40, Severity.CRITICAL),
            new LevelThreshold(EmergencyLevel.I, 0.20, Severity.CRITICAL)),
        Duration.ofMinutes(5),
        0.85,
        Duration.ofMinutes(5),
        5,
        ValueFormat.PERCENT,
        "Service level of queue {scope} at {value}, below {threshold} (level {level})",
        "Queue {scope} in {center} answered {value} within 20 s for {hold}; threshold {threshold}.",
        "四、风险管理 — 操作风险",
        "alert-rules/runbook.md#servicelevelbreach");
  }
}
