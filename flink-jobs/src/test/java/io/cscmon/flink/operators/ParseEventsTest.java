package io.cscmon.flink.operators;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.minutesLater;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.testing.EventLines;
import io.cscmon.flink.source.LineTimestamps;
import io.cscmon.flink.source.RawLine;
import java.time.Duration;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ParseEventsTest {

  @Test
  void splitsEventsByTypeAndDeadLettersBadLinesWithoutLosingTheGoodOnes() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawLine, CallEvent> harness = harness()) {
      stamped(harness, "f", 1, EventLines.answered(BEGINNING, "c1", "retail", 3_000));
      stamped(harness, "f", 2, "{not json");
      stamped(harness, "f", 3, EventLines.health(BEGINNING, "ivr", false));
      stamped(
          harness,
          "f",
          4,
          "{\"type\":\"call\",\"ts\":" + BEGINNING + ",\"call_id\":\"c\",\"phase\":\"dreaming\"}");
      stamped(harness, "f", 5, EventLines.abandoned(BEGINNING, "c2", "retail", 40_000));
      harness.endInput(); // a replay's first lines wait for the ones after them, or its end

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

  @Test
  void lateIsJudgedPerInputSoAnInputBehindAnotherLosesNothing() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawLine, CallEvent> harness = harness()) {
      // Partition 0 read ten minutes ahead of partition 1, as one reader of both may.
      for (int m = 0; m < 10; m++) {
        stamped(
            harness, "events/0", m, EventLines.answered(minutesLater(m + 10), "a" + m, "vip", 1));
      }
      for (int m = 0; m < 10; m++) {
        stamped(harness, "events/1", m, EventLines.answered(minutesLater(m), "b" + m, "vip", 1));
      }
      // Within partition 1, a call 40 s behind its own newest is late.
      stamped(
          harness, "events/1", 10, EventLines.answered(minutesLater(9) - 40_000, "x", "vip", 1));
      harness.endInput();

      assertThat(harness.extractOutputValues()).hasSize(20);
      assertThat(harness.getSideOutput(ParseEvents.DEAD_LETTERS))
          .singleElement()
          .satisfies(
              r -> {
                DeadLetter d = r.getValue();
                assertThat(d.origin() + ":" + d.line() + ":" + d.field() + ":" + d.reason())
                    .isEqualTo("events/1:10:ts:late");
                assertThat(d.text()).contains("\"x\"");
              });
    }
  }

  @Test
  void afterARestoreLateIsDecidedAsWithoutTheInterruption() throws Exception {
    OperatorSubtaskState snapshot;
    try (OneInputStreamOperatorTestHarness<RawLine, CallEvent> harness = harness()) {
      for (int m = 0; m < 5; m++) {
        stamped(harness, "f", m, EventLines.answered(minutesLater(m), "c" + m, "vip", 1));
      }
      harness.prepareSnapshotPreBarrier(1); // as Flink does: the first lines wait no longer
      snapshot = harness.snapshot(1, 1);
    }
    try (OneInputStreamOperatorTestHarness<RawLine, CallEvent> restored = unopened()) {
      restored.initializeState(snapshot);
      restored.open();
      stamped(restored, "f", 5, EventLines.answered(minutesLater(4) - 40_000, "late", "vip", 1));
      stamped(restored, "f", 6, EventLines.answered(minutesLater(4) - 20_000, "ok", "vip", 1));
      stamped(restored, "g", 1, EventLines.answered(minutesLater(0), "other", "vip", 1));
      restored.endInput();

      assertThat(restored.extractOutputValues())
          .extracting(CallEvent::callId)
          .containsExactly("ok", "other");
      assertThat(restored.getSideOutput(ParseEvents.DEAD_LETTERS))
          .extracting(r -> r.getValue().line() + ":" + r.getValue().reason())
          .containsExactly("5:late");
    }
  }

  private static final long ONE_DAY = 24 * 60 * 60_000L;

  @Test
  void oneLineFromAClockADayAheadIsRejectedAndTheValidLinesAfterItPass() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawLine, CallEvent> harness = harness()) {
      stamped(harness, "f", 1, EventLines.answered(minutesLater(0), "c1", "vip", 1));
      stamped(harness, "f", 2, EventLines.health(minutesLater(1) + ONE_DAY, "sms_gateway", true));
      for (int m = 1; m < 10; m++) {
        stamped(harness, "f", 2 + m, EventLines.answered(minutesLater(m), "c" + (m + 1), "vip", 1));
      }
      harness.endInput();

      assertThat(harness.extractOutputValues()).hasSize(10);
      assertOnlyTheHealthLineIsAhead(harness, 2, "jumps 1441 min ahead of f's newest event");
    }
  }

  /**
   * A replay's first line from a clock a day ahead: before, it became the input's newest event and
   * every line after it was late (all 147,874 lines of a simulated morning). Now the first lines
   * wait for the twenty that start the input, and that line is judged ahead of the earliest of
   * them.
   */
  @Test
  void aReplaysFirstLineFromAClockADayAheadIsRejectedAndTheLinesAfterItPass() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawLine, CallEvent> harness = harness()) {
      stamped(harness, "f", 1, EventLines.health(BEGINNING + ONE_DAY, "sms_gateway", true));
      for (int i = 0; i < 30; i++) {
        stamped(
            harness, "f", 2 + i, EventLines.answered(BEGINNING + i * 10_000L, "c" + i, "vip", 1));
      }

      assertThat(harness.extractOutputValues()).hasSize(30);
      assertOnlyTheHealthLineIsAhead(harness, 1, "ahead of f's earliest first line");
    }
  }

  /**
   * A stale line among a replay's first (a sender's clock six days behind) is late, as anywhere
   * else; the lines before it are not judged ahead of it.
   */
  @Test
  void aStaleLineAmongAReplaysFirstIsLateAndTheLinesBeforeItPass() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawLine, CallEvent> harness = harness()) {
      for (int i = 0; i < 30; i++) {
        String line =
            i == 5
                ? EventLines.answered(BEGINNING - 6 * ONE_DAY, "stale", "vip", 1)
                : EventLines.answered(BEGINNING + i * 10_000L, "c" + i, "vip", 1);
        stamped(harness, "f", 1 + i, line);
      }

      assertThat(harness.extractOutputValues()).hasSize(29);
      assertThat(harness.getSideOutput(ParseEvents.DEAD_LETTERS))
          .extracting(r -> r.getValue().line() + ":" + r.getValue().reason())
          .containsExactly("6:late");
    }
  }

  /**
   * Lines let through after others came go out with their own event time, not the time of the line
   * that let them through: the KPI windows and the per-minute operators go by it.
   */
  @Test
  void heldLinesGoOutWithTheirOwnTimes() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawLine, CallEvent> harness = harness()) {
      for (int i = 0; i < 25; i++) {
        stamped(harness, "f", 1 + i, EventLines.answered(minutesLater(i), "c" + i, "vip", 1));
      }

      assertThat(harness.getOutput())
          .extracting(r -> ((StreamRecord<?>) r).getTimestamp())
          .containsExactlyElementsOf(
              java.util.stream.IntStream.range(0, 25).mapToObj(i -> minutesLater(i)).toList());
    }
  }

  /** A live input is judged by the wall clock from its first line: nothing waits. */
  @Test
  void aLiveInputsFirstLinesPassAtOnce() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawLine, CallEvent> harness =
        new OneInputStreamOperatorTestHarness<>(
            new ParseEventsOperator(
                new ParseEvents(null, Duration.ofSeconds(30), Duration.ofSeconds(1), true)))) {
      harness.open();
      stamped(harness, "events/0", 1, EventLines.answered(BEGINNING, "c1", "vip", 1));

      assertThat(harness.extractOutputValues()).extracting(CallEvent::callId).containsExactly("c1");
    }
  }

  @Test
  void aFileResumingHoursLaterLosesNothing() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawLine, CallEvent> harness = harness()) {
      stamped(harness, "f", 1, EventLines.answered(minutesLater(0), "before", "vip", 1));
      int gap = 180;
      for (int i = 0; i < 30; i++) {
        stamped(harness, "f", 2 + i, EventLines.answered(minutesLater(gap + i), "a" + i, "vip", 1));
      }
      // 40 s behind the resumed time: late, as any line behind its input's event time.
      stamped(
          harness, "f", 40, EventLines.answered(minutesLater(gap + 29) - 40_000, "x", "vip", 1));

      assertThat(harness.extractOutputValues()).extracting(CallEvent::callId).hasSize(31);
      assertThat(harness.getSideOutput(ParseEvents.DEAD_LETTERS))
          .extracting(r -> r.getValue().line() + ":" + r.getValue().reason())
          .containsExactly("40:late");
    }
  }

  @Test
  void linesStillAheadWhenTheInputEndsAreRejectedNotDroppedUnseen() throws Exception {
    try (OneInputStreamOperatorTestHarness<RawLine, CallEvent> harness = harness()) {
      stamped(harness, "f", 1, EventLines.answered(minutesLater(0), "c1", "vip", 1));
      stamped(harness, "f", 2, EventLines.answered(minutesLater(60), "c2", "vip", 1));
      stamped(harness, "f", 3, EventLines.answered(minutesLater(61), "c3", "vip", 1));
      assertThat(harness.getSideOutput(ParseEvents.DEAD_LETTERS)).isNull();

      harness.endInput();

      assertThat(harness.extractOutputValues()).extracting(CallEvent::callId).containsExactly("c1");
      assertThat(harness.getSideOutput(ParseEvents.DEAD_LETTERS))
          .extracting(r -> r.getValue().line() + ":" + r.getValue().reason())
          .containsExactly("2:ahead", "3:ahead");
    }
  }

  /** The health line (the wrong clock) is the one dead letter, rejected as ahead. */
  private static void assertOnlyTheHealthLineIsAhead(
      OneInputStreamOperatorTestHarness<RawLine, CallEvent> harness, long line, String message) {
    assertThat(harness.getSideOutput(ParseEvents.HEALTH)).isNull();
    assertThat(harness.getSideOutput(ParseEvents.DEAD_LETTERS))
        .singleElement()
        .satisfies(
            r -> {
              DeadLetter d = r.getValue();
              assertThat(d.line() + ":" + d.field() + ":" + d.reason())
                  .isEqualTo(line + ":ts:ahead");
              assertThat(d.message()).contains(message);
            });
  }

  private static OneInputStreamOperatorTestHarness<RawLine, CallEvent> harness() throws Exception {
    OneInputStreamOperatorTestHarness<RawLine, CallEvent> harness = unopened();
    harness.open();
    return harness;
  }

  private static OneInputStreamOperatorTestHarness<RawLine, CallEvent> unopened() throws Exception {
    return new OneInputStreamOperatorTestHarness<>(new ParseEventsOperator(new ParseEvents(null)));
  }

  /** A line with the timestamp the source stamps on it ({@link LineTimestamps}). */
  private static void stamped(
      OneInputStreamOperatorTestHarness<RawLine, CallEvent> harness,
      String origin,
      long line,
      String text)
      throws Exception {
    RawLine raw = RawLine.uncounted(origin, line, text);
    harness.processElement(raw, new LineTimestamps().extractTimestamp(raw, 0));
  }
}
