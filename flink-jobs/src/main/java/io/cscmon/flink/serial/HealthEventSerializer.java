package io.cscmon.flink.serial;

import io.cscmon.core.event.HealthEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link HealthEvent}s on the wire: a byte holding {@code up} and which of the six optional numbers
 * follow, then the fields in declaration order, the free-form metrics as two arrays. A health event
 * crosses two keyed edges (by component, read by component health and SLO burn; anomalies by
 * instance).
 */
public final class HealthEventSerializer extends CompactSerializer<HealthEvent> {
  public static final HealthEventSerializer INSTANCE = new HealthEventSerializer();

  private static final int UP = 1;
  private static final int HAS_P50 = 1 << 1;
  private static final int HAS_P99 = 1 << 2;
  private static final int HAS_REQUESTS = 1 << 3;
  private static final int HAS_ERRORS = 1 << 4;
  private static final int HAS_CPU = 1 << 5;
  private static final int HAS_MEMORY = 1 << 6;

  @Override
  public HealthEvent createInstance() {
    return new HealthEvent(
        0, null, null, null, 0, false, null, null, null, null, null, null, null, null);
  }

  @Override
  public void serialize(HealthEvent e, DataOutputView out) throws IOException {
    out.writeByte(
        (e.up() ? UP : 0)
            | (e.latencyP50Ms() != null ? HAS_P50 : 0)
            | (e.latencyP99Ms() != null ? HAS_P99 : 0)
            | (e.requests() != null ? HAS_REQUESTS : 0)
            | (e.errors() != null ? HAS_ERRORS : 0)
            | (e.cpu() != null ? HAS_CPU : 0)
            | (e.memory() != null ? HAS_MEMORY : 0));
    out.writeLong(e.ts());
    Fields.writeString(e.center(), out);
    Fields.writeString(e.component(), out);
    Fields.writeString(e.instance(), out);
    out.writeLong(e.intervalMs());
    if (e.latencyP50Ms() != null) {
      out.writeDouble(e.latencyP50Ms());
    }
    if (e.latencyP99Ms() != null) {
      out.writeDouble(e.latencyP99Ms());
    }
    if (e.requests() != null) {
      out.writeLong(e.requests());
    }
    if (e.errors() != null) {
      out.writeLong(e.errors());
    }
    if (e.cpu() != null) {
      out.writeDouble(e.cpu());
    }
    if (e.memory() != null) {
      out.writeDouble(e.memory());
    }
    Fields.writeStrings(e.metricNames(), out);
    Fields.writeDoubles(e.metricValues(), out);
  }

  @Override
  public HealthEvent deserialize(DataInputView in) throws IOException {
    int flags = in.readUnsignedByte();
    long ts = in.readLong();
    String center = Fields.readName(in);
    String component = Fields.readName(in);
    String instance = Fields.readName(in);
    long intervalMs = in.readLong();
    Double p50 = (flags & HAS_P50) != 0 ? in.readDouble() : null;
    Double p99 = (flags & HAS_P99) != 0 ? in.readDouble() : null;
    Long requests = (flags & HAS_REQUESTS) != 0 ? in.readLong() : null;
    Long errors = (flags & HAS_ERRORS) != 0 ? in.readLong() : null;
    Double cpu = (flags & HAS_CPU) != 0 ? in.readDouble() : null;
    Double memory = (flags & HAS_MEMORY) != 0 ? in.readDouble() : null;
    String[] metricNames = Fields.readNames(in);
    double[] metricValues = Fields.readDoubles(in);
    return new HealthEvent(
        ts,
        center,
        component,
        instance,
        intervalMs,
        (flags & UP) != 0,
        p50,
        p99,
        requests,
        errors,
        cpu,
        memory,
        metricNames,
        metricValues);
  }

  @Override
  public TypeSerializerSnapshot<HealthEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The format has no parameters: the snapshot only names the serializer. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<HealthEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
