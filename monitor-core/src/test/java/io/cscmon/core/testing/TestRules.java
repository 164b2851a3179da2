package io.cscmon.core.testing;

import io.cscmon.core.rule.RuleFiles;
import io.cscmon.core.rule.RuleSet;
import io.cscmon.core.rule.RuleTexts;
import io.cscmon.core.rule.ThresholdRule;
import java.util.TreeMap;

/**
 * A rule file with fixed, round parameters for tests of the rule machinery, so that they do not
 * change when the shipped defaults are tuned: the per-minute service level of a queue, levels at
 * 80/60/40/20%, five minutes of hold, five of clear hold at 85%, five calls of evidence. Parsed by
 * the production loader, like every rule file.
 */
public final class TestRules {
  private TestRules() {}

  public static final String KPI = "service_level";

  public static final String FILE = "service-level.yaml";

  public static final String TEXT =
      """
      # Service-level rules: how fast the center answers its callers.
      # Format: alert-rules/schema/rules.schema.json; check with `bin/cscmon rules validate alert-rules/rules`.
      rules:
        - name: ServiceLevelBreach
          incident_type: service_level
          risk_category: operational
          scope: queue
          signal: service_level          # answered within 20 s / (answered + abandoned), per queue and minute
          condition: below
          hold: 5m
          levels:
            IV: {threshold: 0.80, severity: warning}
            III: {threshold: 0.60, severity: warning}
            II: {threshold: 0.40, severity: critical}
            I: {threshold: 0.20, severity: critical}
          clear:
            threshold: 0.85
            hold: 5m
          min_samples: 5
          format: percent
          annotations:
            summary: "Service level of queue {scope} at {value}, below {threshold} (level {level})"
            description: >-
              In center {center}, queue {scope} answered {value} of its calls within 20 s for at least
              {hold}, against a {threshold} threshold for emergency level {level}. Callers are waiting and
              abandoning: check staffing, agent states and upstream systems.
            runbook_url: alert-rules/runbook.md#servicelevelbreach
            plan_section: "四、风险管理 — 操作风险 (operational risk); 一、预案概述 — 业务高峰"
          source: >-
            Level IV at 80% is the industry's 80/20 target (80% of calls answered within 20 s). Chinese
            banks' centers averaged a 72% 20-second service level in 2013, so below 80% is common at peaks
            and only level IV; 60/40/20% mark a queue losing most of its callers (project defaults; the
            plan names no numbers). Five minutes of hold keeps one bad minute from paging; resolving needs
            five minutes at 85% or better (hysteresis in value and time). Fewer than 5 decided calls in a
            minute are no evidence either way.
      """;

  /**
   * A rule on the instant {@code calls_waiting_now} of a queue: above 3 calls level IV, 6 level
   * III, 10 level II, 20 level I; clear at 1 or fewer; hold and clear hold as given ({@code 0s}
   * fires on the reading that breaches).
   */
  public static String waitingNowText(String hold, String clearHold) {
    return """
        rules:
          - name: CallsWaitingNow
            incident_type: service_level
            risk_category: operational
            scope: queue
            signal: calls_waiting_now
            condition: above
            hold: %s
            levels:
              IV: {threshold: 3, severity: warning}
              III: {threshold: 6, severity: warning}
              II: {threshold: 10, severity: critical}
              I: {threshold: 20, severity: critical}
            clear:
              threshold: 1
              hold: %s
            min_samples: 1
            format: number
            annotations:
              summary: "{value} calls waiting in queue {scope} now, above {threshold} (level {level})"
              description: "Center {center}, queue {scope}: {value} calls waiting."
              runbook_url: alert-rules/runbook.md#callswaitingnow
              plan_section: "四、风险管理 — 操作风险 (operational risk)"
            source: test numbers
        """
        .formatted(hold, clearHold);
  }

  /** The rule set of {@link #waitingNowText}. */
  public static RuleSet waitingNow(String hold, String clearHold) {
    TreeMap<String, String> files = new TreeMap<>();
    files.put("waiting-now.yaml", waitingNowText(hold, clearHold));
    return RuleFiles.parse(new RuleTexts(files, "test rules"));
  }

  public static RuleTexts texts() {
    TreeMap<String, String> files = new TreeMap<>();
    files.put(FILE, TEXT);
    return new RuleTexts(files, "test rules");
  }

  public static RuleSet ruleSet() {
    return RuleFiles.parse(texts());
  }

  public static ThresholdRule serviceLevel() {
    return ruleSet().rules().get(0);
  }
}
