package io.cscmon.core.detect;

import static io.cscmon.core.detect.Ev.health;
import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentHealthDetectorTest {

  private final ComponentHealthDetector detector =
      new ComponentHealthDetector(
          new ComponentMap(
              Map.of(
                  "sms_gateway",
                  new ComponentMap.Component("sms_gateway", List.of(), List.of(), false, 2000))));
  private final ComponentHealthState state = new ComponentHealthState();
  private final List<Alert> alerts = new ArrayList<>();

  /** Feeds samples every 10 s for instance {@code inst} from {@code from} (incl.) to {@code to}. */
  private void report(String component, String inst, long from, long to, boolean up) {
    for (long t = from; t < to; t += 10_000) {
      alerts.addAll(detector.onEvent(state, health(t, component, inst, up)));
    }
  }

  /**
   * Fires every timer the detector asks for up to {@code until}, then says the data is complete up
   * to it (a watermark there): samples waiting for older ones are taken.
   */
  private void runTimers(long until) {
    long next;
    while ((next = detector.nextTimer(state)) <= until) {
      alerts.addAll(detector.onTimer(state, next));
    }
    alerts.addAll(detector.onTimer(state, until));
  }

  private void runFor(String component, long from, long to, boolean up) {
    // Samples and the timers due between them, as a Flink operator interleaves them.
    for (long t = from; t < to; t += 10_000) {
      runTimers(t);
      alerts.addAll(detector.onEvent(state, health(t, component, "0", up)));
    }
    runTimers(to);
  }

  @Test
  void aFortyMinuteCoreBankingOutageEscalatesToLevelIIIAndStatesItsDuration() {
    runFor("core_banking", BEGINNING, BEGINNING + 10 * ONE_MINUTE, true);
    long down = BEGINNING + 10 * ONE_MINUTE;
    runFor("core_banking", down, down + 40 * ONE_MINUTE, false);
    runFor("core_banking", down + 40 * ONE_MINUTE, down + 45 * ONE_MINUTE, true);

    assertThat(alerts)
        .extracting(a -> a.status().name() + " " + a.label(Labels.EMERGENCY_LEVEL))
        .containsExactly("FIRING none", "FIRING IV", "FIRING III", "RESOLVED III");
    assertThat(alerts).allSatisfy(a -> assertThat(a.startsAt()).isEqualTo(down));
    assertThat(alerts).extracting(Alert::fingerprint).containsOnly(alerts.get(0).fingerprint());
    assertThat(alerts.get(0).alertname()).isEqualTo("ComponentOutage");
    assertThat(alerts.get(0).label(Labels.INCIDENT_TYPE)).isEqualTo("outage");
    assertThat(alerts.get(0).label(Labels.COMPONENT)).isEqualTo("core_banking");
    assertThat(alerts)
        .as("critical at every level: it pages from the start and never becomes a warning")
        .extracting(a -> a.label(Labels.SEVERITY))
        .containsOnly("critical");
    Alert resolved = alerts.get(3);
    assertThat(resolved.endsAt()).isEqualTo(down + 40 * ONE_MINUTE);
    assertThat(resolved.annotations().get(DetectAlert.DURATION)).isEqualTo("40 min");
    assertThat(resolved.annotations().get(Labels.DESCRIPTION)).contains("Resolved after 40 min");
    Ev.assertContractShape(alerts);
    assertThat(state.isQuiet()).isTrue();
  }

  @Test
  void aThreeAndAHalfHourOutageReachesLevelII() {
    runFor("core_banking", BEGINNING, BEGINNING + 210 * ONE_MINUTE, false);
    assertThat(alerts)
        .extracting(a -> a.label(Labels.EMERGENCY_LEVEL))
        .containsExactly("none", "IV", "III", "II");
    assertThat(alerts.get(3).label(Labels.SEVERITY)).isEqualTo("critical");
  }

  @Test
  void heartbeatLossIsAnOutageAfterThreeMissedIntervalsStartingAtTheFirstMissedSample() {
    runFor("ivr", BEGINNING, BEGINNING + ONE_MINUTE, true);
    long last = BEGINNING + ONE_MINUTE - 10_000;
    // Three intervals and half of one more for a late probe.
    assertThat(detector.nextTimer(state)).isEqualTo(last + 35_000);
    runTimers(last + 34_999);
    assertThat(alerts).isEmpty();
    runTimers(last + 35_000);
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).startsAt()).isEqualTo(last + 10_000);
    assertThat(alerts.get(0).alertname()).isEqualTo("ComponentOutage");
    // It comes back: resolved after the clear hold, ending at the event time of the sample.
    long back = last + 5 * ONE_MINUTE;
    runTimers(back);
    report("ivr", "0", back, back + 4 * ONE_MINUTE, true);
    runTimers(back + 3 * ONE_MINUTE - 1);
    assertThat(alerts.get(alerts.size() - 1).isFiring()).isTrue();
    runTimers(back + 3 * ONE_MINUTE);
    Alert resolved = alerts.get(alerts.size() - 1);
    assertThat(resolved.isFiring()).isFalse();
    assertThat(resolved.endsAt()).isEqualTo(back);
    // Only the heartbeat deadline is left to watch.
    runTimers(back + 4 * ONE_MINUTE - 10_000);
    assertThat(detector.nextTimer(state)).isEqualTo(back + 4 * ONE_MINUTE - 10_000 + 35_000);
  }

  @Test
  void aGapSeenOnlyWhenTheSourceReturnsStillRaisesAndResolvesTheOutage() {
    // The watermark only comes after the source is back (it was idle): the returning sample
    // reveals the gap, which starts at the first missed sample.
    report("crm", "0", BEGINNING, BEGINNING + ONE_MINUTE, true);
    long back = BEGINNING + 10 * ONE_MINUTE;
    report("crm", "0", back, back + 4 * ONE_MINUTE, true);
    runTimers(back + 4 * ONE_MINUTE - 10_000);
    // Nine minutes down: level IV at five, in event time, before the sample that ends it.
    assertThat(alerts)
        .extracting(a -> a.status().name() + " " + a.label(Labels.EMERGENCY_LEVEL))
        .containsExactly("FIRING none", "FIRING IV", "RESOLVED IV");
    assertThat(alerts.get(0).startsAt()).isEqualTo(BEGINNING + ONE_MINUTE);
    assertThat(alerts.get(2).endsAt()).isEqualTo(back);
  }

  @Test
  void someInstancesDownForAnIntervalIsDegradedAllDownIsAnOutage() {
    report("app_api", "a", BEGINNING, BEGINNING + 20_000, true);
    report("app_api", "b", BEGINNING, BEGINNING + 20_000, true);
    long t1 = BEGINNING + 20_000;
    alerts.addAll(detector.onEvent(state, health(t1, "app_api", "a", false)));
    report("app_api", "b", t1, t1 + 20_000, true);
    runTimers(t1 + 9_999);
    assertThat(alerts).as("not before a whole interval").isEmpty();
    runTimers(t1 + 10_000);
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).alertname()).isEqualTo("ComponentDegraded");
    assertThat(alerts.get(0).label(Labels.INCIDENT_TYPE)).isEqualTo("degradation");
    assertThat(alerts.get(0).startsAt()).isEqualTo(t1);
    assertThat(alerts.get(0).annotations().get(Labels.SUMMARY)).contains("1 of 2");
    assertThat(alerts.get(0).annotations().get(Labels.DESCRIPTION)).startsWith("Down: instance a.");

    long t2 = t1 + 25_000;
    alerts.addAll(detector.onEvent(state, health(t2, "app_api", "b", false)));
    runTimers(t2);
    assertThat(alerts.subList(1, 3))
        .extracting(a -> a.alertname() + " " + a.status())
        .containsExactly("ComponentDegraded RESOLVED", "ComponentOutage FIRING");
    assertThat(alerts.get(1).endsAt()).isEqualTo(t2);
    assertThat(alerts.get(2).startsAt()).isEqualTo(t2);

    // Back one after the other, a second apart: the outage resolves, no degradation in between.
    long t3 = t2 + ONE_MINUTE;
    report("app_api", "a", t3, t3 + 4 * ONE_MINUTE, true);
    report("app_api", "b", t3 + 1000, t3 + 4 * ONE_MINUTE, true);
    runTimers(t3 + 4 * ONE_MINUTE - 10_000);
    assertThat(alerts.subList(3, alerts.size()))
        .extracting(a -> a.alertname() + " " + a.status())
        .containsExactly("ComponentOutage RESOLVED");
    assertThat(alerts.get(3).endsAt()).isEqualTo(t3);
    assertThat(state.isQuiet()).isTrue();
    Ev.assertContractShape(alerts);
  }

  @Test
  void probesOutOfStepAtAnOutagesStartAndEndRaiseOnlyTheOutage() {
    report("ivr", "a", BEGINNING, BEGINNING + 20_000, true);
    report("ivr", "b", BEGINNING, BEGINNING + 20_000, true);
    long down = BEGINNING + 20_000;
    report("ivr", "a", down, down + 2 * ONE_MINUTE, false);
    report("ivr", "b", down + 4_000, down + 2 * ONE_MINUTE, false);
    long up = down + 2 * ONE_MINUTE;
    report("ivr", "a", up, up + 4 * ONE_MINUTE, true);
    report("ivr", "b", up + 4_000, up + 4 * ONE_MINUTE, true);
    runTimers(up + 4 * ONE_MINUTE);

    assertThat(alerts)
        .extracting(a -> a.alertname() + " " + a.status())
        .containsExactly("ComponentOutage FIRING", "ComponentOutage RESOLVED");
    assertThat(alerts.get(0).startsAt()).isEqualTo(down + 4_000);
    assertThat(alerts.get(1).endsAt()).isEqualTo(up);
  }

  @Test
  void anotherInstancesNewerSampleDoesNotDeclareAHeartbeatLossWithinTheLateness() {
    report("acd", "a", BEGINNING, BEGINNING + 30_000, true);
    report("acd", "b", BEGINNING, BEGINNING + 30_000, true);
    // b's samples are delayed; a is 25 s ahead, beyond b's 3 intervals but within the lateness.
    alerts.addAll(detector.onEvent(state, health(BEGINNING + 45_000, "acd", "a", true)));
    alerts.addAll(detector.onEvent(state, health(BEGINNING + 55_000, "acd", "a", true)));
    assertThat(alerts).isEmpty();
  }

  @Test
  void aLateSampleDoesNotUndoANewerOne() {
    alerts.addAll(detector.onEvent(state, health(BEGINNING + 20_000, "cti", "0", false)));
    alerts.addAll(detector.onEvent(state, health(BEGINNING + 10_000, "cti", "0", true)));
    runTimers(BEGINNING + 20_000);
    assertThat(alerts).hasSize(1);
    assertThat(state.isQuiet()).isFalse();
  }

  @Test
  void anOutageOfAComponentNoCustomerSeesStaysAtLevelNone() {
    runFor("sms_gateway", BEGINNING, BEGINNING + 60 * ONE_MINUTE, false);
    assertThat(alerts).extracting(a -> a.label(Labels.EMERGENCY_LEVEL)).containsExactly("none");
  }

  @Test
  void aFlappingComponentIsOneOutageThatEscalatesWithItsWholeDuration() {
    // Down for the first 30 s of every minute for 20 minutes (the simulator's flapping outage):
    // one incident, not twenty, reaching level IV at five minutes, ended after 3 min up.
    runFor("crm", BEGINNING, BEGINNING + 10 * ONE_MINUTE, true);
    long start = BEGINNING + 10 * ONE_MINUTE;
    for (int m = 0; m < 20; m++) {
      long minute = start + m * ONE_MINUTE;
      runFor("crm", minute, minute + 30_000, false);
      runFor("crm", minute + 30_000, minute + ONE_MINUTE, true);
    }
    long stable = start + 19 * ONE_MINUTE + 30_000;
    runFor("crm", start + 20 * ONE_MINUTE, stable + 2 * ONE_MINUTE, true);
    assertThat(alerts).extracting(Alert::isFiring).containsExactly(true, true);
    runFor("crm", stable + 2 * ONE_MINUTE, stable + 4 * ONE_MINUTE, true);

    assertThat(alerts)
        .extracting(a -> a.status().name() + " " + a.label(Labels.EMERGENCY_LEVEL))
        .containsExactly("FIRING none", "FIRING IV", "RESOLVED IV");
    assertThat(alerts).allSatisfy(a -> assertThat(a.startsAt()).isEqualTo(start));
    assertThat(alerts.get(2).endsAt()).isEqualTo(stable);
    assertThat(state.isQuiet()).isTrue();
  }

  @Test
  void anOutageThatStaysUpLongerThanTheClearHoldEndsAndTheNextIsANewIncident() {
    long down = BEGINNING + ONE_MINUTE;
    runFor("crm", BEGINNING, down, true);
    runFor("crm", down, down + 30_000, false);
    long back = down + 30_000;
    runFor("crm", back, back + 3 * ONE_MINUTE + 10_000, true);
    long again = back + 3 * ONE_MINUTE + 10_000;
    runFor("crm", again, again + 30_000, false);

    assertThat(alerts)
        .extracting(a -> a.status().name() + " " + a.startsAt())
        .containsExactly("FIRING " + down, "RESOLVED " + down, "FIRING " + again);
    assertThat(alerts.get(1).endsAt()).isEqualTo(back);
  }

  @Test
  void aDegradedInstanceThatFlapsStaysOneWarning() {
    report("app_api", "a", BEGINNING, BEGINNING + ONE_MINUTE, true);
    for (int m = 0; m < 10; m++) {
      long minute = BEGINNING + m * ONE_MINUTE;
      report("app_api", "b", minute, minute + 40_000, false);
      report("app_api", "b", minute + 40_000, minute + ONE_MINUTE, true);
      report("app_api", "a", minute + ONE_MINUTE, minute + 2 * ONE_MINUTE, true);
      runTimers(minute + ONE_MINUTE - 10_000);
    }
    assertThat(alerts)
        .extracting(a -> a.alertname() + " " + a.status())
        .containsExactly("ComponentDegraded FIRING");
  }

  @Test
  void theEndOfTheInputEndsARecoveryWithoutWaitingOutTheHold() {
    long down = BEGINNING + ONE_MINUTE;
    runFor("crm", BEGINNING, down, true);
    runFor("crm", down, down + 2 * ONE_MINUTE, false);
    long back = down + 2 * ONE_MINUTE;
    report("crm", "0", back, back + 20_000, true);
    alerts.addAll(detector.onEnd(state));

    assertThat(alerts).extracting(Alert::isFiring).containsExactly(true, false);
    assertThat(alerts.get(1).endsAt()).isEqualTo(back);
    assertThat(state.isQuiet()).isTrue();
  }
}
