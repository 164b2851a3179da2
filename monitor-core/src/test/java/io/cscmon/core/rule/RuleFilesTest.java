package io.cscmon.core.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.IncidentType;
import io.cscmon.core.alert.RiskCategory;
import io.cscmon.core.alert.Severity;
import io.cscmon.core.testing.TestRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFilesTest {

  /** A rule file with fixed numbers, so these tests do not move when the defaults are tuned. */
  private static String shipped() {
    return TestRules.TEXT;
  }

  private static RuleTexts one(String text) {
    return new RuleTexts(new TreeMap<>(Map.of("bad.yaml", text)), "test");
  }

  private static List<RuleProblem> problems(String text) {
    return catchThrowableOfType(RuleValidationException.class, () -> RuleFiles.parse(one(text)))
        .problems();
  }

  @Test
  void theDefaultsAreTheShippedRuleFilesWithThePlansNumbers() {
    RuleSet defaults = DefaultRules.ruleSet();
    assertThat(defaults.origin()).isEqualTo("built-in defaults");
    assertThat(defaults.version()).matches("[0-9a-f]{12}");
    assertThat(defaults.rules())
        .extracting(ThresholdRule::alertname)
        .contains(
            "ServiceLevelBreach",
            "AbandonmentHigh",
            "PeakLoad",
            "MarketTopicSurge",
            "CreditTopicSurge");
    ThresholdRule sl = DefaultRules.serviceLevelBreach();
    assertThat(sl.incidentType()).isEqualTo(IncidentType.SERVICE_LEVEL);
    assertThat(sl.riskCategory()).isEqualTo(RiskCategory.OPERATIONAL);
    assertThat(sl.kpi()).isEqualTo("service_level_15m");
    assertThat(sl.comparison()).isEqualTo(Comparison.BELOW);
    assertThat(sl.levels())
        .containsExactly(
            new LevelThreshold(EmergencyLevel.I, 0.10, Severity.CRITICAL),
            new LevelThreshold(EmergencyLevel.II, 0.25, Severity.CRITICAL),
            new LevelThreshold(EmergencyLevel.III, 0.40, Severity.WARNING),
            new LevelThreshold(EmergencyLevel.IV, 0.60, Severity.WARNING));
    assertThat(sl.hold()).isEqualTo(Duration.ofMinutes(30)); // "below 60% for 30 minutes"
    assertThat(sl.clearAt()).isEqualTo(0.75);
    assertThat(sl.clearHold()).isEqualTo(Duration.ofMinutes(10));
    assertThat(sl.minSamples()).isEqualTo(30);
    assertThat(sl.format()).isEqualTo(ValueFormat.PERCENT);
    assertThat(sl.runbookUrl()).isEqualTo("alert-rules/runbook.md#servicelevelbreach");
    assertThat(sl.description()).doesNotEndWith("\n");
    ThresholdRule abandonment = DefaultRules.named("AbandonmentHigh");
    assertThat(abandonment.kpi()).isEqualTo("abandonment_ratio_15m");
    assertThat(abandonment.comparison()).isEqualTo(Comparison.ABOVE);
    assertThat(abandonment.levels())
        .contains(new LevelThreshold(EmergencyLevel.IV, 0.15, Severity.WARNING));
    assertThat(DefaultRules.named("MarketTopicSurge").riskCategory())
        .isEqualTo(RiskCategory.MARKET);
    assertThat(DefaultRules.named("CreditTopicSurge").riskCategory())
        .isEqualTo(RiskCategory.CREDIT);
  }

  @Test
  void aHoldTooLongToCountIsAProblemNamingItsFieldNotACrash() {
    assertThat(problems(TestRules.waitingNowText("99999999999999999999h", "3000000000000000h")))
        .extracting(RuleProblem::field, RuleProblem::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "rules[0].hold", "is too long: at most a few million years"),
            org.assertj.core.groups.Tuple.tuple(
                "rules[0].clear.hold", "is too long: at most a few million years"));
  }

  @Test
  void aHoldOfZeroIsValidForARuleAndItsClearButNotAnEmptyOrSignedOne() {
    RuleSet set = RuleFiles.parse(one(TestRules.waitingNowText("0s", "0s")));
    assertThat(set.rules().get(0).hold()).isZero();
    assertThat(set.rules().get(0).clearHold()).isZero();
    assertThat(set.rules().get(0).kpi()).isEqualTo("calls_waiting_now");
    assertThat(problems(TestRules.waitingNowText("-1s", "0")))
        .extracting(RuleProblem::field, RuleProblem::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "rules[0].hold", "must be a duration like 0s, 90s, 5m or 1h"),
            org.assertj.core.groups.Tuple.tuple(
                "rules[0].clear.hold", "must be a duration like 0s, 90s, 5m or 1h"));
  }

  @Test
  void theSameFilesGiveTheSameVersionAndAnyChangeAnother() {
    String text = shipped();
    String v1 = RuleFiles.parse(one(text)).version();
    assertThat(RuleFiles.parse(one(text)).version()).isEqualTo(v1);
    assertThat(RuleFiles.parse(one(text.replace("0.85", "0.9"))).version()).isNotEqualTo(v1);
  }

  @Test
  void aWrongValueIsNamedByFileLineAndField() {
    String text = shipped().replace("threshold: 0.60, severity: warning", "threshold: high");
    List<RuleProblem> problems = problems(text);
    assertThat(problems).hasSize(2);
    int line = lineOf(text, "III: {threshold: high");
    assertThat(problems.get(0))
        .isEqualTo(
            new RuleProblem("bad.yaml", line, "rules[0].levels.III.threshold", "must be a number"));
    assertThat(problems.get(1).field()).isEqualTo("rules[0].levels.III.severity");
    assertThat(problems.get(0).toString())
        .isEqualTo("bad.yaml:" + line + ": rules[0].levels.III.threshold: must be a number");
  }

  @Test
  void aNegativePoissonZIsNamedByFileLineAndField() {
    String text = shipped().replace("min_samples: 5", "min_samples: 5\n    poisson_z: -1");
    int line = lineOf(text, "poisson_z: -1");
    assertThat(problems(text))
        .containsExactly(
            new RuleProblem("bad.yaml", line, "rules[0].poisson_z", "must be a number ≥ 0"));
    assertThat(DefaultRules.named("PeakLoad").poissonZ()).isEqualTo(5);
    assertThat(DefaultRules.serviceLevelBreach().poissonZ()).isZero();
  }

  @Test
  void everyMistakeIsReportedNotJustTheFirst() {
    String text =
        shipped()
            .replace("risk_category: operational", "risk_category: operationel")
            .replace("signal: service_level", "signal: service_levels")
            .replace("hold: 5m\n    levels", "hold: five minutes\n    levels")
            .replace("min_samples: 5", "min_sample: 5");
    assertThat(problems(text))
        .extracting(RuleProblem::field)
        .containsExactlyInAnyOrder(
            "rules[0].min_sample", "rules[0].risk_category", "rules[0].signal", "rules[0].hold");
    assertThat(problems(text))
        .filteredOn(p -> p.field().equals("rules[0].signal"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(lineOf(text, "signal: service_levels"));
              assertThat(p.message()).contains("unknown signal 'service_levels'", "service_level");
            });
  }

  @Test
  void levelsMustStepTowardsTheBadSideAndClearMustLieOnTheGoodSide() {
    String text =
        shipped()
            .replace("II: {threshold: 0.40", "II: {threshold: 0.70")
            .replace("threshold: 0.85", "threshold: 0.75");
    assertThat(problems(text))
        .extracting(RuleProblem::field, RuleProblem::message)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "rules[0].levels.II.threshold",
                "level II (0.7000) must be below level III (0.6000)"),
            org.assertj.core.groups.Tuple.tuple(
                "rules[0].clear.threshold",
                "breaches level IV's threshold 0.8000; it must lie on the good side of it"
                    + " (hysteresis)"));
  }

  @Test
  void brokenYamlAndUnknownPlaceholdersAndWrongRunbookLinksAreRefused() {
    assertThat(problems("rules:\n  - name: [unclosed\n"))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("not valid YAML"));
    String text =
        shipped()
            .replace("at {value}, below", "at {valu}, below")
            .replace("runbook.md#servicelevelbreach", "runbook.md#slb");
    assertThat(problems(text))
        .extracting(RuleProblem::field)
        .containsExactlyInAnyOrder(
            "rules[0].annotations.summary", "rules[0].annotations.runbook_url");
  }

  @Test
  void anAlertDefinedTwiceIsRefusedWithWhereItWasFirstDefined() {
    RuleTexts texts =
        new RuleTexts(new TreeMap<>(Map.of("a.yaml", shipped(), "b.yaml", shipped())), "test");
    RuleValidationException e =
        catchThrowableOfType(RuleValidationException.class, () -> RuleFiles.parse(texts));
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo("b.yaml");
              assertThat(p.message()).contains("already defined at a.yaml:");
            });
  }

  @Test
  void aDirectoryIsReadWithItsRulesSubdirectory(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("rules"));
    Files.writeString(dir.resolve("rules/service-level.yaml"), shipped());
    Files.writeString(dir.resolve("rules/notes.txt"), "not a rule file");
    RuleSet set = RuleFiles.parse(RuleTexts.read(dir));
    assertThat(set.rules()).hasSize(1);
    assertThat(set.version()).isEqualTo(TestRules.ruleSet().version());
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThat(
            catchThrowableOfType(
                    RuleValidationException.class, () -> RuleFiles.parse(RuleTexts.read(empty)))
                .problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).isEqualTo("no rule files (*.yaml, *.yml)"));
  }

  private static int lineOf(String text, String fragment) {
    int at = text.indexOf(fragment);
    assertThat(at).as(fragment).isNotNegative();
    return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }
}
