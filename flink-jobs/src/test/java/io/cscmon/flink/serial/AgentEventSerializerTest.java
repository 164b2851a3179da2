package io.cscmon.flink.serial;

import static io.cscmon.flink.serial.WireValues.ODD_STRINGS;

import io.cscmon.core.event.AgentEvent;
import io.cscmon.core.event.AgentState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

class AgentEventSerializerTest extends CompactSerializerTestBase<AgentEvent> {

  AgentEventSerializerTest() {
    super(AgentEventSerializer::new, AgentEvent.class);
  }

  @Override
  List<AgentEvent> edgeCases() {
    List<AgentEvent> cases = new ArrayList<>();
    cases.add(new AgentEvent(0, null, null, null, null));
    cases.add(new AgentEvent(Long.MIN_VALUE, "", "", null, new String[0]));
    for (AgentState state : AgentState.values()) {
      cases.add(new AgentEvent(Long.MAX_VALUE, ODD_STRINGS[1], ODD_STRINGS[2], state, ODD_STRINGS));
    }
    return cases;
  }

  @Override
  AgentEvent random(SplittableRandom r) {
    return new AgentEvent(
        WireValues.anyLong(r),
        WireValues.nullableString(r),
        WireValues.nullableString(r),
        WireValues.nullableEnum(AgentState.values(), r),
        WireValues.nullableStrings(r));
  }
}
