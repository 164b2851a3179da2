package io.cscmon.core.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleEvaluatorsTest {

  private final List<ThresholdRule> rules = RuleFiles.parse(ScaledRules.texts(12)).rules();
  private final RuleEvaluators evaluators = new RuleEvaluators(rules);

  @Test
  void findsTheRulesOfAKpiInRuleOrder() {
    for (ThresholdRule rule : rules) {
      List<ThresholdRule> expected =
          rules.stream().filter(r -> r.kpi().equals(rule.kpi())).toList();
      assertThat(evaluators.watching(rule.kpi()).stream().map(RuleEvaluator::rule))
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aKpiNoRuleWatchesMeetsNone() {
    assertThat(evaluators.watching("offered")).isEmpty();
    assertThat(evaluators.watching("agents_busy")).isEmpty();
  }

  @Test
  void findsARuleByName() {
    for (ThresholdRule rule : rules) {
      assertThat(evaluators.named(rule.alertname()))
          .hasValueSatisfying(e -> assertThat(e.rule()).isEqualTo(rule));
    }
    assertThat(evaluators.named("NoSuchRule")).isEmpty();
  }
}
