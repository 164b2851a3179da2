package io.cscmon.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.rule.DefaultRules;
import io.cscmon.core.rule.RuleFiles;
import io.cscmon.core.rule.RuleTexts;
import io.cscmon.core.rule.ThresholdRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every rule's runbook link lands on a section of the runbook that lives beside the rules. */
class RunbookTest {

  @Test
  void everyShippedRuleHasItsRunbookSection() throws Exception {
    String runbook = Files.readString(Path.of("runbook.md"));
    for (ThresholdRule rule : RuleFiles.parse(RuleTexts.read(Path.of("rules"))).rules()) {
      String anchor = rule.alertname().toLowerCase(Locale.ROOT);
      assertThat(rule.runbookUrl()).isEqualTo(DefaultRules.RUNBOOK + "#" + anchor);
      assertThat(runbook).as(rule.alertname()).contains("\n## " + rule.alertname() + "\n");
    }
  }
}
