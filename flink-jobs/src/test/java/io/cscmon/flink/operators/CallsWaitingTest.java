package io.cscmon.flink.operators;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallPhase;
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
}
