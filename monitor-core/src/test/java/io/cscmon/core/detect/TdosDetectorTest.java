package io.cscmon.core.detect;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.IvrOutcome;
import io.cscmon.core.rule.DetectorSettings;
import io.cscmon.core.sim.LoadProfile;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TdosDetectorTest {

  private static final long OFFSET = 8 * SeasonalBaseline.HOUR;

  private final TdosDetector detector = new TdosDetector(OFFSET);
  private final TdosState state = detector.newState("sh", "voice");
  private final LoadProfile profile = new LoadProfile(OFFSET);
  private final Random random = new Random(11);
  private final List<Alert> alerts = new ArrayList<>();
  private final PriorityQueue<CallEvent> pending =
      new PriorityQueue<>((a, b) -> Long.compare(a.ts(), b.ts()));
  private long ids;

  /** A call: arrives, and leaves the IVR after {@code lengthMs} (hangup or to an agent). */
  private void call(long t, String ani, long lengthMs, boolean hangup) {
    String id = "c" + ids++;
    pending.add(Ev.arrived(t, id, ani));
    pending.add(Ev.ivrExit(t + lengthMs, id, hangup ? IvrOutcome.HANGUP : IvrOutcome.TO_AGENT));
  }

  /** Normal callers: 5% hang up within seconds, the rest stay a minute or more. */
  private void normalMinute(long m, double perMinute) {
    int n = TrafficLossDetectorTest.poisson(random, perMinute * profile.factor(m));
    for (int i = 0; i < n; i++) {
      boolean quick = random.nextDouble() < 0.05;
      call(
          m + random.nextInt(60_000),
          "138" + (10_000_000 + random.nextInt(80_000_000)),
          quick ? 3_000 + random.nextInt(5_000) : 40_000 + random.nextInt(200_000),
          quick || random.nextDouble() < 0.3);
    }
  }

  private void drainUntil(long t) {
    while (!pending.isEmpty() && pending.peek().ts() < t) {
      alerts.addAll(detector.onEvent(state, pending.poll()));
    }
    alerts.addAll(detector.onTimer(state, t));
  }

  private void run(long from, long to, double perMinute, Runnable extraPerMinute) {
    for (long m = from; m < to; m += ONE_MINUTE) {
      drainUntil(m);
      normalMinute(m, perMinute);
      if (extraPerMinute != null) {
        extraMinute = m;
        extraPerMinute.run();
      }
    }
    drainUntil(to);
  }

  private long extraMinute;

  /**
   * Ten minutes from {@code start} of normal callers and {@code floodPerMinute} 2-second calls a
   * minute from spoofed numbers, each seen once.
   */
  private void spoofedFlood(long start, double perMinute, int floodPerMinute) {
    run(
        start,
        start + 10 * ONE_MINUTE,
        perMinute,
        () -> {
          for (int i = 0; i < floodPerMinute; i++) {
            call(
                extraMinute + i * (60_000L / floodPerMinute),
                "1" + (long) (random.nextDouble() * 1e10),
                2_000,
                true);
          }
        });
  }

  @Test
  void twoNormalDaysAMarketSurgeAndCallBacksRaiseNothing() {
    run(BEGINNING, BEGINNING + 2 * SeasonalBaseline.DAY, 20, null);
    long surge = BEGINNING + 2 * SeasonalBaseline.DAY;
    // A market shock: four times the calls, with the usual call-length mix.
    run(surge, surge + 30 * ONE_MINUTE, 80, null);
    // A customer calling back twice, and hanging up quickly each time.
    for (int i = 0; i < 3; i++) {
      call(surge + 30 * ONE_MINUTE + i * 40_000L, "13912345678", 4_000, true);
    }
    drainUntil(surge + 40 * ONE_MINUTE);
    assertThat(alerts).isEmpty();
  }

  @Test
  void aFloodOfShortCallsFromSpoofedNumbersIsCaughtWithinMinutes() {
    run(BEGINNING, BEGINNING + SeasonalBaseline.DAY, 20, null);
    long start = BEGINNING + SeasonalBaseline.DAY;
    spoofedFlood(start, 20, 300);
    assertThat(alerts).isNotEmpty();
    Alert a = alerts.get(0);
    assertThat(a.alertname()).isEqualTo("TelephonyDos");
    assertThat(a.label(Labels.ATTACK_TYPE)).isEqualTo("tdos");
    assertThat(a.label(Labels.SOURCE)).isEqualTo("spoofed");
    assertThat(a.label(Labels.CHANNEL)).isEqualTo("voice");
    assertThat(a.startsAt()).isLessThan(start + 5 * ONE_MINUTE);
    Ev.assertContractShape(alerts);
  }

  @Test
  void aSpoofedFloodOfTwoCallsASecondOnTheFirstDayIsCaughtAgainstTheRecentMinutes() {
    // No time of week learned yet: under the floor of 200 a minute, this went unseen all day (an
    // outside sweep).
    long start = BEGINNING + 10 * SeasonalBaseline.HOUR;
    run(BEGINNING + 8 * SeasonalBaseline.HOUR, start, 40, null);
    assertThat(alerts).isEmpty();
    spoofedFlood(start, 40, 120);
    assertThat(alerts).isNotEmpty();
    Alert a = alerts.get(0);
    assertThat(a.label(Labels.SOURCE)).isEqualTo("spoofed");
    assertThat(a.startsAt()).isLessThan(start + 3 * ONE_MINUTE);
    assertThat(a.annotations().get("description")).contains("in the recent minutes");
  }

  @Test
  void aFirstDaysMarketSurgeWithTheUsualCallLengthsIsNoFlood() {
    long surge = BEGINNING + 10 * SeasonalBaseline.HOUR;
    run(BEGINNING + 8 * SeasonalBaseline.HOUR, surge, 40, null);
    run(surge, surge + 30 * ONE_MINUTE, 160, null); // four times the calls, the usual mix
    assertThat(alerts).isEmpty();
  }

  @Test
  void aFewNumbersRedialingIsCaughtAtTheWorstNumber() {
    run(BEGINNING, BEGINNING + 60 * ONE_MINUTE, 20, null);
    long start = BEGINNING + 60 * ONE_MINUTE;
    run(
        start,
        start + 10 * ONE_MINUTE,
        20,
        () -> {
          for (int i = 0; i < 9; i++) { // three numbers, each redialling every 20 s
            call(extraMinute + i * 6_000L, "1860000000" + i % 3, 1_500, true);
          }
        });
    assertThat(alerts).isNotEmpty();
    assertThat(alerts.get(0).label(Labels.SOURCE)).startsWith("1860000000");
    assertThat(alerts.get(0).annotations().get(DetectAlert.TOP_OFFENDERS)).contains("1860000000");
    assertThat(alerts.get(0).startsAt()).isLessThan(start + 5 * ONE_MINUTE);
  }

  /**
   * The source label stays the number the alert fired for (a stable fingerprint) while the summary
   * follows the worst number now: where they differ the summary says which is the alert's.
   */
  @Test
  void whenAnotherNumberBecomesTheWorstTheSummaryStillNamesTheAlertsSource() {
    run(BEGINNING, BEGINNING + 60 * ONE_MINUTE, 20, null);
    long start = BEGINNING + 60 * ONE_MINUTE;
    String first = "18600000001";
    String worse = "18600000002";
    run(
        start,
        start + 6 * ONE_MINUTE,
        20,
        () -> {
          for (int i = 0; i < 3; i++) {
            call(extraMinute + i * 20_000L, first, 1_500, true);
          }
        });
    run(
        start + 6 * ONE_MINUTE,
        start + 25 * ONE_MINUTE,
        20,
        () -> {
          for (int i = 0; i < 10; i++) {
            call(extraMinute + i * 6_000L, worse, 1_500, true);
          }
        });
    assertThat(alerts).isNotEmpty().allMatch(a -> first.equals(a.label(Labels.SOURCE)));
    assertThat(alerts)
        .filteredOn(a -> a.annotations().get(Labels.SUMMARY).contains("caller " + worse))
        .isNotEmpty()
        .allMatch(
            a -> a.annotations().get(Labels.SUMMARY).contains("this alert's source " + first));
    assertThat(alerts.get(0).annotations().get(Labels.SUMMARY))
        .isEqualTo("TDoS: caller " + first + " floods voice with short calls");
  }

  @Test
  void aFloodFromAFewRedialingNumbersIsOneAlertNamingThemNotASecondSpoofedOne() {
    run(BEGINNING, BEGINNING + SeasonalBaseline.DAY, 20, null);
    long start = BEGINNING + SeasonalBaseline.DAY;
    run(
        start,
        start + 10 * ONE_MINUTE,
        20,
        () -> {
          for (int i = 0; i < 300; i++) { // five numbers, 300 short calls a minute: a flood too
            call(extraMinute + i * 200L, "1590000000" + i % 5, 2_000, true);
          }
        });
    assertThat(alerts).isNotEmpty();
    assertThat(alerts)
        .extracting(a -> a.label(Labels.SOURCE))
        .allSatisfy(source -> assertThat(source).startsWith("1590000000"));
  }

  /**
   * CONTRACT §1: the same calls out of order by up to 25 s raise the same alerts. Judged as soon as
   * a later minute's event came, the flood's first minute lost its late calls to the next one and
   * the alert started a minute later; and a short call whose hangup came before its arrival was not
   * counted as short at all.
   */
  @Test
  void theSameCallsOutOfOrderByUpTo25SecondsRaiseTheSameAlerts() {
    long start = BEGINNING + SeasonalBaseline.DAY;
    for (long m = BEGINNING; m < start + 30 * ONE_MINUTE; m += ONE_MINUTE) {
      normalMinute(m, 20);
      if (m >= start && m < start + 10 * ONE_MINUTE) {
        for (int i = 0; i < 300; i++) {
          call(m + i * 200L, "1" + (long) (random.nextDouble() * 1e10), 2_000, true);
        }
      }
    }
    List<CallEvent> inOrder = new ArrayList<>();
    while (!pending.isEmpty()) {
      inOrder.add(pending.poll());
    }
    Detector<CallEvent, TdosState> tdos =
        Detectors.tdos(DetectorSettings.defaults(), ZoneOffset.ofHours(8));

    List<Alert> ordered = TimedDriver.run(tdos, inOrder);
    List<Alert> shuffled = TimedDriver.run(tdos, TimedDriver.shuffled(inOrder, 25_000, 5));

    assertThat(ordered)
        .isNotEmpty()
        .allMatch(a -> "spoofed".equals(a.label(Labels.SOURCE)))
        .anyMatch(a -> !a.isFiring());
    assertThat(ordered.get(0).startsAt()).isEqualTo(start + ONE_MINUTE - 1);
    assertThat(TimedDriver.identities(shuffled)).isEqualTo(TimedDriver.identities(ordered));
  }

  /** A hangup that comes before its call's arrival still makes a short call. */
  @Test
  void aHangupBeforeItsArrivalStillCountsAShortCall() {
    long start = BEGINNING + 60 * ONE_MINUTE;
    for (int i = 0; i < 10; i++) { // one number redialling every 30 s, its hangups overtaking
      long t = start + i * 30_000L;
      alerts.addAll(detector.onEvent(state, Ev.ivrExit(t + 1_500, "r" + i, IvrOutcome.HANGUP)));
      alerts.addAll(detector.onEvent(state, Ev.arrived(t, "r" + i, "18600000001")));
    }
    assertThat(alerts).isNotEmpty();
    assertThat(alerts.get(0).label(Labels.SOURCE)).isEqualTo("18600000001");
    assertThat(alerts.get(0).startsAt()).isEqualTo(start + 9 * 30_000L + 1_500);
  }
}
