package io.cscmon.flink.serial;

import io.cscmon.core.parse.RejectReason;
import io.cscmon.core.parse.Rejection;
import io.cscmon.flink.source.RawLine;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link RawLine}s on the wire, where the sources' lines cross an edge to the parse step (a union
 * of several sources is not chained to it): origin, number, text, whether counted, and the source's
 * rejection if it could not read the line. The line's {@link RawLine#parsed()} stays behind — it is
 * a cache of parsing the text, and the parse step parses a line that comes without it. No state
 * holds raw lines (the sources checkpoint positions), so the format is the wire's only.
 */
public final class RawLineSerializer extends CompactSerializer<RawLine> {
  public static final RawLineSerializer INSTANCE = new RawLineSerializer();

  private static final RejectReason[] REASONS = RejectReason.values();

  @Override
  public RawLine createInstance() {
    return new RawLine(null, 0, null, false);
  }

  @Override
  public void serialize(RawLine l, DataOutputView out) throws IOException {
    Fields.writeString(l.origin(), out);
    out.writeLong(l.line());
    Fields.writeString(l.text(), out);
    out.writeBoolean(l.counted());
    Rejection unreadable = l.unreadable();
    out.writeBoolean(unreadable != null);
    if (unreadable != null) {
      out.writeLong(unreadable.line());
      Fields.writeString(unreadable.field(), out);
      Fields.writeEnum(unreadable.reason(), out);
      Fields.writeString(unreadable.message(), out);
    }
  }

  @Override
  public RawLine deserialize(DataInputView in) throws IOException {
    String origin = Fields.readName(in);
    long line = in.readLong();
    String text = Fields.readString(in);
    boolean counted = in.readBoolean();
    Rejection unreadable = null;
    if (in.readBoolean()) {
      long at = in.readLong();
      String field = Fields.readString(in);
      RejectReason reason = Fields.readEnum(REASONS, in);
      String message = Fields.readString(in);
      unreadable = new Rejection(at, field, reason, message);
    }
    return new RawLine(origin, line, text, counted, unreadable);
  }

  @Override
  public TypeSerializerSnapshot<RawLine> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The format has no parameters: the snapshot only names the serializer. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<RawLine> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
