package io.cscmon.flink.operators;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.testing.EventLines;
import io.cscmon.flink.source.RawLine;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ParseEventsTest {

  @Test
  void splitsEventsByTypeAndDeadLettersBadLinesWithoutLosingTheGoodOnes() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawLine, CallEvent> harness =
        ProcessFunctionTestHarnesses.forProcessFunction(new ParseEvents(null))) {
      harness.processElement(
          RawLine.uncounted("f", 1, EventLines.answered(BEGINNING, "c1", "retail", 3_000)), 0);
      harness.processElement(RawLine.uncounted("f", 2, "{not json"), 0);
      harness.processElement(
          RawLine.uncounted("f", 3, EventLines.health(BEGINNING, "ivr", false)), 0);
      harness.processElement(
          RawLine.uncounted(
              "f",
              4,
              "{\"type\":\"call\",\"ts\":"
                  + BEGINNING
                  + ",\"call_id\":\"c\",\"phase\":\"dreaming\"}"),
          0);
      harness.processElement(
          RawLine.uncounted("f", 5, EventLines.abandoned(BEGINNING, "c2", "retail", 40_000)), 0);

      assertThat(harness.extractOutputValues())
          .extracting(CallEvent::callId)
          .containsExactly("c1", "c2");
      assertThat(harness.getSideOutput(ParseEvents.HEALTH)).hasSize(1);
      assertThat(harness.getSideOutput(ParseEvents.DEAD_LETTERS))
          .extracting(
              r -> r.getValue().line() + ":" + r.getValue().field() + ":" + r.getValue().reason())
          .containsExactly("2:$:invalid_json", "4:phase:unknown_value");
    }
  }
}
