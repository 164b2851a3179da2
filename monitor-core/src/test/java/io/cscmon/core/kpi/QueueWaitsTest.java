package io.cscmon.core.kpi;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallPhase;
import io.cscmon.core.testing.TestCalls;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QueueWaitsTest {

  private static CallEvent call(long secondsLater, String id, CallPhase phase, String queue) {
    return TestCalls.inQueue(secondsLater, id, phase, queue, phase == CallPhase.QUEUED ? null : 0L);
  }

  /**
   * Retail: c1 queued at 0 s, answered at 50 s; c2 queued at 10 s, still waiting; c3 queued at 40
   * s, abandoned at 70 s; c4 queued at 55 s, waiting. Vip: v1 queued at 20 s, answered at 61 s. At
   * 60 s: retail waits c2 (50 s), c3 (20 s), c4 (5 s) → 3 calls, longest 50 s; vip waits v1 (40 s);
   * the center 4 calls, longest 50 s.
   */
  private static List<CallEvent> events() {
    return List.of(
        call(0, "c1", CallPhase.QUEUED, "retail"),
        call(10, "c2", CallPhase.QUEUED, "retail"),
        call(20, "v1", CallPhase.QUEUED, "vip"),
        call(40, "c3", CallPhase.QUEUED, "retail"),
        call(50, "c1", CallPhase.ANSWERED, "retail"),
        call(55, "c4", CallPhase.QUEUED, "retail"),
        call(61, "v1", CallPhase.ANSWERED, "vip"),
        call(70, "c3", CallPhase.ABANDONED, "retail"));
  }

  private static QueueWaits snapshot(List<CallEvent> events, long at) {
    Map<String, WaitingCall> calls = new LinkedHashMap<>();
    for (CallEvent e : events) {
      calls.computeIfAbsent(e.callId(), k -> new WaitingCall()).apply(e);
    }
    QueueWaits waits = new QueueWaits(at, List.of());
    calls.values().forEach(waits::add);
    return waits;
  }

  @Test
  void countsTheCallsWaitingAndTheLongestWaitAtTheInstant() {
    QueueWaits at60 = snapshot(events(), BEGINNING + 60 * ONE_SECOND);
    assertThat(at60.waiting("retail")).isEqualTo(3);
    assertThat(at60.longestWaitSeconds("retail")).isEqualTo(50.0);
    assertThat(at60.waiting("vip")).isEqualTo(1);
    assertThat(at60.longestWaitSeconds("vip")).isEqualTo(40.0);
    assertThat(at60.totalWaiting()).isEqualTo(4);
    assertThat(at60.centerLongestWaitSeconds()).isEqualTo(50.0);

    // At 120 s: c2 (110 s) and c4 (65 s) still wait; vip is empty and reads 0.
    QueueWaits at120 = snapshot(events(), BEGINNING + 120 * ONE_SECOND);
    assertThat(at120.waiting("retail")).isEqualTo(2);
    assertThat(at120.longestWaitSeconds("retail")).isEqualTo(110.0);
    assertThat(at120.waiting("vip")).isZero();
    assertThat(at120.longestWaitSeconds("vip")).isZero();
  }

  @Test
  void anyArrivalOrderOfTheEventsGivesTheSameSnapshot() {
    Random random = new Random(11);
    for (int round = 0; round < 50; round++) {
      List<CallEvent> shuffled = new ArrayList<>(events());
      Collections.shuffle(shuffled, random);
      QueueWaits at60 = snapshot(shuffled, BEGINNING + 60 * ONE_SECOND);
      assertThat(at60.waiting("retail")).as("order %s", shuffled).isEqualTo(3);
      assertThat(at60.longestWaitSeconds("retail")).isEqualTo(50.0);
      assertThat(at60.waiting("vip")).isEqualTo(1);
    }
  }

  @Test
  void aCallQueuedAgainAfterATransferWaitsAgainFromItsNewQueueing() {
    List<CallEvent> events =
        List.of(
            call(0, "c1", CallPhase.QUEUED, "retail"),
            call(10, "c1", CallPhase.ANSWERED, "retail"),
            call(100, "c1", CallPhase.QUEUED, "vip"));
    QueueWaits at120 = snapshot(events, BEGINNING + 120 * ONE_SECOND);
    assertThat(at120.waiting("retail")).isZero();
    assertThat(at120.waiting("vip")).isEqualTo(1);
    assertThat(at120.longestWaitSeconds("vip")).isEqualTo(20.0);
  }

  @Test
  void samplesReportKnownQueuesAndTheCenter() {
    WaitingCall c = new WaitingCall();
    c.apply(call(0, "c1", CallPhase.QUEUED, "retail"));
    QueueWaits waits = new QueueWaits(BEGINNING + 30 * ONE_SECOND, List.of("vip"));
    waits.add(c);
    List<KpiSample> samples = waits.samples("sh");
    assertThat(samples)
        .contains(
            new KpiSample(
                QueueWaits.CALLS_WAITING,
                "sh",
                "queue",
                "retail",
                BEGINNING - 30 * ONE_SECOND,
                BEGINNING + 30 * ONE_SECOND,
                1,
                1),
            new KpiSample(
                QueueWaits.LONGEST_WAIT,
                "sh",
                "queue",
                "vip",
                BEGINNING - 30 * ONE_SECOND,
                BEGINNING + 30 * ONE_SECOND,
                0,
                0),
            new KpiSample(
                QueueWaits.LONGEST_WAIT,
                "sh",
                CallFact.CENTER,
                CallFact.ALL,
                BEGINNING - 30 * ONE_SECOND,
                BEGINNING + 30 * ONE_SECOND,
                30,
                1));
  }

  @Test
  void aCallWhoseDepartureWasLostIsForgottenAfterTheLimit() {
    WaitingCall c = new WaitingCall();
    c.apply(call(0, "c1", CallPhase.QUEUED, "retail"));
    assertThat(c.finishedAt(BEGINNING + 3_600_000L, 4 * 3_600_000L)).isFalse();
    assertThat(c.finishedAt(BEGINNING + 5 * 3_600_000L, 4 * 3_600_000L)).isTrue();
  }
}
