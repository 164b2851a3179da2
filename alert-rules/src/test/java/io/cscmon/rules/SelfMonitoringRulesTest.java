package io.cscmon.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alerts on cscmon itself ({@code prometheus/cscmon-self.rules.yml}): promtool accepts them and
 * passes their tests, each alert carries what a page needs and has its runbook section, and each is
 * tested just before and at firing.
 */
class SelfMonitoringRulesTest {

  static final Path RULES = Path.of("prometheus/cscmon-self.rules.yml");
  static final Path TESTS = Path.of("tests/cscmon-self.rules.test.yml");

  private static List<JsonNode> alerts;
  private static JsonNode tests;

  @BeforeAll
  static void load() throws Exception {
    alerts = new ArrayList<>();
    for (JsonNode group : RuleSchemaTest.yaml(Files.readString(RULES)).path("groups")) {
      group.path("rules").forEach(alerts::add);
    }
    tests = RuleSchemaTest.yaml(Files.readString(TESTS));
  }

  @Test
  void promtoolChecksTheRules() throws Exception {
    assertThat(PrometheusExportTest.promtool("check", "rules", RULES.toString()))
        .contains("SUCCESS");
  }

  @Test
  void promtoolPassesTheBoundaryTests() throws Exception {
    assertThat(PrometheusExportTest.promtool("test", "rules", TESTS.toString()))
        .contains("SUCCESS");
  }

  @Test
  void everyAlertHasAHoldASeverityAndItsRunbookSection() throws Exception {
    String runbook = Files.readString(Path.of("runbook.md"));
    assertThat(alerts).isNotEmpty();
    for (JsonNode alert : alerts) {
      String name = alert.path("alert").asText();
      assertThat(name).as("a recording rule here: %s", alert).isNotEmpty();
      assertThat(alert.path("for").asText()).as(name).matches("[1-9][0-9]*m");
      assertThat(alert.path("labels").path("severity").asText())
          .as(name)
          .isIn("critical", "warning");
      assertThat(alert.path("labels").path("risk_category").asText())
          .as(name)
          .isEqualTo("technical");
      JsonNode annotations = alert.path("annotations");
      for (String key : List.of("summary", "description", "runbook_url", "plan_section")) {
        assertThat(annotations.path(key).asText()).as(name + " " + key).isNotBlank();
      }
      assertThat(annotations.path("runbook_url").asText())
          .isEqualTo("alert-rules/runbook.md#" + name.toLowerCase(Locale.ROOT));
      assertThat(runbook).as(name).contains("\n## " + name + "\n");
    }
  }

  /** Every alert is evaluated once with no alert expected and once with one, later. */
  @Test
  void everyAlertIsTestedJustBeforeAndAtFiring() {
    for (JsonNode alert : alerts) {
      String name = alert.path("alert").asText();
      long quietAt = -1;
      long firingAt = -1;
      for (JsonNode test : tests.path("tests")) {
        for (JsonNode eval : test.path("alert_rule_test")) {
          if (!name.equals(eval.path("alertname").asText())) {
            continue;
          }
          long at = minutes(eval.path("eval_time").asText());
          if (eval.path("exp_alerts").isEmpty()) {
            quietAt = Math.max(quietAt, at);
          } else {
            firingAt = firingAt < 0 ? at : Math.min(firingAt, at);
          }
        }
      }
      assertThat(quietAt).as(name + ": an evaluation before it fires").isNotNegative();
      assertThat(firingAt).as(name + ": the first evaluation that fires").isEqualTo(quietAt + 1);
    }
  }

  private static long minutes(String duration) {
    assertThat(duration).matches("[0-9]+m");
    return Long.parseLong(duration.substring(0, duration.length() - 1));
  }
}
