package io.cscmon.flink.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.rule.DefaultRules;
import io.cscmon.core.rule.RuleEvaluator;
import io.cscmon.core.rule.RuleSet;
import io.cscmon.core.rule.Signals;
import io.cscmon.core.rule.ThresholdRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleInputsTest {

  private static final List<String> DIMENSIONS = List.of("center", "channel", "topic", "queue");

  private static KpiSample sample(String kpi, String dimension) {
    return new KpiSample(kpi, "sh", dimension, "retail", 0, 60_000, 0.5, 10);
  }

  @Test
  void passesEachKnownSignalAtItsScopeOnly() {
    RuleInputs inputs = new RuleInputs(DefaultRules.ruleSet());
    for (Signals.Signal signal : Signals.all()) {
      for (String dimension : DIMENSIONS) {
        // One KPI may be a signal at two scopes (a queue's service level, the center's).
        boolean watched =
            Signals.all().stream()
                .anyMatch(s -> s.kpi().equals(signal.kpi()) && s.scopeLabel().equals(dimension));
        assertThat(inputs.filter(sample(signal.kpi(), dimension)))
            .as("%s by %s", signal.kpi(), dimension)
            .isEqualTo(watched);
      }
    }
    assertThat(inputs.filter(sample("service_level_15m", "center"))).isTrue();
    assertThat(inputs.filter(sample("service_level_15m", "channel"))).isFalse();
  }

  @Test
  void dropsKpisThatAreNoSignal() {
    RuleInputs inputs = new RuleInputs(DefaultRules.ruleSet());
    assertThat(inputs.filter(sample("offered", "queue"))).isFalse();
    assertThat(inputs.filter(sample("agents_busy", "queue"))).isFalse();
    assertThat(inputs.filter(sample("abandonment_ratio_15m", "center"))).isFalse();
  }

  @Test
  void passesEverySampleADefaultRuleAppliesTo() {
    RuleInputs inputs = new RuleInputs(DefaultRules.ruleSet());
    for (ThresholdRule rule : DefaultRules.all()) {
      RuleEvaluator evaluator = new RuleEvaluator(rule);
      for (String dimension : DIMENSIONS) {
        KpiSample sample = sample(rule.kpi(), dimension);
        if (evaluator.appliesTo(sample)) {
          assertThat(inputs.filter(sample)).as("%s by %s", rule.kpi(), dimension).isTrue();
        }
      }
    }
  }

  @Test
  void passesAKpiOfAnInitialRuleBuiltInCodeAtAnyScope() {
    RuleSet defaults = DefaultRules.ruleSet();
    ThresholdRule r = DefaultRules.serviceLevelBreach();
    ThresholdRule custom =
        new ThresholdRule(
            r.alertname(),
            r.incidentType(),
            r.riskCategory(),
            "custom_kpi",
            null,
            r.comparison(),
            r.levels(),
            r.hold(),
            r.clearAt(),
            r.clearHold(),
            r.minSamples(),
            r.poissonZ(),
            r.format(),
            r.summary(),
            r.description(),
            r.planSection(),
            r.runbookUrl());
    RuleInputs inputs =
        new RuleInputs(
            new RuleSet(
                defaults.version(),
                List.of(custom),
                defaults.origin(),
                defaults.detectors(),
                defaults.emergency()));
    for (String dimension : DIMENSIONS) {
      assertThat(inputs.filter(sample("custom_kpi", dimension))).isTrue();
      assertThat(new RuleEvaluator(custom).appliesTo(sample("custom_kpi", dimension))).isTrue();
    }
    assertThat(inputs.filter(sample("offered", "queue"))).isFalse();
  }
}
