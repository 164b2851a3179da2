package io.cscmon.flink.serial;

import io.cscmon.core.kpi.CallCounts;
import io.cscmon.flink.operators.MinuteCounts;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link MinuteCounts} on the wire (the partial counts into the minute window, the window's counts
 * into the call KPI views): the scope, the window, then the thirteen counts as longs. The counts
 * are mutable, so a copy is a deep one. The window's own state (a {@link CallCounts} accumulator)
 * keeps its POJO serializer.
 */
public final class MinuteCountsSerializer extends CompactSerializer<MinuteCounts> {
  public static final MinuteCountsSerializer INSTANCE = new MinuteCountsSerializer();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public MinuteCounts copy(MinuteCounts from) {
    CallCounts counts = from.counts() == null ? null : from.counts().copy();
    return new MinuteCounts(
        from.center(), from.dimension(), from.scope(), from.start(), from.end(), counts);
  }

  @Override
  public MinuteCounts createInstance() {
    return new MinuteCounts(null, null, null, 0, 0, new CallCounts());
  }

  @Override
  public void serialize(MinuteCounts m, DataOutputView out) throws IOException {
    Fields.writeString(m.center(), out);
    Fields.writeString(m.dimension(), out);
    Fields.writeString(m.scope(), out);
    out.writeLong(m.start());
    out.writeLong(m.end());
    CallCounts c = m.counts();
    out.writeBoolean(c != null);
    if (c == null) {
      return;
    }
    out.writeLong(c.arrived);
    out.writeLong(c.selfServed);
    out.writeLong(c.ivrHangups);
    out.writeLong(c.toAgent);
    out.writeLong(c.queued);
    out.writeLong(c.answered);
    out.writeLong(c.answeredWithinTarget);
    out.writeLong(c.abandoned);
    out.writeLong(c.waitMillisAnswered);
    out.writeLong(c.ended);
    out.writeLong(c.handleMillis);
    out.writeLong(c.complaints);
    out.writeLong(c.transfers);
  }

  @Override
  public MinuteCounts deserialize(DataInputView in) throws IOException {
    String center = Fields.readName(in);
    String dimension = Fields.readName(in);
    String scope = Fields.readName(in);
    long start = in.readLong();
    long end = in.readLong();
    CallCounts c = null;
    if (in.readBoolean()) {
      c = new CallCounts();
      c.arrived = in.readLong();
      c.selfServed = in.readLong();
      c.ivrHangups = in.readLong();
      c.toAgent = in.readLong();
      c.queued = in.readLong();
      c.answered = in.readLong();
      c.answeredWithinTarget = in.readLong();
      c.abandoned = in.readLong();
      c.waitMillisAnswered = in.readLong();
      c.ended = in.readLong();
      c.handleMillis = in.readLong();
      c.complaints = in.readLong();
      c.transfers = in.readLong();
    }
    return new MinuteCounts(center, dimension, scope, start, end, c);
  }

  @Override
  public TypeSerializerSnapshot<MinuteCounts> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The format has no parameters: the snapshot only names the serializer. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<MinuteCounts> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
