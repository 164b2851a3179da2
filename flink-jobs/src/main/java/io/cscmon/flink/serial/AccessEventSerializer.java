package io.cscmon.flink.serial;

import io.cscmon.core.event.AccessEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link AccessEvent}s on the wire: a byte saying whether the latency follows, then the fields in
 * declaration order, strings null-capable.
 */
public final class AccessEventSerializer extends CompactSerializer<AccessEvent> {
  public static final AccessEventSerializer INSTANCE = new AccessEventSerializer();

  private static final int HAS_LATENCY = 1;

  @Override
  public AccessEvent createInstance() {
    return new AccessEvent(0, null, null, null, null, 0, null, 0);
  }

  @Override
  public void serialize(AccessEvent e, DataOutputView out) throws IOException {
    out.writeByte(e.latencyMs() != null ? HAS_LATENCY : 0);
    out.writeLong(e.ts());
    Fields.writeString(e.center(), out);
    Fields.writeString(e.channel(), out);
    Fields.writeString(e.source(), out);
    Fields.writeString(e.endpoint(), out);
    out.writeInt(e.status());
    if (e.latencyMs() != null) {
      out.writeDouble(e.latencyMs());
    }
    out.writeLong(e.count());
  }

  @Override
  public AccessEvent deserialize(DataInputView in) throws IOException {
    int flags = in.readUnsignedByte();
    long ts = in.readLong();
    String center = Fields.readName(in);
    String channel = Fields.readName(in);
    String source = Fields.readString(in);
    String endpoint = Fields.readString(in);
    int status = in.readInt();
    Double latencyMs = (flags & HAS_LATENCY) != 0 ? in.readDouble() : null;
    long count = in.readLong();
    return new AccessEvent(ts, center, channel, source, endpoint, status, latencyMs, count);
  }

  @Override
  public TypeSerializerSnapshot<AccessEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The format has no parameters: the snapshot only names the serializer. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<AccessEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
