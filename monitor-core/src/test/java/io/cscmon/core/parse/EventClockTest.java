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
        EventClock.restored(TOLERANCE, STEP, null, original.newest(), original.watermark());
    for (long ts = BEGINNING; ts < BEGINNING + 2 * ONE_MINUTE; ts += 1_700) {
      assertThat(restored.isLate(ts)).isEqualTo(original.isLate(ts));
      assertThat(restored.advance(ts)).isEqualTo(original.advance(ts));
      assertThat(restored.watermark()).isEqualTo(original.watermark());
    }
  }

  private static final long ONE_DAY = 24 * 60 * ONE_MINUTE;

  @Test
  void oneLineADayAheadMovesNothingAndTheLinesAfterItAreOnTime() {
    EventClock clock = new EventClock(TOLERANCE, STEP);
    clock.advance(BEGINNING);
    assertThat(clock.isAhead(BEGINNING + ONE_DAY)).isTrue();
    assertThat(clock.advance(BEGINNING + ONE_DAY)).isFalse();
    assertThat(clock.aheadRun()).isEqualTo(1);
    assertThat(clock.isLate(BEGINNING + ONE_SECOND)).isFalse();
    clock.advance(BEGINNING + ONE_SECOND);
    assertThat(clock.aheadRun()).as("on time: the run ends").isZero();
    assertThat(clock.newest()).isEqualTo(BEGINNING + ONE_SECOND);
  }

  @Test
  void aJumpIsMadeByTwentyLinesInARowAndNotByNineteen() {
    EventClock clock = new EventClock(TOLERANCE, STEP);
    clock.advance(BEGINNING);
    long gap = BEGINNING + 3 * 60 * ONE_MINUTE; // a file resuming three hours later
    for (int i = 0; i < EventClock.CONFIRM - 1; i++) {
      assertThat(clock.advance(gap + i * ONE_SECOND)).isFalse();
    }
    assertThat(clock.newest()).as("19 in a row").isEqualTo(BEGINNING);
    assertThat(clock.advance(gap + 19 * ONE_SECOND)).as("the 20th").isTrue();
    assertThat(clock.newest()).isEqualTo(gap + 19 * ONE_SECOND);
    assertThat(clock.aheadRun()).isZero();
    assertThat(clock.isAhead(gap + 20 * ONE_SECOND)).isFalse();
  }

  @Test
  void aJumpOfTenMinutesOrLessIsNoJump() {
    EventClock clock = new EventClock(TOLERANCE, STEP);
    clock.advance(BEGINNING);
    assertThat(clock.isAhead(BEGINNING + EventClock.JUMP_MS)).isFalse();
    assertThat(clock.isAhead(BEGINNING + EventClock.JUMP_MS + 1)).isTrue();
  }

  @Test
  void liveALineNearTheWallClockIsNeverAheadSoAQuietInputResumesAtOnce() {
    long now = BEGINNING + 2 * 60 * ONE_MINUTE;
    EventClock clock = new EventClock(TOLERANCE, STEP, () -> now);
    clock.advance(BEGINNING); // the input's last line, two hours ago
    assertThat(clock.isAhead(now - ONE_SECOND)).isFalse();
    assertThat(clock.isAhead(now + EventClock.NEAR_WALL_CLOCK_MS)).isFalse();
    assertThat(clock.isAhead(now + ONE_DAY)).as("a day ahead of the wall clock").isTrue();
  }

  @Test
  void liveABackfillIsJudgedByItsOwnTimes() {
    long now = BEGINNING + 7 * ONE_DAY;
    EventClock clock = new EventClock(TOLERANCE, STEP, () -> now);
    clock.advance(BEGINNING); // last week's lines, posted now
    assertThat(clock.isAhead(BEGINNING + ONE_DAY)).as("a day ahead of the backfill").isTrue();
    assertThat(clock.isAhead(BEGINNING + ONE_MINUTE)).isFalse();
  }
}
