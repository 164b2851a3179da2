package io.cscmon.flink.sink;

import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.metrics.KpiGauges;
import io.cscmon.flink.LocalServices;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** Sets the service's KPI gauges ({@code /metrics}) from the KPI stream, in embedded mode. */
public final class KpiGaugeSink implements Sink<KpiSample> {

  private final String gaugesName;

  /**
   * @param gaugesName the {@link LocalServices} name the gauges are registered under
   */
  public KpiGaugeSink(String gaugesName) {
    this.gaugesName = gaugesName;
  }

  @Override
  public SinkWriter<KpiSample> createWriter(WriterInitContext context) {
    KpiGauges gauges =
        LocalServices.find(gaugesName, KpiGauges.class)
            .orElseThrow(
                () -> new IllegalStateException("no KPI gauges named '" + gaugesName + "'"));
    return new SinkWriter<>() {
      @Override
      public void write(KpiSample sample, Context context) {
        gauges.record(sample);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
