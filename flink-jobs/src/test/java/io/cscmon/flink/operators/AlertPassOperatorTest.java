package io.cscmon.flink.operators;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.IncidentType;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.alert.Severity;
import io.cscmon.core.detect.AlertPass;
import io.cscmon.core.detect.BurnRateDetector;
import io.cscmon.core.detect.ComponentHealthDetector;
import io.cscmon.core.detect.DetectAlert;
import io.cscmon.core.detect.Detectors;
import io.cscmon.core.rule.DetectorSettings;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The alert passes in their operator: root-cause tagging by center and the multi-center outage
 * levels by component, ordered by event time in replay and as they come live, and nothing left in
 * state or timers once the outages are over.
 */
class AlertPassOperatorTest {

  private static final AlertJson JSON = new AlertJson(AlertTime.DEFAULT_ZONE);

  private KeyedOneInputStreamOperatorTestHarness<String, AlertRecord, AlertRecord> harness;

  private <S> void open(AlertPass<S> pass, KeySelector<AlertRecord, String> key, boolean ordered)
      throws Exception {
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new AlertPassFunction<>(pass, AlertTime.DEFAULT_ZONE, ordered)),
            key,
            Types.STRING);
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  /** A critical alert about {@code component} of {@code center}, firing since {@code at}. */
  private static Alert componentAlert(
      String alertname,
      IncidentType type,
      String center,
      String component,
      EmergencyLevel level,
      String summary,
      String description,
      long at) {
    return DetectAlert.of(alertname, type, center)
        .label(Labels.COMPONENT, component)
        .level(level, Severity.CRITICAL)
        .summary(summary)
        .description(description)
        .firing(at);
  }

  private static Alert outage(String center, EmergencyLevel level) {
    return componentAlert(
        ComponentHealthDetector.OUTAGE_ALERT,
        IncidentType.OUTAGE,
        center,
        "core_banking",
        level,
        "core_banking down",
        "all instances down",
        BEGINNING);
  }

  private static Alert ivrBurn() {
    return componentAlert(
        BurnRateDetector.ERROR_ALERT,
        IncidentType.DEGRADATION,
        "sh",
        "ivr",
        EmergencyLevel.NONE,
        "ivr errors",
        "ivr errors burn",
        BEGINNING + ONE_MINUTE);
  }

  private static Alert resolved(Alert a, long at) {
    return new Alert(
        io.cscmon.core.alert.AlertStatus.RESOLVED,
        a.labels(),
        a.annotations(),
        a.startsAt(),
        at,
        a.generatorURL(),
        a.fingerprint());
  }

  private void send(Alert alert, long at) throws Exception {
    harness.processElement(AlertRecord.of(at, alert, JSON), at);
  }

  private List<Alert> out() {
    return harness.extractOutputValues().stream().map(AlertRecord::alert).toList();
  }

  private int keyedStateEntries() {
    return KeyedStateEntries.of(harness.getOperator());
  }

  @Test
  void inReplayASymptomThatArrivesBeforeItsEarlierCauseIsTaggedOnceAndStateEmptiesAfter()
      throws Exception {
    open(Detectors.rootCause(Detectors.defaultComponentMap()), new Keys.AlertCenter(), true);
    // The symptom's task ran ahead of the outage's: it arrives first, with a later event time.
    send(ivrBurn(), BEGINNING + ONE_MINUTE);
    send(outage("sh", EmergencyLevel.NONE), BEGINNING);
    assertThat(out()).as("nothing passes before the watermark").isEmpty();
    harness.processWatermark(BEGINNING + 2 * ONE_MINUTE);

    assertThat(out())
        .extracting(Alert::alertname, a -> a.label(DetectAlert.ROOT_CAUSE))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ComponentHealthDetector.OUTAGE_ALERT, null),
            org.assertj.core.groups.Tuple.tuple(BurnRateDetector.ERROR_ALERT, "core_banking"));

    send(resolved(ivrBurn(), BEGINNING + 20 * ONE_MINUTE), BEGINNING + 20 * ONE_MINUTE);
    send(
        resolved(outage("sh", EmergencyLevel.NONE), BEGINNING + 30 * ONE_MINUTE),
        BEGINNING + 30 * ONE_MINUTE);
    harness.processWatermark(BEGINNING + 31 * ONE_MINUTE);
    assertThat(out()).hasSize(4);
    assertThat(out().get(2).label(DetectAlert.ROOT_CAUSE))
        .as("resolves with the label it fired with, so the inhibition holds to the end")
        .isEqualTo("core_banking");
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(keyedStateEntries()).isZero();
  }

  @Test
  void liveAlertsPassAtOnceAndALateCauseReTagsItsSymptom() throws Exception {
    open(Detectors.rootCause(Detectors.defaultComponentMap()), new Keys.AlertCenter(), false);
    send(ivrBurn(), BEGINNING + ONE_MINUTE);
    send(outage("sh", EmergencyLevel.NONE), BEGINNING);

    assertThat(out())
        .extracting(Alert::alertname, a -> a.label(DetectAlert.ROOT_CAUSE))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(BurnRateDetector.ERROR_ALERT, null),
            org.assertj.core.groups.Tuple.tuple(ComponentHealthDetector.OUTAGE_ALERT, null),
            org.assertj.core.groups.Tuple.tuple(BurnRateDetector.ERROR_ALERT, "core_banking"));
    assertThat(out().get(2).fingerprint()).isEqualTo(out().get(0).fingerprint());

    // The cause recovers first; the symptom still resolves under it, so its resolve is inhibited.
    send(
        resolved(outage("sh", EmergencyLevel.NONE), BEGINNING + 10 * ONE_MINUTE),
        BEGINNING + 10 * ONE_MINUTE);
    send(resolved(ivrBurn(), BEGINNING + 12 * ONE_MINUTE), BEGINNING + 12 * ONE_MINUTE);
    Alert last = out().get(out().size() - 1);
    assertThat(last.isFiring()).isFalse();
    assertThat(last.label(DetectAlert.ROOT_CAUSE)).isEqualTo("core_banking");
    assertThat(keyedStateEntries()).isZero();
  }

  @Test
  void twoCentersDownTogetherForHalfAnHourAreLevelTwoAndTheStateGoesWithTheOutage()
      throws Exception {
    open(
        Detectors.multiCenterOutage(DetectorSettings.defaults(), Detectors.defaultComponentMap()),
        new Keys.AlertComponent(),
        true);
    send(outage("sh", EmergencyLevel.NONE), BEGINNING);
    send(outage("bj", EmergencyLevel.NONE), BEGINNING);
    harness.processWatermark(BEGINNING + ONE_MINUTE);
    assertThat(harness.numEventTimeTimers()).as("the escalation to II").isEqualTo(1);
    harness.processWatermark(BEGINNING + 31 * ONE_MINUTE);

    assertThat(out())
        .filteredOn(a -> "II".equals(a.label(Labels.EMERGENCY_LEVEL)))
        .extracting(a -> a.label(Labels.CENTER))
        .containsExactlyInAnyOrder("sh", "bj");

    long end = BEGINNING + 40 * ONE_MINUTE;
    send(resolved(outage("sh", EmergencyLevel.III), end), end);
    send(resolved(outage("bj", EmergencyLevel.III), end), end);
    harness.processWatermark(end + ONE_MINUTE);
    assertThat(out().subList(out().size() - 2, out().size()))
        .allMatch(a -> !a.isFiring() && "II".equals(a.label(Labels.EMERGENCY_LEVEL)));
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(keyedStateEntries()).isZero();
  }

  @Test
  void theMultiCenterStepComesThoughEachCentersOwnStepToIIIIsDecidedAtTheSameTime()
      throws Exception {
    open(
        Detectors.multiCenterOutage(DetectorSettings.defaults(), Detectors.defaultComponentMap()),
        new Keys.AlertComponent(),
        true);
    send(outage("sh", EmergencyLevel.NONE), BEGINNING);
    send(outage("bj", EmergencyLevel.NONE), BEGINNING);
    // Each center's detector steps to III at 30 min, the time the two-center step to II is due:
    // the records at that time moved the pass's timer on, and the step to II never came.
    long thirty = BEGINNING + 30 * ONE_MINUTE;
    send(outage("sh", EmergencyLevel.III), thirty);
    send(outage("bj", EmergencyLevel.III), thirty);
    harness.processWatermark(thirty + ONE_MINUTE);

    assertThat(out())
        .filteredOn(a -> "II".equals(a.label(Labels.EMERGENCY_LEVEL)))
        .extracting(a -> a.label(Labels.CENTER))
        .containsExactlyInAnyOrder("sh", "bj");
  }

  private static Alert webAttack(EmergencyLevel level) {
    return DetectAlert.of("CredentialStuffing", IncidentType.ATTACK, "sh")
        .label(Labels.ATTACK_TYPE, "credential_stuffing")
        .label(Labels.CHANNEL, "web")
        .label(Labels.SOURCE, "203.0.113.0/24")
        .level(level)
        .summary("stuffing")
        .description("stuffing")
        .firing(BEGINNING);
  }

  private static Alert webDown() {
    return componentAlert(
        ComponentHealthDetector.OUTAGE_ALERT,
        IncidentType.OUTAGE,
        "sh",
        "web",
        EmergencyLevel.NONE,
        "web down",
        "web down",
        BEGINNING + 2 * ONE_MINUTE);
  }

  @Test
  void anAttackThatTakesItsChannelDownIsLevelTwoUntilItEnds() throws Exception {
    open(Detectors.attackImpact(Detectors.defaultComponentMap()), new Keys.AlertCenter(), true);
    send(webAttack(EmergencyLevel.IV), BEGINNING);
    send(webDown(), BEGINNING + 2 * ONE_MINUTE);
    harness.processWatermark(BEGINNING + 3 * ONE_MINUTE);
    assertThat(out())
        .filteredOn(a -> "attack".equals(a.label(Labels.INCIDENT_TYPE)))
        .extracting(a -> a.label(Labels.EMERGENCY_LEVEL))
        .containsExactly("IV", "II");

    // The outage ends, the detector's own escalation to III comes: no step down from II.
    send(resolved(webDown(), BEGINNING + 10 * ONE_MINUTE), BEGINNING + 10 * ONE_MINUTE);
    send(webAttack(EmergencyLevel.III), BEGINNING + 15 * ONE_MINUTE);
    send(
        resolved(webAttack(EmergencyLevel.III), BEGINNING + 20 * ONE_MINUTE),
        BEGINNING + 20 * ONE_MINUTE);
    harness.processWatermark(BEGINNING + 21 * ONE_MINUTE);
    List<Alert> attacks =
        out().stream().filter(a -> "attack".equals(a.label(Labels.INCIDENT_TYPE))).toList();
    // Nor a second "firing II": the escalation changes nothing the alert's state shows.
    assertThat(attacks)
        .extracting(a -> (a.isFiring() ? "firing " : "resolved ") + a.label(Labels.EMERGENCY_LEVEL))
        .containsExactly("firing IV", "firing II", "resolved II");
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(keyedStateEntries()).isZero();
  }

  private static Alert ivrDown(long at) {
    return componentAlert(
        ComponentHealthDetector.OUTAGE_ALERT,
        IncidentType.OUTAGE,
        "sh",
        "ivr",
        EmergencyLevel.IV,
        "ivr down",
        "ivr down",
        at);
  }

  /** A TDoS of repeating callers on voice, which the IVR carries. */
  private static Alert redialFlood(long at) {
    return DetectAlert.of("TelephonyDos", IncidentType.ATTACK, "sh")
        .label(Labels.ATTACK_TYPE, "tdos")
        .label(Labels.CHANNEL, "voice")
        .label(Labels.SOURCE, "13900000000")
        .level(EmergencyLevel.IV)
        .summary("tdos")
        .description("tdos")
        .firing(at);
  }

  @Test
  void anOutageThatBeganBeforeTheAttackDoesNotRaiseIt() throws Exception {
    // Callers redialling an IVR that is already down look like a TDoS of repeating callers: an
    // outside sweep's IVR outage paged TelephonyDos at level II.
    open(Detectors.attackImpact(Detectors.defaultComponentMap()), new Keys.AlertCenter(), true);
    send(ivrDown(BEGINNING), BEGINNING);
    send(redialFlood(BEGINNING + 6 * ONE_MINUTE), BEGINNING + 6 * ONE_MINUTE);
    harness.processWatermark(BEGINNING + 7 * ONE_MINUTE);

    assertThat(out())
        .filteredOn(a -> "attack".equals(a.label(Labels.INCIDENT_TYPE)))
        .extracting(a -> a.label(Labels.EMERGENCY_LEVEL))
        .containsExactly("IV");
  }

  @Test
  void anAttackAfterItsChannelWentDownIsTheOutagesSymptom() throws Exception {
    open(Detectors.rootCause(Detectors.defaultComponentMap()), new Keys.AlertCenter(), true);
    send(ivrDown(BEGINNING), BEGINNING);
    send(redialFlood(BEGINNING + 6 * ONE_MINUTE), BEGINNING + 6 * ONE_MINUTE);
    harness.processWatermark(BEGINNING + 7 * ONE_MINUTE);

    assertThat(out())
        .filteredOn(a -> "TelephonyDos".equals(a.alertname()))
        .extracting(a -> a.label(DetectAlert.ROOT_CAUSE))
        .containsExactly("ivr");
  }

  @Test
  void anAttackThatTakesItsChannelDownStaysTheCause() throws Exception {
    open(Detectors.rootCause(Detectors.defaultComponentMap()), new Keys.AlertCenter(), true);
    send(redialFlood(BEGINNING), BEGINNING);
    send(ivrDown(BEGINNING + 2 * ONE_MINUTE), BEGINNING + 2 * ONE_MINUTE);
    harness.processWatermark(BEGINNING + 3 * ONE_MINUTE);

    // Neither when it passes nor retagged when the outage comes: the flood keeps paging.
    assertThat(out())
        .filteredOn(a -> "TelephonyDos".equals(a.alertname()))
        .extracting(a -> a.label(DetectAlert.ROOT_CAUSE))
        .containsOnlyNulls();
  }

  @Test
  void anAttackOnAnotherChannelKeepsItsLevel() throws Exception {
    open(Detectors.attackImpact(Detectors.defaultComponentMap()), new Keys.AlertCenter(), false);
    send(webAttack(EmergencyLevel.IV), BEGINNING);
    send(outage("sh", EmergencyLevel.NONE), BEGINNING + ONE_MINUTE); // core_banking carries none
    assertThat(out())
        .filteredOn(a -> "attack".equals(a.label(Labels.INCIDENT_TYPE)))
        .extracting(a -> a.label(Labels.EMERGENCY_LEVEL))
        .containsExactly("IV");
  }
}
