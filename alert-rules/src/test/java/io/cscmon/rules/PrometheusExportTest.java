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

  private static String promtool(String... args) throws Exception {
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
