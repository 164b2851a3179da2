package io.cscmon.core.kpi;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallOutcome;
import io.cscmon.core.event.CallPhase;
import io.cscmon.core.event.IvrOutcome;
import io.cscmon.core.testing.TestSeed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CallCountsBufferTest {

  @RegisterExtension static final TestSeed SEED = TestSeed.fromSystemProperty();

  private static final long TARGET_ANSWER_MS = 20_000;

  @Test
  void partialsOfTwoReadersAddUpToCountingEveryFactInOnePlace() {
    for (int caseNo = 0; caseNo < 20; caseNo++) {
      SplittableRandom random = SEED.random(caseNo);
      List<CallEvent> calls = randomCalls(random, 2_000);
      Map<String, String> expected = new TreeMap<>();
      Map<String, CallCounts> direct = new TreeMap<>();
      for (CallEvent call : calls) {
        long start = call.ts() - Math.floorMod(call.ts(), ONE_MINUTE);
        for (CallFact fact : CallFact.of(call)) {
          direct
              .computeIfAbsent(start + " " + fact.seriesKey(), k -> new CallCounts())
              .add(fact, TARGET_ANSWER_MS);
        }
      }
      direct.forEach((k, v) -> expected.put(k, fields(v)));

      CallCountsBuffer[] readers = {
        new CallCountsBuffer(ONE_MINUTE, TARGET_ANSWER_MS),
        new CallCountsBuffer(ONE_MINUTE, TARGET_ANSWER_MS)
      };
      Map<String, CallCounts> summed = new TreeMap<>();
      CallCountsBuffer.Partial sum =
          (center, dimension, scope, start, end, counts) -> {
            assertThat(end - start).isEqualTo(ONE_MINUTE);
            summed
                .computeIfAbsent(
                    start + " " + center + '|' + dimension + '|' + scope, k -> new CallCounts())
                .merge(counts);
          };
      for (CallEvent call : calls) {
        CallCountsBuffer reader = readers[random.nextInt(2)];
        reader.add(call);
        if (random.nextInt(50) == 0) {
          reader.drainAll(sum); // a checkpoint barrier: partials of open windows go early
        }
      }
      for (CallCountsBuffer reader : readers) {
        reader.drainClosed(Long.MAX_VALUE, sum);
        assertThat(reader.isEmpty()).isTrue();
      }
      Map<String, String> actual = new TreeMap<>();
      summed.forEach((k, v) -> actual.put(k, fields(v)));
      assertThat(actual).as("case %d", caseNo).isEqualTo(expected);
    }
  }

  @Test
  void aWatermarkHandsOverExactlyTheWindowsItCloses() {
    CallCountsBuffer buffer = new CallCountsBuffer(ONE_MINUTE, TARGET_ANSWER_MS);
    buffer.add(arrived(BEGINNING + 5_000)); // minute 0
    buffer.add(arrived(BEGINNING + ONE_MINUTE - 1)); // minute 0, its last millisecond
    buffer.add(arrived(BEGINNING + ONE_MINUTE)); // minute 1
    List<String> out = new ArrayList<>();
    CallCountsBuffer.Partial collect =
        (center, dimension, scope, start, end, counts) ->
            out.add((start - BEGINNING) / ONE_MINUTE + " " + dimension + " " + counts.arrived);

    buffer.drainClosed(BEGINNING + ONE_MINUTE - 2, collect);
    assertThat(out).as("the window's last millisecond may still come").isEmpty();

    buffer.drainClosed(BEGINNING + ONE_MINUTE - 1, collect);
    assertThat(out).containsExactly("0 center 2", "0 channel 2");

    out.clear();
    buffer.drainAll(collect);
    assertThat(out).containsExactly("1 center 1", "1 channel 1");
    assertThat(buffer.isEmpty()).isTrue();
  }

  @Test
  void refusesAnEmptyWindow() {
    assertThatThrownBy(() -> new CallCountsBuffer(0, TARGET_ANSWER_MS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window must be positive");
  }

  private static CallEvent arrived(long ts) {
    return new CallEvent(
        ts, "c1", "x", CallPhase.ARRIVED, "voice", null, null, null, null, null, null, null, null);
  }

  private static List<CallEvent> randomCalls(SplittableRandom random, int n) {
    String[] centers = {"c1", "c2"};
    String[] channels = {"voice", "chat", null};
    String[] topics = {"fx", "loan", null};
    String[] queues = {"retail", "vip", null};
    List<CallEvent> calls = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      CallPhase phase = CallPhase.values()[random.nextInt(CallPhase.values().length)];
      calls.add(
          new CallEvent(
              BEGINNING + random.nextLong(10 * ONE_MINUTE) - ONE_MINUTE,
              centers[random.nextInt(centers.length)],
              "call" + i,
              phase,
              channels[random.nextInt(channels.length)],
              null,
              topics[random.nextInt(topics.length)],
              IvrOutcome.values()[random.nextInt(IvrOutcome.values().length)],
              queues[random.nextInt(queues.length)],
              random.nextBoolean() ? (long) random.nextInt(60_000) : null,
              null,
              random.nextBoolean() ? (long) random.nextInt(600_000) : null,
              CallOutcome.values()[random.nextInt(CallOutcome.values().length)]));
    }
    return calls;
  }

  private static String fields(CallCounts c) {
    return List.of(
            c.arrived,
            c.selfServed,
            c.ivrHangups,
            c.toAgent,
            c.queued,
            c.answered,
            c.answeredWithinTarget,
            c.abandoned,
            c.waitMillisAnswered,
            c.ended,
            c.handleMillis,
            c.complaints,
            c.transfers)
        .toString();
  }
}
