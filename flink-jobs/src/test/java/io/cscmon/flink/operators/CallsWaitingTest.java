package io.cscmon.flink.operators;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallPhase;
import io.cscmon.core.kpi.CallsWaitingNow;
import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.kpi.QueueWaits;
import io.cscmon.core.testing.TestCalls;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class CallsWaitingTest {

  private static CallEvent call(long secondsLater, String id, CallPhase phase, String queue) {
    return TestCalls.inQueue(secondsLater, id, phase, queue, null);
  }

  private static Map<String, Double> at(List<KpiSample> samples, long end) {
    return samples.stream()
        .filter(s -> s.windowEnd() == end)
        .collect(Collectors.toMap(s -> s.kpi() + "|" + s.scope(), KpiSample::value));
  }

  @Test
  void reportsEachMinuteFromOutOfOrderEventsAndForgetsCallsThatLeft() throws Exception {
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new CallsWaiting()), new Keys.CallCenter(), Types.STRING)) {
      harness.open();
      // Out of order: c1's answer (50 s) comes before its queueing (0 s); c3 queues at 40 s.
      for (CallEvent e :
          List.of(
              call(10, "c2", CallPhase.QUEUED, "retail"),
              call(50, "c1", CallPhase.ANSWERED, "retail"),
              call(20, "v1", CallPhase.QUEUED, "vip"),
              call(0, "c1", CallPhase.QUEUED, "retail"),
              call(40, "c3", CallPhase.QUEUED, "retail"),
              call(70, "c3", CallPhase.ABANDONED, "retail"), // ahead of the watermark
              call(5, "x", CallPhase.ARRIVED, null))) {
        harness.processElement(e, e.ts());
      }
      long first = BEGINNING + ONE_MINUTE;
      harness.processWatermark(first);
      // At 60 s: retail c2 (50 s) and c3 (20 s); vip v1 (40 s); the center 3, longest 50 s.
      assertThat(at(harness.extractOutputValues(), first))
          .containsEntry(QueueWaits.CALLS_WAITING + "|retail", 2.0)
          .containsEntry(QueueWaits.LONGEST_WAIT + "|retail", 50.0)
          .containsEntry(QueueWaits.CALLS_WAITING + "|vip", 1.0)
          .containsEntry(QueueWaits.LONGEST_WAIT + "|vip", 40.0)
          .containsEntry(QueueWaits.CALLS_WAITING + "|all", 3.0)
          .containsEntry(QueueWaits.LONGEST_WAIT + "|all", 50.0);

      // A departure before the last report that only arrives now (late for the 60 s snapshot,
      // within the watermark's tolerance): it counts from the next snapshot on.
      harness.processElement(call(30, "v1", CallPhase.ANSWERED, "vip"), BEGINNING + 30_000);
      long second = first + ONE_MINUTE;
      harness.processWatermark(second);
      // At 120 s: only c2 waits (110 s); vip reads 0.
      assertThat(at(harness.extractOutputValues(), second))
          .containsEntry(QueueWaits.CALLS_WAITING + "|retail", 1.0)
          .containsEntry(QueueWaits.LONGEST_WAIT + "|retail", 110.0)
          .containsEntry(QueueWaits.CALLS_WAITING + "|vip", 0.0)
          .containsEntry(QueueWaits.LONGEST_WAIT + "|vip", 0.0)
          .containsEntry(QueueWaits.CALLS_WAITING + "|all", 1.0);

      // c2 is answered: one report of zeros, then no timer and only the queue names in state.
      harness.processElement(call(130, "c2", CallPhase.ANSWERED, "retail"), BEGINNING + 130_000);
      long third = second + ONE_MINUTE;
      harness.processWatermark(third);
      assertThat(at(harness.extractOutputValues(), third))
          .containsEntry(QueueWaits.CALLS_WAITING + "|retail", 0.0)
          .containsEntry(QueueWaits.CALLS_WAITING + "|all", 0.0);
      assertThat(harness.numEventTimeTimers()).isZero();
      harness.processWatermark(third + 5 * ONE_MINUTE);
      assertThat(harness.extractOutputValues().stream().filter(s -> s.windowEnd() > third))
          .isEmpty();
    }
  }

  private static List<String> readings(List<KpiSample> samples) {
    return samples.stream()
        .filter(s -> s.kpi().equals(CallsWaitingNow.CALLS_WAITING_NOW))
        .map(s -> (s.windowEnd() - BEGINNING) / 1000 + "s " + s.scope() + "=" + (long) s.value())
        .toList();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, CallEvent, KpiSample> instant()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new CallsWaiting(true)), new Keys.CallCenter(), Types.STRING);
  }

  @Test
  void instantReadingsComeOnEachChangeInArrivalOrderAtTimesThatNeverGoBack() throws Exception {
    try (var harness = instant()) {
      harness.open();
      for (CallEvent e :
          List.of(
              call(10, "c1", CallPhase.QUEUED, "retail"),
              call(12, "c2", CallPhase.QUEUED, "retail"),
              call(12, "c2", CallPhase.QUEUED, "retail"), // a duplicate changes nothing
              call(50, "c3", CallPhase.ANSWERED, "retail"), // before its queued line
              call(20, "c3", CallPhase.QUEUED, "retail"), // so c3 never waits now
              call(15, "v1", CallPhase.QUEUED, "vip"), // older than what came: read at 50 s
              call(55, "c1", CallPhase.ANSWERED, "retail"))) {
        harness.processElement(e, e.ts());
      }
      assertThat(readings(harness.extractOutputValues()))
          .containsExactly(
              "10s retail=1",
              "10s all=1",
              "12s retail=2",
              "12s all=2",
              "50s vip=1",
              "50s all=3",
              "55s retail=1",
              "55s all=2");
      assertThat(harness.getOutput()).isNotEmpty(); // no watermark needed for any of them
    }
  }

  @Test
  void eachMinuteEndKeepsEveryCountAliveUntilTheQueuesEmptyAndLeavesNoTimer() throws Exception {
    try (var harness = instant()) {
      harness.open();
      harness.processElement(call(10, "c1", CallPhase.QUEUED, "retail"), BEGINNING + 10_000);
      harness.processWatermark(BEGINNING + ONE_MINUTE);
      assertThat(readings(harness.extractOutputValues()))
          .containsExactly("10s retail=1", "10s all=1", "60s retail=1", "60s all=1");
      harness.processElement(call(70, "c1", CallPhase.ABANDONED, "retail"), BEGINNING + 70_000);
      harness.processWatermark(BEGINNING + 2 * ONE_MINUTE);
      harness.processWatermark(BEGINNING + 9 * ONE_MINUTE);
      assertThat(readings(harness.extractOutputValues()))
          .endsWith("70s retail=0", "70s all=0", "120s retail=0", "120s all=0");
      assertThat(harness.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void aCallWhoseDepartureWasLostStopsCountingWhenItIsForgotten() throws Exception {
    try (var harness = instant()) {
      harness.open();
      harness.processElement(call(0, "c1", CallPhase.QUEUED, "retail"), BEGINNING);
      harness.processElement(call(5, "c2", CallPhase.QUEUED, "retail"), BEGINNING + 5_000);
      long forgotten = BEGINNING + CallsWaiting.MAX_WAIT_MS + 2 * ONE_MINUTE;
      harness.processElement(
          call((forgotten - BEGINNING) / 1000 - 10, "c2", CallPhase.ANSWERED, "retail"),
          forgotten - 10_000);
      harness.processWatermark(forgotten);
      List<String> read = readings(harness.extractOutputValues());
      // c2's answer leaves c1, whose departure never comes; four hours on it is forgotten.
      assertThat(read).contains((forgotten - 10_000 - BEGINNING) / 1000 + "s all=1");
      assertThat(read.get(read.size() - 1)).endsWith(" all=0");
      assertThat(harness.numEventTimeTimers()).isZero();
    }
  }

  @Test
  void countsRestoredFromASnapshotWithoutThemAreRecountedFromTheCalls() throws Exception {
    org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
    try (var before =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new CallsWaiting(false)),
            new Keys.CallCenter(),
            Types.STRING)) {
      before.open();
      before.processElement(call(10, "c1", CallPhase.QUEUED, "retail"), BEGINNING + 10_000);
      before.processElement(call(12, "c2", CallPhase.QUEUED, "retail"), BEGINNING + 12_000);
      assertThat(readings(before.extractOutputValues())).isEmpty();
      snapshot = before.snapshot(1, BEGINNING + 13_000);
    }
    try (var after = instant()) {
      after.initializeState(snapshot);
      after.open();
      after.processElement(call(20, "c3", CallPhase.QUEUED, "retail"), BEGINNING + 20_000);
      assertThat(readings(after.extractOutputValues()))
          .containsExactly("20s retail=3", "20s all=3");
    }
  }
}
