package io.cscmon.flink.job;

import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.flink.sink.EventMetricsSink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The event metrics' branch of the job (the health and security dashboards): the event streams the
 * detectors read, after event time is assigned and late events are dropped, each to an {@link
 * EventMetricsSink} at parallelism 1 — one writer per stream, so the metrics see each stream in
 * order. Kept out of {@link DetectionJob} so that its wiring stays about detection.
 */
final class EventMetricsWiring {
  private EventMetricsWiring() {}

  /** Does nothing when {@code metricsName} is null (replay, the job on a cluster). */
  static void attach(
      String metricsName,
      DataStream<HealthEvent> health,
      DataStream<AuthEvent> auth,
      DataStream<AccessEvent> access,
      DataStream<CallEvent> calls) {
    if (metricsName == null) {
      return;
    }
    health
        .sinkTo(new EventMetricsSink<HealthEvent>(metricsName))
        .setParallelism(1)
        .uid("health-metrics")
        .name("Component health metrics");
    auth.sinkTo(new EventMetricsSink<AuthEvent>(metricsName))
        .setParallelism(1)
        .uid("auth-metrics")
        .name("Authentication metrics");
    access
        .sinkTo(new EventMetricsSink<AccessEvent>(metricsName))
        .setParallelism(1)
        .uid("access-metrics")
        .name("Online request metrics");
    calls
        .sinkTo(new EventMetricsSink<CallEvent>(metricsName))
        .setParallelism(1)
        .uid("call-security-metrics")
        .name("Telephony security metrics");
  }
}
