package io.cscmon.flink.serial;

import static io.cscmon.flink.serial.WireValues.ODD_STRINGS;
import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.kpi.CallCounts;
import io.cscmon.flink.operators.MinuteCounts;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MinuteCountsSerializerTest extends CompactSerializerTestBase<MinuteCounts> {

  MinuteCountsSerializerTest() {
    super(MinuteCountsSerializer::new, MinuteCounts.class);
  }

  @Override
  List<MinuteCounts> edgeCases() {
    CallCounts extremes = counts(new SplittableRandom(1));
    extremes.arrived = Long.MIN_VALUE;
    extremes.transfers = Long.MAX_VALUE;
    return List.of(
        new MinuteCounts(null, null, null, 0, 0, null),
        new MinuteCounts("", "", "", Long.MIN_VALUE, Long.MAX_VALUE, new CallCounts()),
        new MinuteCounts(ODD_STRINGS[1], ODD_STRINGS[2], ODD_STRINGS[6], -1, 1, extremes));
  }

  @Override
  MinuteCounts random(SplittableRandom r) {
    return new MinuteCounts(
        WireValues.nullableString(r),
        WireValues.nullableString(r),
        WireValues.nullableString(r),
        WireValues.anyLong(r),
        WireValues.anyLong(r),
        r.nextInt(5) == 0 ? null : counts(r));
  }

  /** Every one of the thirteen counts different, so that a swapped pair shows. */
  private static CallCounts counts(SplittableRandom r) {
    CallCounts c = new CallCounts();
    c.arrived = WireValues.anyLong(r);
    c.selfServed = r.nextLong();
    c.ivrHangups = r.nextLong();
    c.toAgent = r.nextLong();
    c.queued = r.nextLong();
    c.answered = r.nextLong();
    c.answeredWithinTarget = r.nextLong();
    c.abandoned = r.nextLong();
    c.waitMillisAnswered = r.nextLong();
    c.ended = r.nextLong();
    c.handleMillis = r.nextLong();
    c.complaints = r.nextLong();
    c.transfers = WireValues.anyLong(r);
    return c;
  }

  @Test
  void aCopyDoesNotShareTheMutableCounts() {
    MinuteCounts original = edgeCases().get(2);
    MinuteCounts copy = getSerializer().copy(original);
    copy.counts().arrived++;
    assertThat(original.counts().arrived).isEqualTo(Long.MIN_VALUE);
  }
}
