package io.cscmon.flink.serial;

import io.cscmon.core.event.AgentEvent;
import io.cscmon.core.event.AgentState;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link AgentEvent}s on the wire (the edge into the agent states), the fields in declaration
 * order. The agent states keep the last event per agent in keyed state under its own POJO
 * serializer, which this one does not replace.
 */
public final class AgentEventSerializer extends CompactSerializer<AgentEvent> {
  public static final AgentEventSerializer INSTANCE = new AgentEventSerializer();

  private static final AgentState[] STATES = AgentState.values();

  @Override
  public AgentEvent createInstance() {
    return new AgentEvent(0, null, null, null, null);
  }

  @Override
  public void serialize(AgentEvent e, DataOutputView out) throws IOException {
    out.writeLong(e.ts());
    Fields.writeString(e.center(), out);
    Fields.writeString(e.agentId(), out);
    Fields.writeEnum(e.state(), out);
    Fields.writeStrings(e.queues(), out);
  }

  @Override
  public AgentEvent deserialize(DataInputView in) throws IOException {
    long ts = in.readLong();
    String center = Fields.readName(in);
    String agentId = Fields.readName(in);
    AgentState state = Fields.readEnum(STATES, in);
    String[] queues = Fields.readNames(in);
    return new AgentEvent(ts, center, agentId, state, queues);
  }

  @Override
  public TypeSerializerSnapshot<AgentEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The format has no parameters: the snapshot only names the serializer. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<AgentEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
