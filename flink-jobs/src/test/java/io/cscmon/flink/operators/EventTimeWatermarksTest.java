package io.cscmon.flink.operators;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static io.cscmon.core.testing.TestTimes.ONE_SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.parse.EventClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class EventTimeWatermarksTest {

  private static final Duration TOLERANCE = Duration.ofSeconds(30);
  private static final Duration STEP = Duration.ofSeconds(1);
  private static final long A_DAY = 24 * 60 * ONE_MINUTE;

  private final Emitted emitted = new Emitted();

  @Test
  void behindTheWallClockOnEventEmitsOncePerMinuteOfEventTimeAndThePeriodicEmitCatchesUp() {
    farFromTheWallClockOnEventEmitsOncePerMinute(BEGINNING + A_DAY);
  }

  @Test
  void farAheadOfTheWallClockAsASimulationIsTheSame() {
    farFromTheWallClockOnEventEmitsOncePerMinute(BEGINNING - A_DAY);
  }

  private void farFromTheWallClockOnEventEmitsOncePerMinute(long wallClock) {
    EventTimeWatermarks<String> generator =
        new EventTimeWatermarks<>(TOLERANCE, STEP, () -> wallClock);
    EventClock clock = new EventClock(TOLERANCE, STEP);
    for (long ts = BEGINNING; ts < BEGINNING + 10 * ONE_MINUTE; ts += 250) {
      clock.advance(ts);
      generator.onEvent("line", ts, emitted);
    }
    long first = BEGINNING - 30 * ONE_SECOND - 1;
    assertThat(emitted.marks).as("ten minutes: the first and one a minute").hasSize(10);
    for (int i = 0; i < emitted.marks.size(); i++) {
      assertThat(emitted.marks.get(i)).isEqualTo(first + i * ONE_MINUTE);
    }
    assertThat(emitted.last()).isLessThan(clock.watermark());

    generator.onPeriodicEmit(emitted);
    assertThat(emitted.last()).as("up to the clock").isEqualTo(clock.watermark());
    generator.onPeriodicEmit(emitted);
    assertThat(emitted.marks).as("not twice").hasSize(11);
  }

  @Test
  void nearTheWallClockOnEventEmitsAtEveryStepOfTheClock() {
    EventTimeWatermarks<String> generator =
        new EventTimeWatermarks<>(TOLERANCE, STEP, () -> BEGINNING + 10 * ONE_SECOND);
    EventClock clock = new EventClock(TOLERANCE, STEP);
    List<Long> steps = new ArrayList<>();
    for (long ts = BEGINNING; ts < BEGINNING + 2 * ONE_MINUTE; ts += 250) {
      if (clock.advance(ts)) {
        steps.add(clock.watermark());
      }
      generator.onEvent("line", ts, emitted);
    }
    assertThat(steps).hasSize(120);
    assertThat(emitted.marks).as("live: as soon as the clock moves").isEqualTo(steps);
  }

  @Test
  void neverPassesTheClockThatDecidesLatenessHoweverTheEventsAndPeriodicCallsInterleave() {
    Random random = new Random(11);
    for (long wallClock : new long[] {BEGINNING, BEGINNING + A_DAY, BEGINNING - A_DAY}) {
      EventTimeWatermarks<String> generator =
          new EventTimeWatermarks<>(TOLERANCE, STEP, () -> wallClock);
      EventClock clock = new EventClock(TOLERANCE, STEP);
      Emitted out = new Emitted();
      long newest = BEGINNING;
      for (int i = 0; i < 20_000; i++) {
        newest += random.nextInt(400);
        long ts = newest - random.nextInt(40_000); // some lines out of order, some late
        clock.advance(ts);
        generator.onEvent("line", ts, out);
        if (random.nextInt(500) == 0) {
          generator.onPeriodicEmit(out);
        }
        if (!out.marks.isEmpty()) {
          assertThat(out.last()).isLessThanOrEqualTo(clock.watermark());
        }
      }
      assertThat(out.marks).as("moves forward only").isSorted().doesNotHaveDuplicates();
      generator.onPeriodicEmit(out);
      assertThat(out.last()).isEqualTo(clock.watermark());
    }
  }

  @Test
  void nothingBeforeTheFirstEvent() {
    EventTimeWatermarks.<String>live(TOLERANCE, STEP).onPeriodicEmit(emitted);
    assertThat(emitted.marks).isEmpty();
  }

  @Test
  void aReplayTakesMinuteStepsFromItsDataAloneWhateverTheWallClockSays() {
    EventTimeWatermarks<String> generator = EventTimeWatermarks.replay(TOLERANCE, STEP);
    long now = System.currentTimeMillis();
    for (long ts = now - 5 * ONE_MINUTE; ts < now + 5 * ONE_MINUTE; ts += 250) {
      generator.onEvent("line", ts, emitted);
      generator.onPeriodicEmit(emitted);
    }
    assertThat(emitted.marks).as("ten minutes around now: one a minute, none periodic").hasSize(10);
    for (int i = 1; i < emitted.marks.size(); i++) {
      assertThat(emitted.marks.get(i) - emitted.marks.get(i - 1)).isEqualTo(ONE_MINUTE);
    }
  }

  /**
   * A replay's first line from a clock a day ahead moves nothing: the generator holds the first
   * twenty times, as ParseEvents holds the lines, and takes them from the earliest; its watermark
   * is then the one ParseEvents' clock reaches, never past a line that clock lets through.
   */
  @Test
  void aReplaysFirstLineADayAheadMovesNothingAndTheWatermarkFollowsTheOthers() {
    EventTimeWatermarks<String> generator = EventTimeWatermarks.replay(TOLERANCE, STEP);
    EventClock parse = new EventClock(TOLERANCE, STEP);
    List<Long> times = new ArrayList<>(List.of(BEGINNING + A_DAY));
    for (int i = 0; i < 200; i++) {
      times.add(BEGINNING + i * 5 * ONE_SECOND);
    }
    for (int i = 0; i < times.size(); i++) {
      generator.onEvent("line", times.get(i), emitted);
      if (i < EventClock.CONFIRM - 1) {
        assertThat(emitted.marks).as("line %d: the first lines are held", i + 1).isEmpty();
      }
    }
    parse.hold(times.get(0));
    for (long ts : times.subList(1, EventClock.CONFIRM)) {
      parse.hold(ts);
    }
    for (long ts : parse.start()) {
      parse.advance(ts);
    }
    for (long ts : times.subList(EventClock.CONFIRM, times.size())) {
      parse.advance(ts);
    }

    assertThat(emitted.marks).isNotEmpty().allMatch(mark -> mark <= parse.watermark());
    assertThat(emitted.last()).as("a minute's steps").isGreaterThan(parse.watermark() - ONE_MINUTE);
  }

  /** The watermarks a generator emitted, in order. */
  private static final class Emitted implements WatermarkOutput {
    final List<Long> marks = new ArrayList<>();

    long last() {
      return marks.get(marks.size() - 1);
    }

    @Override
    public void emitWatermark(Watermark watermark) {
      marks.add(watermark.getTimestamp());
    }

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}
  }
}
