package io.cscmon.flink.serial;

import static io.cscmon.flink.serial.WireValues.ODD_STRINGS;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallOutcome;
import io.cscmon.core.event.CallPhase;
import io.cscmon.core.event.IvrOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

class CallEventSerializerTest extends CompactSerializerTestBase<CallEvent> {

  CallEventSerializerTest() {
    super(CallEventSerializer::new, CallEvent.class);
  }

  @Override
  List<CallEvent> edgeCases() {
    List<CallEvent> cases = new ArrayList<>();
    cases.add(
        new CallEvent(0, null, null, null, null, null, null, null, null, null, null, null, null));
    cases.add(
        new CallEvent(
            Long.MIN_VALUE,
            "",
            "",
            CallPhase.ARRIVED,
            "",
            "",
            "",
            IvrOutcome.values()[0],
            "",
            Long.MIN_VALUE,
            "",
            Long.MAX_VALUE,
            CallOutcome.values()[0]));
    for (CallPhase phase : CallPhase.values()) {
      cases.add(
          new CallEvent(
              Long.MAX_VALUE,
              ODD_STRINGS[1],
              ODD_STRINGS[6],
              phase,
              ODD_STRINGS[2],
              ODD_STRINGS[3],
              ODD_STRINGS[4],
              null,
              ODD_STRINGS[5],
              0L,
              null,
              -1L,
              null));
    }
    for (IvrOutcome ivr : IvrOutcome.values()) {
      cases.add(
          new CallEvent(1, "c", "id", null, null, null, null, ivr, null, null, "a", 5L, null));
    }
    for (CallOutcome outcome : CallOutcome.values()) {
      cases.add(
          new CallEvent(2, "c", "id", null, null, null, null, null, "q", 7L, null, null, outcome));
    }
    return cases;
  }

  @Override
  CallEvent random(SplittableRandom r) {
    return new CallEvent(
        WireValues.anyLong(r),
        WireValues.nullableString(r),
        WireValues.nullableString(r),
        WireValues.nullableEnum(CallPhase.values(), r),
        WireValues.nullableString(r),
        WireValues.nullableString(r),
        WireValues.nullableString(r),
        WireValues.nullableEnum(IvrOutcome.values(), r),
        WireValues.nullableString(r),
        WireValues.nullableLong(r),
        WireValues.nullableString(r),
        WireValues.nullableLong(r),
        WireValues.nullableEnum(CallOutcome.values(), r));
  }
}
