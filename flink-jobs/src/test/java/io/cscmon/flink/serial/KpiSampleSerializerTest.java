package io.cscmon.flink.serial;

import static io.cscmon.flink.serial.WireValues.ODD_STRINGS;

import io.cscmon.core.kpi.KpiSample;
import java.util.List;
import java.util.SplittableRandom;

class KpiSampleSerializerTest extends CompactSerializerTestBase<KpiSample> {

  KpiSampleSerializerTest() {
    super(KpiSampleSerializer::new, KpiSample.class);
  }

  @Override
  List<KpiSample> edgeCases() {
    return List.of(
        new KpiSample(null, null, null, null, 0, 0, 0, 0),
        new KpiSample("", "", "", "", Long.MIN_VALUE, Long.MAX_VALUE, Double.NaN, Long.MIN_VALUE),
        new KpiSample(
            ODD_STRINGS[1],
            ODD_STRINGS[2],
            ODD_STRINGS[3],
            ODD_STRINGS[6],
            -1,
            1,
            Double.NEGATIVE_INFINITY,
            Long.MAX_VALUE),
        new KpiSample("service_level", "sh", "queue", "retail", 60_000, 120_000, -0.0, 3));
  }

  @Override
  KpiSample random(SplittableRandom r) {
    return new KpiSample(
        WireValues.nullableString(r),
        WireValues.nullableString(r),
        WireValues.nullableString(r),
        WireValues.nullableString(r),
        WireValues.anyLong(r),
        WireValues.anyLong(r),
        WireValues.anyDouble(r),
        WireValues.anyLong(r));
  }
}
