package io.cscmon.flink.operators;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.detect.ComponentHealthDetector;
import io.cscmon.core.detect.Detectors;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.rule.DetectorSettings;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The component-health detector in its Flink operator: outage levels in event time, the timers and
 * state left after recovery, and the live processing-time fallback for a feed that falls silent.
 */
class ComponentHealthOperatorTest {

  /** The watermark's lag in the job: 30 s tolerance and a 1 s step. */
  private static final Duration GRACE = Duration.ofSeconds(31);

  /** Three missed intervals and half of one more, the heartbeat deadline after the last sample. */
  private static final long MISSED = 3 * Health.INTERVAL + Health.INTERVAL / 2;

  private KeyedOneInputStreamOperatorTestHarness<String, HealthEvent, AlertRecord> harness;

  private static KeyedOneInputStreamOperatorTestHarness<String, HealthEvent, AlertRecord> harness(
      Duration fallback) throws Exception {
    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new DetectorFunction<>(
                    Detectors.componentHealth(
                        DetectorSettings.defaults(), Detectors.defaultComponentMap()),
                    AlertTime.DEFAULT_ZONE,
                    fallback)),
            new Keys.Component(),
            Types.STRING);
    return h;
  }

  @AfterEach
  void tearDown() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  /** The one instance's sample at {@code ts}, then the watermark 31 s behind, as in the job. */
  private void samples(long ts, boolean up) throws Exception {
    harness.processElement(Health.sample(ts, "core_banking", "a", up), ts);
    harness.processWatermark(ts - GRACE.toMillis());
  }

  private List<Alert> alerts() {
    return harness.extractOutputValues().stream().map(AlertRecord::alert).toList();
  }

  private int keyedStateEntries() {
    return KeyedStateEntries.of(harness.getOperator());
  }

  /**
   * Samples every 10 s of one instance plus another component's, in the order given, each with the
   * watermark 31 s behind the newest event time so far, as the job's source emits it.
   */
  private void arrive(List<Long> times) throws Exception {
    long newest = Long.MIN_VALUE;
    for (long ts : times) {
      harness.processElement(Health.sample(ts, "core_banking", "a", true), ts);
      newest = Math.max(newest, ts);
      harness.processWatermark(newest - GRACE.toMillis());
    }
  }

  @Test
  void samplesOvertakenWithinThe30SecondsTheContractAllowsAreNoOutage() throws Exception {
    harness = harness(null);
    harness.open();
    List<Long> times = new java.util.ArrayList<>();
    for (long t = BEGINNING; t <= BEGINNING + 60_000; t += Health.INTERVAL) {
      times.add(t);
    }
    // The samples at +10 s and +20 s come after the one at +30 s (each less than 30 s late), and
    // +50 s after +70 s: the newer sample is past the older one's heartbeat deadline on arrival.
    List<Long> order = new java.util.ArrayList<>(List.of(times.get(0), times.get(3)));
    order.addAll(List.of(times.get(1), times.get(2), times.get(4), times.get(6), times.get(5)));
    for (long t = BEGINNING + 70_000; t < BEGINNING + 5 * ONE_MINUTE; t += Health.INTERVAL) {
      order.add(t);
    }
    arrive(order);

    assertThat(alerts()).isEmpty();
  }

  @Test
  void aSilenceBeyondThreeIntervalsIsAnOutageEvenWhenTheNextSampleComesBeforeTheWatermark()
      throws Exception {
    harness = harness(null);
    harness.open();
    // 40 s without a sample (three intervals and a half is 35 s): the sample that ends it
    // arrives before the watermark reaches the deadline, and the outage is still seen.
    // It resolves once the component has stayed up for the clear hold (3 min).
    List<Long> times = new java.util.ArrayList<>(List.of(BEGINNING));
    for (long t = BEGINNING + 40_000; t <= BEGINNING + 4 * ONE_MINUTE; t += Health.INTERVAL) {
      times.add(t);
    }
    arrive(times);
    harness.processWatermark(BEGINNING + 4 * ONE_MINUTE);

    assertThat(alerts())
        .extracting(a -> a.status().name() + " " + a.alertname())
        .containsExactly("FIRING ComponentOutage", "RESOLVED ComponentOutage");
    assertThat(alerts().get(0).startsAt()).isEqualTo(BEGINNING + 10_000);
    assertThat(alerts().get(1).endsAt()).isEqualTo(BEGINNING + 40_000);
  }

  @Test
  void aProbeALittleLateAfterTwoLostSamplesIsNoOutage() throws Exception {
    harness = harness(null);
    harness.open();
    // A collector restart: +10 s and +20 s lost, +30 s comes 400 ms late.
    List<Long> times = new java.util.ArrayList<>(List.of(BEGINNING, BEGINNING + 30_400));
    for (long t = BEGINNING + 40_000; t <= BEGINNING + 2 * ONE_MINUTE; t += Health.INTERVAL) {
      times.add(t);
    }
    arrive(times);
    harness.processWatermark(BEGINNING + 2 * ONE_MINUTE);

    assertThat(alerts()).isEmpty();
  }

  @Test
  void aFortyMinuteOutageReachesLevelThreeAndRecoveryLeavesOnlyTheHeartbeatTimer()
      throws Exception {
    harness = harness(null);
    harness.open();
    long t = BEGINNING;
    for (; t < BEGINNING + 2 * ONE_MINUTE; t += Health.INTERVAL) {
      samples(t, true);
    }
    long down = t;
    for (; t < down + 40 * ONE_MINUTE; t += Health.INTERVAL) {
      samples(t, false);
    }
    // Up again for longer than the clear hold (3 min) and the watermark's lag behind it.
    for (long end = t + 4 * ONE_MINUTE; t < end; t += Health.INTERVAL) {
      samples(t, true);
    }

    List<Alert> alerts = alerts();
    assertThat(alerts).allMatch(a -> a.alertname().equals(ComponentHealthDetector.OUTAGE_ALERT));
    assertThat(alerts)
        .extracting(a -> a.label(Labels.EMERGENCY_LEVEL))
        .as("critical at once, IV at 5 min, III at 30 min; resolved at the level it reached")
        .containsExactly("none", "IV", "III", "III");
    assertThat(alerts.get(0).startsAt()).isEqualTo(down);
    assertThat(alerts.get(1).startsAt()).as("the same alert, escalated").isEqualTo(down);
    Alert resolved = alerts.get(3);
    assertThat(resolved.isFiring()).isFalse();
    assertThat(resolved.endsAt()).isEqualTo(down + 40 * ONE_MINUTE);
    assertThat(resolved.annotations()).containsEntry("duration", "40 min");

    // Recovered: no escalation timer, only the next heartbeat deadline; the key's state says up.
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    assertThat(harness.numProcessingTimeTimers()).isZero();
    assertThat(keyedStateEntries()).as("detector state and its timer's time").isEqualTo(2);
  }

  @Test
  void liveAHealthFeedThatFallsSilentStillRaisesTheHeartbeatLoss() throws Exception {
    harness = harness(GRACE);
    harness.open();
    long wall = 1_000_000;
    long t = BEGINNING;
    for (; t <= BEGINNING + ONE_MINUTE; t += Health.INTERVAL, wall += Health.INTERVAL) {
      harness.setProcessingTime(wall);
      samples(t, true);
    }
    long lastSample = t - Health.INTERVAL;
    long lastWall = wall - Health.INTERVAL;
    // The feed stops: no samples, no watermarks. Three missed intervals plus the watermark's lag.
    long due = lastWall + MISSED + GRACE.toMillis();
    harness.setProcessingTime(due - 1);
    assertThat(alerts()).isEmpty();
    harness.setProcessingTime(due);

    assertThat(alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.alertname()).isEqualTo(ComponentHealthDetector.OUTAGE_ALERT);
              assertThat(a.isFiring()).isTrue();
              assertThat(a.startsAt()).isEqualTo(lastSample + Health.INTERVAL);
            });
    // The escalation to IV at 5 min still comes from the wall clock while the feed is silent.
    harness.setProcessingTime(due + 5 * ONE_MINUTE);
    assertThat(alerts()).extracting(a -> a.label(Labels.EMERGENCY_LEVEL)).contains("IV");
  }

  @Test
  void replayWaitsForTheWatermarkHoweverLongTheWallClockRuns() throws Exception {
    harness = harness(null);
    harness.open();
    long t = BEGINNING;
    for (; t <= BEGINNING + ONE_MINUTE; t += Health.INTERVAL) {
      samples(t, true);
    }
    harness.setProcessingTime(Long.MAX_VALUE / 2);
    assertThat(alerts()).isEmpty();
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  @Test
  void aRestartCountsSilenceFromItsOwnStartNotFromBeforeTheDowntime() throws Exception {
    harness = harness(GRACE);
    harness.open();
    harness.setProcessingTime(1_000_000);
    samples(BEGINNING, true);
    OperatorSubtaskState snapshot = harness.snapshot(1, 1_000_000);
    harness.close();

    // Back an hour later: the restored twin timer is long overdue, but the silence is new.
    long restart = 1_000_000 + 60 * ONE_MINUTE;
    harness = harness(GRACE);
    harness.setProcessingTime(restart);
    harness.initializeState(snapshot);
    harness.open();
    harness.setProcessingTime(restart + 1);
    assertThat(alerts()).isEmpty();
    harness.setProcessingTime(restart + MISSED + GRACE.toMillis() + 1);
    assertThat(alerts()).singleElement().matches(Alert::isFiring);
  }

  @Test
  void anOutageThatEndsLeavesNoFallbackTimerBehind() throws Exception {
    harness = harness(GRACE);
    harness.open();
    long wall = 1_000_000;
    long t = BEGINNING;
    // Down for two samples; up again long enough for the lateness to pass the clear hold (3 min)
    // after the first up one.
    for (int i = 0; i < 28; i++, t += Health.INTERVAL, wall += Health.INTERVAL) {
      harness.setProcessingTime(wall);
      samples(t, i < 2 || i >= 4);
    }
    assertThat(alerts()).extracting(Alert::isFiring).containsExactly(true, false);
    // One heartbeat deadline, in event time and as its wall-clock twin; nothing else.
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
  }
}
