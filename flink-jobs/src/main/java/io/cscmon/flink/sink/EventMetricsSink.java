package io.cscmon.flink.sink;

import io.cscmon.core.event.Event;
import io.cscmon.core.metrics.EventMetrics;
import io.cscmon.flink.LocalServices;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Hands events to the service's {@link EventMetrics} ({@code /metrics}: component health, security)
 * in embedded mode; on a cluster, where the service is not in the task's JVM, it drops them (the
 * cluster's dashboards have Flink's own metrics).
 */
public final class EventMetricsSink<T extends Event> implements Sink<T> {

  private final String metricsName;

  /**
   * @param metricsName the {@link LocalServices} name the event metrics are registered under
   */
  public EventMetricsSink(String metricsName) {
    this.metricsName = metricsName;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    EventMetrics metrics = LocalServices.find(metricsName, EventMetrics.class).orElse(null);
    return new SinkWriter<>() {
      @Override
      public void write(T event, Context context) {
        if (metrics != null) {
          metrics.record(event);
        }
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
