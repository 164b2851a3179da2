package io.cscmon.core.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.detect.OutageLevels;
import io.cscmon.core.testing.TestRules;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The {@code detectors:} and {@code emergency:} sections of rule files. */
class DetectorFilesTest {

  private static final String TDOS =
      """
      detectors:
        tdos:
          short_call: 10s
          repeat_window: 10m
          min_repeats: 4
          flood_factor: 3
          flood_excess: 60
          flood_without_baseline: 200
          min_short_share: 0.5
          clear_after: 10m
          source: "tuned for a test"
      """;

  /** The alert rules of {@link TestRules} and {@code extra} files. */
  private static RuleTexts with(Map<String, String> extra) {
    TreeMap<String, String> files = new TreeMap<>(extra);
    files.put(TestRules.FILE, TestRules.TEXT);
    return new RuleTexts(files, "test");
  }

  private static List<RuleProblem> problems(Map<String, String> extra) {
    return catchThrowableOfType(RuleValidationException.class, () -> RuleFiles.parse(with(extra)))
        .problems();
  }

  private static String shipped(String file) {
    return RuleTexts.defaults().files().get(file);
  }

  @Test
  void theShippedFilesCarryTheRegulatorsOutageLevelsAndTheAttackAndEmergencyDefaults() {
    DetectorSettings d = DetectorSettings.defaults();
    assertThat(d.outageLevels())
        .isEqualTo(
            new OutageLevels(
                Duration.ofMinutes(5),
                Duration.ofMinutes(30),
                Duration.ofHours(3),
                Duration.ofHours(6),
                Duration.ofMinutes(30),
                Duration.ofHours(3)));
    assertThat(d.heartbeat()).isEqualTo(new DetectorSettings.Heartbeat(3, Duration.ofSeconds(30)));
    assertThat(d.attackLevels().iiiAfter()).isEqualTo(Duration.ofMinutes(15));
    assertThat(d.sloBurn().pageFactor()).isEqualTo(14.4);
    assertThat(d.credentialStuffing().minAccountsPerIp()).isEqualTo(10);
    EmergencyPlan plan = EmergencyPlan.defaults();
    assertThat(plan.deadlines(EmergencyLevel.II)).contains("report to the regulator within 60");
    assertThat(plan.deadlines(EmergencyLevel.I)).contains("report to the regulator within 60");
    assertThat(plan.teams(EmergencyLevel.IV)).contains("duty floor supervisor");
  }

  @Test
  void aDirectoryOverridesTheGroupsItDefinesAndKeepsTheShippedRest() {
    RuleSet set = RuleFiles.parse(with(Map.of("attacks.yaml", TDOS)));
    DetectorSettings shipped = DetectorSettings.defaults();
    assertThat(set.detectors().tdos().minRepeats()).isEqualTo(4);
    assertThat(set.detectors().tdos().floodFactor()).isEqualTo(shipped.tdos().floodFactor());
    assertThat(set.detectors().ddos()).isEqualTo(shipped.ddos());
    assertThat(set.detectors().outageLevels()).isEqualTo(shipped.outageLevels());
    assertThat(set.emergency()).isEqualTo(EmergencyPlan.defaults());
    // The alert rules' version, and every alert that names it, does not move with detector files.
    assertThat(set.version()).isEqualTo(TestRules.ruleSet().version());
  }

  @Test
  void theShippedDetectorFilesParseToTheDefaultsFromAnyDirectory() {
    RuleSet set =
        RuleFiles.parse(
            with(
                Map.of(
                    "outages.yaml", shipped("outages.yaml"),
                    "attacks.yaml", shipped("attacks.yaml"),
                    "emergency.yaml", shipped("emergency.yaml"))));
    assertThat(set.detectors()).isEqualTo(DetectorSettings.defaults());
    assertThat(set.emergency()).isEqualTo(EmergencyPlan.defaults());
  }

  @Test
  void aBrokenDetectorFileIsRefusedNamingFileLineAndField() {
    String broken =
        TDOS.replace("flood_factor: 3", "flood_factor: lots")
            .replace("min_short_share: 0.5", "min_short_share: 1.5")
            .replace("    clear_after: 10m\n", "")
            .replace("tdos:", "tdos:\n    flod_factor: 2");
    assertThat(problems(Map.of("attacks.yaml", broken)))
        .extracting(RuleProblem::toString)
        .contains(
            "attacks.yaml:3: detectors.tdos.flod_factor: unknown field; expected one of"
                + " [clear_after, flood_excess, flood_factor, flood_without_baseline,"
                + " min_repeats, min_short_share, repeat_window, short_call, source]",
            "attacks.yaml:3: detectors.tdos.clear_after: is required: a duration like 90s, 5m or"
                + " 1h",
            "attacks.yaml:7: detectors.tdos.flood_factor: must be a number",
            "attacks.yaml:10: detectors.tdos.min_short_share: must be a share between 0 and 1 (0.5"
                + " is 50%)");
  }

  @Test
  void unknownGroupsMissingSourcesStepsOutOfOrderAndGroupsDefinedTwiceAreRefused() {
    String outages = shipped("outages.yaml");
    List<RuleProblem> found =
        problems(
            Map.of(
                "a.yaml",
                outages
                    .replace("iii_after: 30m", "iii_after: 2m")
                    .replace("  heartbeat:", "  heartbeats:"),
                "b.yaml",
                TDOS.replace("    source: \"tuned for a test\"\n", ""),
                "c.yaml",
                TDOS,
                "d.yaml",
                TDOS));
    assertThat(found)
        .extracting(p -> p.file() + ": " + p.field() + ": " + p.message())
        .contains(
            "a.yaml: detectors.outage_levels.iii_after: must not be shorter or smaller than"
                + " iv_after",
            "b.yaml: detectors.tdos.source: is required: where the numbers come from");
    assertThat(found)
        .extracting(RuleProblem::field)
        .contains("detectors.heartbeats", "detectors.tdos");
    assertThat(found)
        .filteredOn(p -> p.field().equals("detectors.tdos"))
        .extracting(RuleProblem::message)
        .anyMatch(m -> m.startsWith("is already defined at"));
  }

  @Test
  void theEmergencyPlanNamesEveryLevelAndTheAlertNamesItsTeamsAndDeadlines() {
    String plan =
        shipped("emergency.yaml")
            .replace("report to the regulator within 60 minutes", "report within 45 minutes");
    RuleSet set = RuleFiles.parse(with(Map.of("emergency.yaml", plan)));
    assertThat(set.emergency().deadlines(EmergencyLevel.II)).contains("report within 45 minutes");

    String missing = plan.substring(0, plan.indexOf("    I:\n")) + "  source: x\n";
    assertThat(problems(Map.of("emergency.yaml", missing)))
        .extracting(RuleProblem::field)
        .containsExactly("emergency.levels.I");
  }

  @Test
  void aChangeOfDetectorSettingsOrThePlanIsReportedAsNeedingARestartWithItsFileAndLine() {
    RuleSet running = RuleFiles.parse(with(Map.of()));
    RuleTexts tuned = with(Map.of("attacks.yaml", TDOS));
    List<RuleProblem> changes = RestartOnlyChanges.between(running, RuleFiles.parse(tuned), tuned);
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).toString())
        .startsWith("attacks.yaml:2: detectors.tdos: changed")
        .contains("restart the service");
    assertThat(RestartOnlyChanges.between(running, RuleFiles.parse(with(Map.of())), tuned))
        .isEmpty();
  }
}
