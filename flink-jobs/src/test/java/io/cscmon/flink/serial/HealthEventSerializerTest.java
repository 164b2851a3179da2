package io.cscmon.flink.serial;

import static io.cscmon.flink.serial.WireValues.ODD_DOUBLES;
import static io.cscmon.flink.serial.WireValues.ODD_STRINGS;

import io.cscmon.core.event.HealthEvent;
import java.util.List;
import java.util.SplittableRandom;

class HealthEventSerializerTest extends CompactSerializerTestBase<HealthEvent> {

  HealthEventSerializerTest() {
    super(HealthEventSerializer::new, HealthEvent.class);
  }

  @Override
  List<HealthEvent> edgeCases() {
    return List.of(
        new HealthEvent(
            0, null, null, null, 0, false, null, null, null, null, null, null, null, null),
        new HealthEvent(
            Long.MIN_VALUE,
            "",
            "",
            "",
            Long.MAX_VALUE,
            true,
            Double.NaN,
            -0.0,
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            Double.POSITIVE_INFINITY,
            Double.MIN_VALUE,
            new String[0],
            new double[0]),
        new HealthEvent(
            1,
            ODD_STRINGS[1],
            ODD_STRINGS[2],
            ODD_STRINGS[3],
            10_000,
            true,
            1.5,
            null,
            3L,
            null,
            0.25,
            null,
            ODD_STRINGS.clone(),
            ODD_DOUBLES.clone()),
        new HealthEvent(
            2,
            "sh",
            "ivr",
            "0",
            10_000,
            false,
            null,
            99.0,
            null,
            0L,
            null,
            1.0,
            new String[] {null, "queue_depth"},
            null));
  }

  @Override
  HealthEvent random(SplittableRandom r) {
    return new HealthEvent(
        WireValues.anyLong(r),
        WireValues.nullableString(r),
        WireValues.nullableString(r),
        WireValues.nullableString(r),
        WireValues.anyLong(r),
        r.nextBoolean(),
        WireValues.nullableDouble(r),
        WireValues.nullableDouble(r),
        WireValues.nullableLong(r),
        WireValues.nullableLong(r),
        WireValues.nullableDouble(r),
        WireValues.nullableDouble(r),
        WireValues.nullableStrings(r),
        WireValues.nullableDoubles(r));
  }
}
