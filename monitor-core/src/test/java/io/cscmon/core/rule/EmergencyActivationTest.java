package io.cscmon.core.rule;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.Labels;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmergencyActivationTest {

  private static Alert alert(
      String name, String scopeLabel, String scope, String level, String risk) {
    return Alert.firing(
        Map.of(
            Labels.ALERTNAME,
            name,
            Labels.CENTER,
            "sh",
            scopeLabel,
            scope,
            Labels.EMERGENCY_LEVEL,
            level,
            Labels.RISK_CATEGORY,
            risk,
            Labels.INCIDENT_TYPE,
            "service_level",
            Labels.SEVERITY,
            "warning"),
        Map.of(),
        BEGINNING,
        "");
  }

  @Test
  void aPeakOnAChannelATelephonyDosFloodsCountsAtTheAttacksLevel() {
    assertThat(EmergencyActivation.TDOS_ALERT).isEqualTo(io.cscmon.core.detect.TdosDetector.ALERT);
    EmergencyActivation center = new EmergencyActivation("sh");
    Map<String, String> tdosLabels =
        new java.util.TreeMap<>(
            alert("TelephonyDos", Labels.CHANNEL, "voice", "III", "technical").labels());
    tdosLabels.put(Labels.SOURCE, "spoofed");
    tdosLabels.put(Labels.ATTACK_TYPE, "tdos");
    Alert tdos = Alert.firing(tdosLabels, Map.of(), BEGINNING, "");
    Alert peak = alert("PeakLoad", Labels.CHANNEL, "voice", "I", "operational");
    Alert chatPeak = alert("PeakLoad", Labels.CHANNEL, "chat", "II", "operational");

    assertThat(center.apply(tdos, BEGINNING).orElseThrow().label(Labels.EMERGENCY_LEVEL))
        .isEqualTo("III");
    assertThat(center.apply(peak, BEGINNING + ONE_MINUTE))
        .as("the flood is the peak: still III")
        .isEmpty();
    assertThat(center.level()).isEqualTo(EmergencyLevel.III);
    // A peak on another channel is its own.
    assertThat(center.apply(chatPeak, BEGINNING + 2 * ONE_MINUTE).orElseThrow().annotations())
        .containsEntry(Labels.VALUE, "II");
    // The attack ends; the voice peak's view still holds the flood: it stays explained.
    assertThat(
            center.apply(
                tdos.resolved(BEGINNING + 3 * ONE_MINUTE, Map.of()), BEGINNING + 3 * ONE_MINUTE))
        .isEmpty();
    assertThat(center.level()).isEqualTo(EmergencyLevel.II);
    // A new state of the peak after the attack counts at its own level.
    Alert again = alert("PeakLoad", Labels.CHANNEL, "voice", "II", "operational");
    center.apply(again, BEGINNING + 4 * ONE_MINUTE);
    Alert worse = alert("PeakLoad", Labels.CHANNEL, "voice", "I", "operational");
    assertThat(
            center
                .apply(worse, BEGINNING + 5 * ONE_MINUTE)
                .orElseThrow()
                .label(Labels.EMERGENCY_LEVEL))
        .isEqualTo("I");
  }

  @Test
  void theCenterTakesTheMostSevereLevelOfItsAlertsAcrossRisksAndResolvesWhenNoneIsLeft() {
    EmergencyActivation center = new EmergencyActivation("sh");
    Alert queue = alert("ServiceLevelBreach", Labels.QUEUE, "retail", "IV", "operational");
    Alert outage = alert("ComponentOutage", Labels.COMPONENT, "core_banking", "II", "technical");
    Alert info = alert("LatencyBudgetBurn", Labels.COMPONENT, "web", "none", "technical");

    Optional<Alert> first = center.apply(queue, BEGINNING);
    assertThat(first).isPresent();
    Alert iv = first.get();
    assertThat(iv.isFiring()).isTrue();
    assertThat(iv.labels())
        .containsEntry(Labels.ALERTNAME, "EmergencyActivation")
        .containsEntry(Labels.INCIDENT_TYPE, "emergency")
        .containsEntry(Labels.EMERGENCY_LEVEL, "IV")
        .containsEntry(Labels.SEVERITY, "warning")
        .containsEntry(Labels.RISK_CATEGORY, "operational")
        .containsEntry(Labels.CENTER, "sh");
    assertThat(iv.annotations().get(Labels.DESCRIPTION))
        .contains("ServiceLevelBreach queue=retail (IV, operational)", "duty");
    assertThat(iv.annotations())
        .containsKeys(Labels.SUMMARY, Labels.RUNBOOK_URL, Labels.PLAN_SECTION, Labels.VALUE);

    assertThat(center.apply(info, BEGINNING + ONE_MINUTE)).as("an alert without a level").isEmpty();

    Alert ii = center.apply(outage, BEGINNING + 2 * ONE_MINUTE).orElseThrow();
    assertThat(ii.fingerprint()).isEqualTo(iv.fingerprint());
    assertThat(ii.startsAt()).as("the activation keeps its start").isEqualTo(BEGINNING);
    assertThat(ii.labels())
        .containsEntry(Labels.EMERGENCY_LEVEL, "II")
        .containsEntry(Labels.SEVERITY, "critical")
        .containsEntry(Labels.RISK_CATEGORY, "technical");
    assertThat(ii.annotations().get(Labels.DESCRIPTION))
        .contains(
            "ComponentOutage component=core_banking (II, technical); ServiceLevelBreach",
            "management",
            "report to the regulator within 60 minutes");

    // The outage resolves: back to IV; the queue recovers: the activation resolves.
    Alert back =
        center.apply(outage.resolved(BEGINNING + 9 * ONE_MINUTE, Map.of()), 0).orElseThrow();
    assertThat(back.labels()).containsEntry(Labels.EMERGENCY_LEVEL, "IV");
    assertThat(center.apply(queue, BEGINNING + 10 * ONE_MINUTE)).as("a repeat").isEmpty();
    Alert resolved =
        center
            .apply(
                queue.resolved(BEGINNING + 12 * ONE_MINUTE, Map.of()), BEGINNING + 12 * ONE_MINUTE)
            .orElseThrow();
    assertThat(resolved.isFiring()).isFalse();
    assertThat(resolved.endsAt()).isEqualTo(BEGINNING + 12 * ONE_MINUTE);
    assertThat(resolved.fingerprint()).isEqualTo(iv.fingerprint());
    assertThat(center.current()).isNull();
  }

  @Test
  void theAlertNamesTheTeamsAndDeadlinesOfThePlanItRunsUnder() {
    Map<EmergencyLevel, EmergencyPlan.Step> steps = new java.util.EnumMap<>(EmergencyLevel.class);
    for (EmergencyLevel l : List.of(EmergencyLevel.IV, EmergencyLevel.III, EmergencyLevel.I)) {
      steps.put(l, EmergencyPlan.defaults().steps().get(l));
    }
    steps.put(
        EmergencyLevel.II,
        new EmergencyPlan.Step("the crisis cell", "report to the regulator within 45 minutes"));
    EmergencyActivation center = new EmergencyActivation("sh", new EmergencyPlan(steps));
    Alert ii =
        center
            .apply(alert("ComponentOutage", Labels.COMPONENT, "ivr", "II", "technical"), BEGINNING)
            .orElseThrow();
    assertThat(ii.annotations())
        .containsEntry("teams", "the crisis cell")
        .containsEntry("deadlines", "report to the regulator within 45 minutes");
    assertThat(ii.annotations().get(Labels.DESCRIPTION))
        .contains(
            "Teams called: the crisis cell. Deadlines: report to the regulator within 45 minutes.");
  }

  @Test
  void itsOwnAlertsAreIgnoredAndTheStateRoundTrips() {
    EmergencyActivation center = new EmergencyActivation("sh");
    Alert own =
        center
            .apply(alert("PeakLoad", Labels.CHANNEL, "voice", "III", "operational"), 5)
            .orElseThrow();
    assertThat(center.apply(own, 6)).isEmpty();

    EmergencyActivation restored =
        new EmergencyActivation("sh", EmergencyPlan.defaults(), center.firing(), center.current());
    assertThat(restored.level()).isEqualTo(center.level());
    center
        .firing()
        .values()
        .forEach(b -> assertThat(EmergencyActivation.Behind.decode(b.encode())).isEqualTo(b));
    Alert resolved =
        restored
            .apply(
                alert("PeakLoad", Labels.CHANNEL, "voice", "III", "operational")
                    .resolved(9, Map.of()),
                9)
            .orElseThrow();
    assertThat(resolved.isFiring()).isFalse();
  }

  /**
   * Alerts leave in the order they are decided: one whose end was decided later (a hold, a clear
   * delay) but lies earlier does not end the episode before another's later end.
   */
  @Test
  void theEpisodeEndsAtTheLatestEndOfItsAlertsWhateverTheOrderTheyLeaveIn() {
    EmergencyActivation center = new EmergencyActivation("sh");
    Alert outage = alert("ComponentOutage", Labels.COMPONENT, "crm", "IV", "technical");
    Alert ddos = alert("VolumetricDdos", Labels.CHANNEL, "web", "III", "technical");
    center.apply(outage, BEGINNING);
    center.apply(ddos, BEGINNING + ONE_MINUTE);
    long outageEnd = BEGINNING + 25 * ONE_MINUTE;
    long ddosEnd = BEGINNING + 20 * ONE_MINUTE; // decided after the outage's end, ended before it
    assertThat(center.apply(outage.resolved(outageEnd, Map.of()), outageEnd))
        .as("the DDoS keeps the level at III")
        .isEmpty();
    Alert resolved = center.apply(ddos.resolved(ddosEnd, Map.of()), ddosEnd).orElseThrow();
    assertThat(resolved.isFiring()).isFalse();
    assertThat(resolved.endsAt()).isEqualTo(outageEnd);
  }
}
