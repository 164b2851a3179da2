package io.cscmon.flink.serial;

import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallOutcome;
import io.cscmon.core.event.CallPhase;
import io.cscmon.core.event.IvrOutcome;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link CallEvent}s on the wire: a byte of flags for the two optional numbers, then the fields in
 * declaration order (strings and enums null-capable, see {@link Fields}). A call event crosses up
 * to two keyed edges (by center, read by calls waiting and TDoS; traffic loss by channel).
 */
public final class CallEventSerializer extends CompactSerializer<CallEvent> {
  public static final CallEventSerializer INSTANCE = new CallEventSerializer();

  private static final CallPhase[] PHASES = CallPhase.values();
  private static final IvrOutcome[] IVR_OUTCOMES = IvrOutcome.values();
  private static final CallOutcome[] OUTCOMES = CallOutcome.values();
  private static final int HAS_WAIT = 1;
  private static final int HAS_HANDLE = 2;

  @Override
  public CallEvent createInstance() {
    return new CallEvent(0, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  @Override
  public void serialize(CallEvent e, DataOutputView out) throws IOException {
    out.writeByte((e.waitMs() != null ? HAS_WAIT : 0) | (e.handleMs() != null ? HAS_HANDLE : 0));
    out.writeLong(e.ts());
    Fields.writeString(e.center(), out);
    Fields.writeString(e.callId(), out);
    Fields.writeEnum(e.phase(), out);
    Fields.writeString(e.channel(), out);
    Fields.writeString(e.ani(), out);
    Fields.writeString(e.topic(), out);
    Fields.writeEnum(e.ivrOutcome(), out);
    Fields.writeString(e.queue(), out);
    if (e.waitMs() != null) {
      out.writeLong(e.waitMs());
    }
    Fields.writeString(e.agentId(), out);
    if (e.handleMs() != null) {
      out.writeLong(e.handleMs());
    }
    Fields.writeEnum(e.outcome(), out);
  }

  @Override
  public CallEvent deserialize(DataInputView in) throws IOException {
    int flags = in.readUnsignedByte();
    long ts = in.readLong();
    String center = Fields.readName(in);
    String callId = Fields.readString(in);
    CallPhase phase = Fields.readEnum(PHASES, in);
    String channel = Fields.readName(in);
    String ani = Fields.readString(in);
    String topic = Fields.readName(in);
    IvrOutcome ivrOutcome = Fields.readEnum(IVR_OUTCOMES, in);
    String queue = Fields.readName(in);
    Long waitMs = (flags & HAS_WAIT) != 0 ? in.readLong() : null;
    String agentId = Fields.readString(in);
    Long handleMs = (flags & HAS_HANDLE) != 0 ? in.readLong() : null;
    CallOutcome outcome = Fields.readEnum(OUTCOMES, in);
    return new CallEvent(
        ts,
        center,
        callId,
        phase,
        channel,
        ani,
        topic,
        ivrOutcome,
        queue,
        waitMs,
        agentId,
        handleMs,
        outcome);
  }

  @Override
  public TypeSerializerSnapshot<CallEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The format has no parameters: the snapshot only names the serializer. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<CallEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
