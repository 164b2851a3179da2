package io.cscmon.core.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScaledRulesTest {

  @Test
  void makesValidRuleSetsOfTheAskedSizeWithDistinctNames() {
    int defaults = RuleFiles.defaults().rules().size();
    for (int count : new int[] {1, 10, 1000}) {
      RuleSet set = RuleFiles.parse(ScaledRules.texts(count));
      assertThat(set.rules()).hasSize(count);
      assertThat(set.rules().stream().map(ThresholdRule::alertname).distinct()).hasSize(count);
    }
    RuleSet ten = RuleFiles.parse(ScaledRules.texts(10));
    // Round-robin copies of the defaults: the same signals, renamed.
    assertThat(ten.rules().get(defaults).kpi()).isEqualTo(ten.rules().get(0).kpi());
    assertThat(ten.rules().get(defaults).alertname())
        .isEqualTo(RuleFiles.defaults().rules().get(0).alertname() + "Copy1");
  }

  @Test
  void refusesAnEmptySet() {
    assertThatThrownBy(() -> ScaledRules.texts(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
