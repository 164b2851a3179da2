package io.cscmon.flink.serial;

import io.cscmon.core.event.AuthEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** {@link AuthEvent}s on the wire: the fields in declaration order, strings null-capable. */
public final class AuthEventSerializer extends CompactSerializer<AuthEvent> {
  public static final AuthEventSerializer INSTANCE = new AuthEventSerializer();

  @Override
  public AuthEvent createInstance() {
    return new AuthEvent(0, null, null, null, null, false, null);
  }

  @Override
  public void serialize(AuthEvent e, DataOutputView out) throws IOException {
    out.writeLong(e.ts());
    Fields.writeString(e.center(), out);
    Fields.writeString(e.channel(), out);
    Fields.writeString(e.source(), out);
    Fields.writeString(e.account(), out);
    out.writeBoolean(e.success());
    Fields.writeString(e.method(), out);
  }

  @Override
  public AuthEvent deserialize(DataInputView in) throws IOException {
    long ts = in.readLong();
    String center = Fields.readName(in);
    String channel = Fields.readName(in);
    String source = Fields.readString(in);
    String account = Fields.readString(in);
    boolean success = in.readBoolean();
    String method = Fields.readName(in);
    return new AuthEvent(ts, center, channel, source, account, success, method);
  }

  @Override
  public TypeSerializerSnapshot<AuthEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The format has no parameters: the snapshot only names the serializer. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<AuthEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
