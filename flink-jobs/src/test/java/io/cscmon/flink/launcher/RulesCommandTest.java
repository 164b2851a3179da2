package io.cscmon.flink.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.rule.RuleTexts;
import io.cscmon.core.testing.TestRules;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cscmon rules ...} and {@code --rules} as an operator types them. */
class RulesCommandTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int cscmon(String... argv) {
    return Cscmon.run(
        argv,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private Path rulesDir(String text) throws Exception {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rules.resolve("service-level.yaml"), text);
    return rules;
  }

  private static String shipped() {
    return TestRules.TEXT;
  }

  @Test
  void validRulesPassWithTheirVersion() throws Exception {
    Path rules = rulesDir(shipped());
    assertThat(cscmon("rules", "validate", rules.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("1 rules in 1 files are valid", TestRules.ruleSet().version());
  }

  @Test
  void validateSaysWhichDetectorSettingsDifferFromTheShipped() throws Exception {
    Path rules = rulesDir(shipped());
    assertThat(cscmon("rules", "validate", rules.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("detector settings and emergency plan: as shipped");
    Files.writeString(
        rules.resolve("attacks.yaml"),
        RuleTexts.defaults()
            .files()
            .get("attacks.yaml")
            .replace("flood_factor: 3\n", "flood_factor: 4\n"));
    out.reset();
    assertThat(cscmon("rules", "validate", rules.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("differ from the shipped in [detectors.tdos (attacks.yaml:14)]");
  }

  @Test
  void aBrokenFileIsRefusedNamingFileLineAndField() throws Exception {
    Path rules = rulesDir(shipped().replace("condition: below", "condition: under"));
    assertThat(cscmon("rules", "validate", rules.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(
            rules.resolve("service-level.yaml")
                + ":9: rules[0].condition: 'under' is not one of [below, above]");
  }

  @Test
  void replayAndTheServiceRefuseToStartOnInvalidRules() throws Exception {
    Path rules = rulesDir(shipped().replace("min_samples: 5", "min_samples: -1"));
    Path input = Files.writeString(dir.resolve("in.ndjson"), "");
    int code =
        cscmon(
            "replay",
            "--input",
            input.toString(),
            "--alerts-out",
            dir.resolve("a.ndjson").toString(),
            "--rules",
            rules.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("refusing to start on invalid rules", "rules[0].min_samples");
    assertThat(Files.exists(dir.resolve("a.ndjson"))).isFalse();
  }

  @Test
  void theExportWritesRulesAndTestsThatLoadThem() throws Exception {
    Path rules = rulesDir(shipped());
    Path prom = dir.resolve("prometheus/cscmon.rules.yml");
    Path tests = dir.resolve("tests/cscmon.rules.test.yml");
    assertThat(
            cscmon(
                "rules",
                "export-prometheus",
                rules.toString(),
                "--out",
                prom.toString(),
                "--tests",
                tests.toString()))
        .isZero();
    assertThat(Files.readString(prom)).contains("- alert: ServiceLevelBreach", "for: 5m");
    assertThat(Files.readString(tests)).contains("- \"../prometheus/cscmon.rules.yml\"");
    assertThat(cscmon("rules", "validate", dir.resolve("missing").toString())).isEqualTo(2);
  }
}
