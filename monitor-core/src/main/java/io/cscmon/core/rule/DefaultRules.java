package io.cscmon.core.rule;

import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.IncidentType;
import io.cscmon.core.alert.RiskCategory;
import io.cscmon.core.alert.Severity;
import java.time.Duration;
import java.util.List;

/**
 * The rules cscmon runs when it is given none. Each number says where it comes from; the rule files
 * of {@code alert-rules/} are the place to change them.
 */
public final class DefaultRules {
  private DefaultRules() {}

  public static final String RUNBOOK = "alert-rules/runbook.md";

  /** The KPI name of the per-queue 20-second service level. */
  public static final String SERVICE_LEVEL = "service_level";

  public static List<ThresholdRule> all() {
    return List.of(serviceLevelBreach());
  }

  /**
   * Per-queue service level (answered within 20 s ÷ (answered + abandoned)) against the industry's
   * 80/20 target. Chinese banks' centers averaged a 72% 20-second service level in 2013, so below
   * 80% is common enough to be level IV only; 60/40/20% mark a queue that is losing most callers.
   * Five minutes of hold keeps a single bad minute from paging; resolving needs five minutes at 85%
   * or better (hysteresis in value and in time), since minutes inside an incident swing widely.
   */
  public static ThresholdRule serviceLevelBreach() {
    return new ThresholdRule(
        "ServiceLevelBreach",
        IncidentType.SERVICE_LEVEL,
        RiskCategory.OPERATIONAL,
        SERVICE_LEVEL,
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
        "In center {center}, queue {scope} answered {value} of its calls within 20 s for at least"
            + " {hold}, against a {threshold} threshold for emergency level {level}. Callers are"
            + " waiting and abandoning: check staffing, agent states and upstream systems.",
        "四、风险管理 — 操作风险 (operational risk); 一、预案概述 — 业务高峰",
        RUNBOOK + "#servicelevelbreach");
  }
}
