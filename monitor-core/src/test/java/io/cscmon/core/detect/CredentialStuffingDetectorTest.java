package io.cscmon.core.detect;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.rule.DetectorSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CredentialStuffingDetectorTest {

  private final CredentialStuffingDetector detector = new CredentialStuffingDetector();
  private final CredentialStuffingState state = detector.newState("sh", "web");
  private final List<Alert> alerts = new ArrayList<>();
  private final Random random = new Random(3);

  /**
   * Normal logins, {@code perMinute} a minute: 3.5% fail, from 5 000 home addresses, plus a carrier
   * NAT address behind which 400 customers log in (97% succeed).
   */
  private void normal(long from, long to, int perMinute) {
    customers(from, to, perMinute, 0.035);
  }

  /** Customers logging in, {@code failing} of them failing (a carrier NAT among them). */
  private void customers(long from, long to, int perMinute, double failing) {
    for (long m = from; m < to; m += ONE_MINUTE) {
      alerts.addAll(detector.onTimer(state, m));
      for (int i = 0; i < perMinute; i++) {
        customer(m + i * ONE_MINUTE / perMinute, failing);
      }
    }
  }

  private void customer(long t, double failing) {
    boolean nat = random.nextInt(10) == 0;
    String ip = nat ? "100.64.0.1" : "36.11." + random.nextInt(20) + "." + random.nextInt(250);
    String account = "acct" + random.nextInt(nat ? 400 : 100_000);
    alerts.addAll(
        detector.onEvent(state, Ev.auth(t, "web", ip, account, random.nextDouble() >= failing)));
  }

  @Test
  void sevenDaysOfNormalFailuresAndACarrierNatRaiseNothing() {
    normal(BEGINNING, BEGINNING + 7 * 1440 * ONE_MINUTE, 30);
    assertThat(alerts).isEmpty();
    assertThat(state.baselineFailureRatio).isBetween(0.025, 0.045);
  }

  @Test
  void oneAddressTryingManyAccountsIsCaughtAndEscalatesAfterFifteenMinutes() {
    normal(BEGINNING, BEGINNING + 60 * ONE_MINUTE, 30);
    long start = BEGINNING + 60 * ONE_MINUTE;
    for (int i = 0; i < 20 * 60; i++) { // one attempt a second for 20 minutes
      long t = start + i * 1000L;
      alerts.addAll(detector.onTimer(state, t));
      alerts.addAll(detector.onEvent(state, Ev.auth(t, "web", "198.51.100.23", "v" + i, false)));
      if (i % 2 == 0) {
        customer(t + 500, 0.035); // the customers keep logging in meanwhile
      }
    }
    assertThat(alerts).isNotEmpty();
    Alert first = alerts.get(0);
    assertThat(first.label(Labels.ATTACK_TYPE)).isEqualTo("credential_stuffing");
    assertThat(first.label(Labels.SOURCE)).isEqualTo("198.51.100.23");
    assertThat(first.label(Labels.CHANNEL)).isEqualTo("web");
    assertThat(first.label(Labels.INCIDENT_TYPE)).isEqualTo("attack");
    assertThat(first.label(Labels.EMERGENCY_LEVEL)).isEqualTo("IV");
    assertThat(first.startsAt()).isLessThan(start + 5 * ONE_MINUTE);
    assertThat(first.annotations().get(DetectAlert.TOP_OFFENDERS)).contains("198.51.100.23=");
    assertThat(alerts)
        .extracting(a -> a.label(Labels.EMERGENCY_LEVEL))
        .containsExactly("IV", "III");
    normal(start + 20 * ONE_MINUTE, start + 40 * ONE_MINUTE, 30);
    Alert last = alerts.get(alerts.size() - 1);
    assertThat(last.isFiring()).isFalse();
    assertThat(last.endsAt()).isBetween(start + 19 * ONE_MINUTE, start + 20 * ONE_MINUTE);
    Ev.assertContractShape(alerts);
  }

  @Test
  void loginsFailingForEveryoneAreAnOutageNotAnAttack() {
    // The auth backend down for 15 minutes: every customer's login fails, the carrier NAT's many
    // accounts too. Before, that paged credential stuffing at level III naming the NAT.
    normal(BEGINNING, BEGINNING + 60 * ONE_MINUTE, 30);
    long down = BEGINNING + 60 * ONE_MINUTE;
    customers(down, down + 15 * ONE_MINUTE, 30, 1.0);
    normal(down + 15 * ONE_MINUTE, down + 60 * ONE_MINUTE, 30);
    assertThat(alerts).isEmpty();
    assertThat(state.baselineFailureRatio).as("the outage taught nothing").isBetween(0.025, 0.045);
  }

  @Test
  void aSubnetSpreadingOneAccountPerAddressIsCaughtAtItsPrefix() {
    normal(BEGINNING, BEGINNING + 30 * ONE_MINUTE, 30);
    long start = BEGINNING + 30 * ONE_MINUTE;
    for (int i = 0; i < 60; i++) {
      long t = start + i * 2000L;
      alerts.addAll(detector.onEvent(state, Ev.auth(t, "web", "203.0.113." + i, "u" + i, false)));
    }
    assertThat(alerts).isNotEmpty();
    assertThat(alerts.get(0).label(Labels.SOURCE)).isEqualTo("203.0.113.0/24");
  }

  @Test
  void aBotnetSpreadThinIsCaughtByTheFailureRatio() {
    normal(BEGINNING, BEGINNING + 120 * ONE_MINUTE, 60);
    long start = BEGINNING + 120 * ONE_MINUTE;
    for (long m = start; m < start + 10 * ONE_MINUTE; m += ONE_MINUTE) {
      alerts.addAll(detector.onTimer(state, m));
      for (int i = 0; i < 40; i++) { // 40 failures a minute, each from its own /16
        long t = m + i * 1000L;
        String ip = (1 + random.nextInt(200)) + "." + random.nextInt(256) + ".7.9";
        alerts.addAll(detector.onEvent(state, Ev.auth(t, "web", ip, "w" + m + i, false)));
      }
      normal(m, m + ONE_MINUTE, 60);
    }
    assertThat(alerts).isNotEmpty();
    assertThat(alerts.get(0).startsAt()).isLessThan(start + 6 * ONE_MINUTE);
    assertThat(alerts.get(0).annotations().get(Labels.SUMMARY)).contains("failure ratio");
  }

  /**
   * CONTRACT §1: the same logins out of order by up to 25 s raise the same alerts from the failure
   * ratio. Judged as soon as a later window's login came, a window lost its late logins to the next
   * one: the botnet's last failures made the next window an attack too, and the alert ended a
   * window later (as in a simulated day shuffled the same way).
   */
  @Test
  void theSameLoginsOutOfOrderByUpTo25SecondsGiveTheSameFailureRatioAlerts() {
    List<AuthEvent> inOrder = new ArrayList<>();
    long start = BEGINNING + 120 * ONE_MINUTE;
    for (long m = BEGINNING; m < start + 40 * ONE_MINUTE; m += ONE_MINUTE) {
      for (int i = 0; i < 60; i++) {
        long t = m + i * ONE_MINUTE / 60;
        String ip = "36.11." + random.nextInt(20) + "." + random.nextInt(250);
        inOrder.add(
            Ev.auth(t, "web", ip, "acct" + random.nextInt(100_000), random.nextDouble() > 0.035));
      }
      // From 2 min into one window to the end of the next.
      if (m >= start + 2 * ONE_MINUTE && m < start + 10 * ONE_MINUTE) {
        for (int i = 0; i < 400; i++) { // 400 failures a minute, each from its own /16
          String ip = (1 + random.nextInt(200)) + "." + random.nextInt(256) + ".7.9";
          inOrder.add(Ev.auth(m + i * 150L, "web", ip, "w" + m + i, false));
        }
      }
    }
    inOrder.sort(Comparator.comparingLong(AuthEvent::ts));
    Detector<AuthEvent, CredentialStuffingState> stuffing =
        Detectors.credentialStuffing(DetectorSettings.defaults());

    List<Alert> ordered = TimedDriver.run(stuffing, inOrder);
    List<Alert> shuffled = TimedDriver.run(stuffing, TimedDriver.shuffled(inOrder, 25_000, 5));

    assertThat(ordered)
        .isNotEmpty()
        .allMatch(a -> a.annotations().get(Labels.SUMMARY).contains("failure ratio"))
        .anyMatch(a -> !a.isFiring());
    assertThat(TimedDriver.identities(shuffled)).isEqualTo(TimedDriver.identities(ordered));
  }
}
