package io.cscmon.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cscmon.core.rule.PrometheusRules;
import io.cscmon.core.rule.RuleFiles;
import io.cscmon.core.rule.RuleSet;
import io.cscmon.core.rule.RuleTexts;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed Prometheus export is what the rule files export to, and promtool accepts it and
 * passes its tests. Without promtool on the PATH the promtool tests skip, unless {@code
 * CSCMON_REQUIRE_PROMTOOL} is set (CI sets it, so CI never skips them silently).
 */
class PrometheusExportTest {

  static final Path RULES = Path.of("prometheus/cscmon.rules.yml");
  static final Path TESTS = Path.of("tests/cscmon.rules.test.yml");
  static final String REGENERATE =
      "regenerate with: bin/cscmon rules export-prometheus alert-rules"
          + " --out alert-rules/prometheus/cscmon.rules.yml"
          + " --tests alert-rules/tests/cscmon.rules.test.yml";

  private static RuleSet shipped() throws Exception {
    return RuleFiles.parse(RuleTexts.read(Path.of("rules")));
  }

  @Test
  void theCommittedExportIsTheExportOfTheRuleFiles() throws Exception {
    RuleSet rules = shipped();
    assertThat(Files.readString(RULES)).as(REGENERATE).isEqualTo(PrometheusRules.rules(rules));
    assertThat(Files.readString(TESTS))
        .as(REGENERATE)
        .isEqualTo(PrometheusRules.tests(rules, "../prometheus/cscmon.rules.yml"));
  }

  @Test
  void everyExportedAlertHasItsRunbookSection() throws Exception {
    String runbook = Files.readString(Path.of("runbook.md"));
    for (String line : Files.readAllLines(RULES)) {
      if (line.trim().startsWith("- alert: ")) {
        String name = line.trim().substring("- alert: ".length());
        assertThat(runbook).as(name).contains("\n## " + name + "\n");
      }
    }
  }

  @Test
  void promtoolChecksTheRules() throws Exception {
    assertThat(promtool("check", "rules", RULES.toString())).contains("SUCCESS");
  }

  @Test
  void promtoolPassesTheBoundaryTests() throws Exception {
    assertThat(promtool("test", "rules", TESTS.toString())).contains("SUCCESS");
  }

  /** A rule without hold on the instant signal, as README's "Instant signals" shows one. */
  private static final String HOLD_ZERO =
      """
      rules:
        - name: CallsWaitingNow
          incident_type: service_level
          risk_category: operational
          scope: queue
          signal: calls_waiting_now
          condition: above
          hold: 0s
          levels:
            IV: {threshold: 3, severity: warning}
          clear:
            threshold: 1
            hold: 0s
          format: number
          annotations:
            summary: "{value} calls waiting in {scope}"
            description: "{value} calls waiting in {scope} of {center}"
            runbook_url: alert-rules/runbook.md#callswaitingnow
            plan_section: "test"
          source: "test"
      """;

  @Test
  void aRuleWithoutHoldExportsAndFiresAtTheFirstEvaluation(@TempDir Path dir) throws Exception {
    RuleSet set =
        RuleFiles.parse(
            new RuleTexts(new java.util.TreeMap<>(java.util.Map.of("w.yaml", HOLD_ZERO)), "test"));
    String rules = PrometheusRules.rules(set);
    assertThat(rules).contains("for: 0s").contains("keep_firing_for: 0s");
    String tests = PrometheusRules.tests(set, "rules.yml");
    assertThat(tests).contains("eval_time: 0m").doesNotContain("eval_time: -1m");
    Files.writeString(dir.resolve("rules.yml"), rules);
    Files.writeString(dir.resolve("tests.yml"), tests);
    assertThat(promtool("test", "rules", dir.resolve("tests.yml").toString())).contains("SUCCESS");
  }

  static String promtool(String... args) throws Exception {
    boolean onPath =
        Files.isExecutable(Path.of("/usr/bin/promtool"))
            || List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "promtool")));
    if (System.getenv("CSCMON_REQUIRE_PROMTOOL") == null) {
      assumeTrue(onPath, "promtool is not installed (apt-get install -y prometheus)");
    }
    List<String> command = new java.util.ArrayList<>(List.of("promtool"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return output;
  }
}
