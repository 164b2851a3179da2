package io.cscmon.flink.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the events topic the HTTP ingest writes can be written now: the latest verdict of the
 * ingest's own writes ({@link KafkaLineSink}) and of a periodic probe ({@link EventsTopicProbe}),
 * whichever came last. {@code /health/ready}, the ingest's 503 and the gauge {@code
 * cscmon_kafka_events_topic_available} read it, so that an on-call engineer is told it is Kafka,
 * and which, rather than that the pipeline is full.
 */
public final class EventsTopicAvailability {

  private static final Logger LOG = LoggerFactory.getLogger(EventsTopicAvailability.class);

  static final String GAUGE = "cscmon.kafka.events.topic.available";

  private final String bootstrap;
  private final String topic;

  /** Why the topic cannot be written; null while it can. */
  private volatile String cause;

  public EventsTopicAvailability(String bootstrap, String topic) {
    this.bootstrap = bootstrap;
    this.topic = topic;
  }

  /** The verdict of a write or a probe that went through. */
  public void available() {
    String was = cause;
    cause = null;
    if (was != null) {
      LOG.info("The Kafka events topic {} on {} is available again", topic, bootstrap);
    }
  }

  /** The verdict of a write or a probe that failed, with why (see {@link #cause(Throwable)}). */
  public void unavailable(String why) {
    String was = cause;
    cause = why;
    if (was == null) {
      // Once per outage: the probe repeats the verdict every second.
      LOG.error(
          "{}; the HTTP ingest answers 503 and /health/ready 503 until it is back", reason(why));
    }
  }

  /** {@link #reason} of the latest failed verdict, or empty while the topic can be written. */
  public Optional<String> unavailable() {
    String why = cause;
    return why == null ? Optional.empty() : Optional.of(reason(why));
  }

  /** What the ingest's 503 and {@code /health/ready} say while the topic cannot be written. */
  String reason(String why) {
    return reason(bootstrap, topic, why);
  }

  static String reason(String bootstrap, String topic, String why) {
    return "the Kafka events topic " + topic + " on " + bootstrap + " is unavailable: " + why;
  }

  /**
   * A failure as the on-call reads it: the Kafka exception's class and message, unwrapped from the
   * future that carried it.
   */
  static String cause(Throwable failure) {
    Throwable t = failure;
    while (t instanceof ExecutionException && t.getCause() != null) {
      t = t.getCause();
    }
    String message = t.getMessage();
    return message == null || message.isBlank()
        ? t.getClass().getSimpleName()
        : t.getClass().getSimpleName() + ": " + message;
  }

  /** {@code cscmon_kafka_events_topic_available{topic}}: 1 while it can be written, 0 not. */
  public EventsTopicAvailability bindTo(MeterRegistry registry) {
    Gauge.builder(GAUGE, this, a -> a.cause == null ? 1 : 0)
        .description(
            "1 while the Kafka events topic the HTTP ingest writes can be written; 0 while it"
                + " cannot (broker unreachable, topic missing or without leader, writes failing),"
                + " and the ingest answers 503 naming it")
        .tag("topic", topic)
        .strongReference(true)
        .register(registry);
    return this;
  }
}
