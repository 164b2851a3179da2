package io.cscmon.core.parse;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_MINUTE;
import static io.cscmon.core.testing.TestTimes.ONE_SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventClockTest {

  private static final Duration TOLERANCE = Duration.ofSeconds(30);
  private static final Duration STEP = Duration.ofSeconds(1);

  @Test
  void anEventIsLateOnlyBehindItsInputsNewestTimeMinusTheTolerance() {
    EventClock clock = new EventClock(TOLERANCE, STEP);
    assertThat(clock.isLate(BEGINNING)).isFalse();
    assertThat(clock.advance(BEGINNING + ONE_MINUTE)).isTrue();
    assertThat(clock.watermark()).isEqualTo(BEGINNING + ONE_MINUTE - 30 * ONE_SECOND - 1);
    assertThat(clock.isLate(BEGINNING + 30 * ONE_SECOND - 1)).as("30.001 s behind").isTrue();
    assertThat(clock.isLate(BEGINNING + 30 * ONE_SECOND)).as("30 s behind").isFalse();
    assertThat(clock.isLate(EventClock.NONE)).isFalse();
  }

  @Test
  void movesInStepsAndNeverBack() {
    EventClock clock = new EventClock(TOLERANCE, STEP);
    clock.advance(BEGINNING);
    long first = clock.watermark();
    assertThat(clock.advance(BEGINNING + 999)).as("less than a step").isFalse();
    assertThat(clock.advance(BEGINNING - ONE_MINUTE)).isFalse();
    assertThat(clock.advance(EventClock.NONE)).as("a rejected line").isFalse();
    assertThat(clock.watermark()).isEqualTo(first);
    assertThat(clock.advance(BEGINNING + ONE_SECOND)).isTrue();
    assertThat(clock.watermark()).isEqualTo(first + ONE_SECOND);
  }

  @Test
  void aRestoredClockDecidesAsTheOriginal() {
    EventClock original = new EventClock(TOLERANCE, STEP);
    for (int s = 0; s < 100; s += 7) {
      original.advance(BEGINNING + s * ONE_SECOND);
    }
    EventClock restored =
        EventClock.restored(TOLERANCE, STEP, original.newest(), original.watermark());
    for (long ts = BEGINNING; ts < BEGINNING + 2 * ONE_MINUTE; ts += 1_700) {
      assertThat(restored.isLate(ts)).isEqualTo(original.isLate(ts));
      assertThat(restored.advance(ts)).isEqualTo(original.advance(ts));
      assertThat(restored.watermark()).isEqualTo(original.watermark());
    }
  }
}
