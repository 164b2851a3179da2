package io.cscmon.flink.serial;

import io.cscmon.core.kpi.KpiSample;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link KpiSample}s on the wire (into the capacity forecast, the threshold rules and the KPI
 * sinks), the fields in declaration order. The threshold rules keep the last sample per series in
 * keyed state under its own POJO serializer, which this one does not replace.
 */
public final class KpiSampleSerializer extends CompactSerializer<KpiSample> {
  public static final KpiSampleSerializer INSTANCE = new KpiSampleSerializer();

  @Override
  public KpiSample createInstance() {
    return new KpiSample(null, null, null, null, 0, 0, 0, 0);
  }

  @Override
  public void serialize(KpiSample s, DataOutputView out) throws IOException {
    Fields.writeString(s.kpi(), out);
    Fields.writeString(s.center(), out);
    Fields.writeString(s.dimension(), out);
    Fields.writeString(s.scope(), out);
    out.writeLong(s.windowStart());
    out.writeLong(s.windowEnd());
    out.writeDouble(s.value());
    out.writeLong(s.samples());
  }

  @Override
  public KpiSample deserialize(DataInputView in) throws IOException {
    String kpi = Fields.readName(in);
    String center = Fields.readName(in);
    String dimension = Fields.readName(in);
    String scope = Fields.readName(in);
    long windowStart = in.readLong();
    long windowEnd = in.readLong();
    double value = in.readDouble();
    long samples = in.readLong();
    return new KpiSample(kpi, center, dimension, scope, windowStart, windowEnd, value, samples);
  }

  @Override
  public TypeSerializerSnapshot<KpiSample> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The format has no parameters: the snapshot only names the serializer. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<KpiSample> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
