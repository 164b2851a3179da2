package io.cscmon.flink.serial;

import static io.cscmon.flink.serial.WireValues.ODD_STRINGS;

import io.cscmon.core.event.AccessEvent;
import java.util.List;
import java.util.SplittableRandom;

class AccessEventSerializerTest extends CompactSerializerTestBase<AccessEvent> {

  AccessEventSerializerTest() {
    super(AccessEventSerializer::new, AccessEvent.class);
  }

  @Override
  List<AccessEvent> edgeCases() {
    return List.of(
        new AccessEvent(0, null, null, null, null, 0, null, 0),
        new AccessEvent(
            Long.MIN_VALUE, "", "", "", "", Integer.MIN_VALUE, Double.NaN, Long.MIN_VALUE),
        new AccessEvent(
            Long.MAX_VALUE,
            ODD_STRINGS[1],
            ODD_STRINGS[2],
            ODD_STRINGS[3],
            ODD_STRINGS[6],
            Integer.MAX_VALUE,
            -0.0,
            Long.MAX_VALUE));
  }

  @Override
  AccessEvent random(SplittableRandom r) {
    return new AccessEvent(
        WireValues.anyLong(r),
        WireValues.nullableString(r),
        WireValues.nullableString(r),
        WireValues.nullableString(r),
        WireValues.nullableString(r),
        r.nextInt(),
        WireValues.nullableDouble(r),
        WireValues.anyLong(r));
  }
}
