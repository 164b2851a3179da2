package io.cscmon.core.metrics;

import io.cscmon.core.event.EventType;
import io.cscmon.core.parse.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Input counters: {@code cscmon_events_accepted_total{type}}, {@code
 * cscmon_events_rejected_total{reason}}, {@code cscmon_ingest_throttled_total} and {@code
 * cscmon_ingest_unavailable_total}. Every event type and every reject reason is registered at
 * construction, so each series exists (at 0) from the first scrape and {@code rate()} sees the
 * first increment. The counters are looked up once and kept in enum maps: incrementing is then a
 * lock-free add, cheap from any thread.
 */
public final class IngestMetrics {

  static final String ACCEPTED = "cscmon.events.accepted";
  static final String REJECTED = "cscmon.events.rejected";
  static final String THROTTLED = "cscmon.ingest.throttled";
  static final String UNAVAILABLE = "cscmon.ingest.unavailable";

  private final Map<EventType, Counter> accepted = new EnumMap<>(EventType.class);
  private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
  private final Counter throttled;
  private final Counter unavailable;

  public IngestMetrics(MeterRegistry registry) {
    for (EventType type : EventType.values()) {
      accepted.put(
          type,
          Counter.builder(ACCEPTED)
              .description("Input events accepted, by event type")
              .tag("type", type.wireName())
              .register(registry));
    }
    for (RejectReason reason : RejectReason.values()) {
      rejected.put(
          reason,
          Counter.builder(REJECTED)
              .description("Input lines rejected, by reason")
              .tag("reason", reason.wireName())
              .register(registry));
    }
    throttled =
        Counter.builder(THROTTLED)
            .description("Ingest requests refused because the pipeline had no room (HTTP 503)")
            .register(registry);
    // Apart from the throttled ones: a store that is down is not a job that is slow, and the
    // on-call looks at different things for each.
    unavailable =
        Counter.builder(UNAVAILABLE)
            .description(
                "Ingest requests refused because the store behind the ingest (the Kafka events"
                    + " topic) could not be written (HTTP 503)")
            .register(registry);
  }

  public void accepted(EventType type) {
    accepted.get(type).increment();
  }

  public void accepted(EventType type, long count) {
    accepted.get(type).increment(count);
  }

  public void rejected(RejectReason reason) {
    rejected.get(reason).increment();
  }

  public void throttled() {
    throttled.increment();
  }

  public void unavailable() {
    unavailable.increment();
  }
}
