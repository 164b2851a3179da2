package io.cscmon.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.rule.DefaultRules;
import io.cscmon.core.rule.ThresholdRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every rule's runbook link lands on a section of the runbook that lives beside the rules. */
class RunbookTest {

  @Test
  void everyDefaultRuleHasItsRunbookSection() throws Exception {
    String runbook = Files.readString(Path.of("runbook.md"));
    for (ThresholdRule rule : DefaultRules.all()) {
      String anchor = rule.alertname().toLowerCase(Locale.ROOT);
      assertThat(rule.runbookUrl()).isEqualTo(DefaultRules.RUNBOOK + "#" + anchor);
      assertThat(runbook).as(rule.alertname()).contains("\n## " + rule.alertname() + "\n");
    }
  }
}
