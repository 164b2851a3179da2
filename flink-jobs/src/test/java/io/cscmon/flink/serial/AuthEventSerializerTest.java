package io.cscmon.flink.serial;

import static io.cscmon.flink.serial.WireValues.ODD_STRINGS;

import io.cscmon.core.event.AuthEvent;
import java.util.List;
import java.util.SplittableRandom;

class AuthEventSerializerTest extends CompactSerializerTestBase<AuthEvent> {

  AuthEventSerializerTest() {
    super(AuthEventSerializer::new, AuthEvent.class);
  }

  @Override
  List<AuthEvent> edgeCases() {
    return List.of(
        new AuthEvent(0, null, null, null, null, false, null),
        new AuthEvent(Long.MIN_VALUE, "", "", "", "", true, ""),
        new AuthEvent(
            Long.MAX_VALUE,
            ODD_STRINGS[1],
            ODD_STRINGS[2],
            ODD_STRINGS[3],
            ODD_STRINGS[6],
            true,
            ODD_STRINGS[4]));
  }

  @Override
  AuthEvent random(SplittableRandom r) {
    return new AuthEvent(
        WireValues.anyLong(r),
        WireValues.nullableString(r),
        WireValues.nullableString(r),
        WireValues.nullableString(r),
        WireValues.nullableString(r),
        r.nextBoolean(),
        WireValues.nullableString(r));
  }
}
