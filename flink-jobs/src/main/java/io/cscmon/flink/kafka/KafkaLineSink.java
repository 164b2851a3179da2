package io.cscmon.flink.kafka;

import io.cscmon.core.ingest.LineSink;
import io.cscmon.core.ingest.OfferResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP ingest's {@link LineSink} in the Kafka topology: each request's lines go to the events
 * topic in one Kafka transaction, and {@link #offer} returns only when the broker has committed it
 * (all replicas in sync, {@code acks=all}). So a 202 means the lines are durable, and a failure
 * (answered 503, retried by the client) leaves none of them visible to {@code read_committed}
 * readers such as the detection job: all or nothing, as the interface asks. It blocks for the round
 * trip; the HTTP server calls it off its event loop. Each line is keyed by its center ({@link
 * CenterKey}): one center's events keep their order in one partition.
 *
 * <p>A refusal because Kafka failed is {@link OfferResult.Unavailable}, naming the topic, the
 * bootstrap address and the cause, never "full": the on-call has to look at Kafka, not at the job.
 */
public final class KafkaLineSink implements LineSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaLineSink.class);

  /** How long a timed-out commit is retried before the request is answered 503. */
  static final Duration COMMIT_RETRY = Duration.ofSeconds(60);

  private final String bootstrap;
  private final String topic;
  private final String transactionalId;
  private final EventsTopicAvailability availability;
  private KafkaProducer<byte[], byte[]> producer;

  /**
   * A sink on its own: every offer goes to Kafka, however long Kafka takes to fail.
   *
   * @param transactionalIdPrefix with a random suffix, the producer's transactional id (one
   *     producer per service instance)
   */
  public KafkaLineSink(String bootstrap, String topic, String transactionalIdPrefix) {
    this(bootstrap, topic, transactionalIdPrefix, null);
  }

  /**
   * The service's sink: each failed write tells {@code availability}, and while it says the topic
   * cannot be written an offer is refused at once rather than after Kafka's timeouts (10 s and
   * more, one request after the other, holding the HTTP server's worker threads). So {@code
   * availability} must be probed ({@link EventsTopicProbe}): it is the probe that says when Kafka
   * is back.
   */
  public KafkaLineSink(
      String bootstrap,
      String topic,
      String transactionalIdPrefix,
      EventsTopicAvailability availability) {
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.transactionalId = transactionalIdPrefix + "-ingest-" + UUID.randomUUID();
    this.availability = availability;
    if (availability == null) {
      this.producer = newProducer(); // on its own (a tool writing to Kafka): fails at once
      return;
    }
    // The service starts while Kafka is away (a restart during broker maintenance must not leave
    // the center unwatched): the ingest answers 503 naming Kafka, readiness says why, and the
    // first write after the probe sees the topic again creates the producer.
    KafkaException failed = replaceProducer();
    if (failed != null) {
      availability.unavailable(EventsTopicAvailability.cause(failed));
    }
  }

  private KafkaProducer<byte[], byte[]> newProducer() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    KafkaProducer<byte[], byte[]> p =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    try {
      p.initTransactions();
    } catch (KafkaException e) {
      p.close(Duration.ZERO); // its network thread would otherwise go on trying
      throw e;
    }
    return p;
  }

  @Override
  public boolean offer(List<String> lines) {
    return submit(lines) instanceof OfferResult.Taken;
  }

  @Override
  public OfferResult submit(List<String> lines) {
    if (lines.isEmpty()) {
      return OfferResult.TAKEN;
    }
    // Before the lock too: a request must not queue behind one waiting out a commit's timeouts.
    OfferResult refused = refusedWhileUnavailable();
    return refused != null ? refused : write(lines);
  }

  /** Unavailable while the availability says so; null otherwise (and on a sink on its own). */
  private OfferResult refusedWhileUnavailable() {
    return availability == null
        ? null
        : availability.unavailable().map(OfferResult.Unavailable::new).orElse(null);
  }

  private synchronized OfferResult write(List<String> lines) {
    OfferResult refused = refusedWhileUnavailable();
    if (refused != null) {
      return refused;
    }
    if (producer == null) {
      KafkaException failed = replaceProducer();
      if (failed != null) {
        return unavailable(EventsTopicAvailability.cause(failed));
      }
    }
    try {
      producer.beginTransaction();
      for (String line : lines) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(KafkaTopics.VALIDATED_HEADER, new byte[] {1});
        producer.send(
            new ProducerRecord<byte[], byte[]>(
                topic,
                (Integer) null,
                CenterKey.of(line),
                line.getBytes(StandardCharsets.UTF_8),
                headers));
      }
    } catch (KafkaException e) {
      return abandon(lines, e);
    }
    return commit(lines);
  }

  /**
   * Commits the open transaction. A commit that timed out (the broker away) may already be under
   * way at the transaction coordinator, so Kafka forbids aborting it and demands the same commit
   * again: it is retried until it succeeds or {@link #COMMIT_RETRY} has passed. After that the
   * outcome is unknown; a new producer with the same transactional id settles it at the coordinator
   * (completed if the commit had reached it, else aborted), and the request is answered 503 so the
   * client retries: at worst its lines are then in the topic twice, never lost.
   */
  private OfferResult commit(List<String> lines) {
    long deadline = System.nanoTime() + COMMIT_RETRY.toNanos();
    while (true) {
      try {
        producer.commitTransaction();
        return OfferResult.TAKEN;
      } catch (TimeoutException e) {
        if (System.nanoTime() - deadline > 0) {
          LOG.error(
              "Kafka did not confirm the commit of {} ingested lines within {}: answering 503;"
                  + " the client's retry may write them twice",
              lines.size(),
              COMMIT_RETRY);
          replaceProducer();
          return unavailable(
              "the commit was not confirmed within "
                  + COMMIT_RETRY.toSeconds()
                  + " s ("
                  + EventsTopicAvailability.cause(e)
                  + ")");
        }
        LOG.warn("Kafka commit of {} lines timed out, retrying it: {}", lines.size(), e.toString());
      } catch (KafkaException e) {
        return abandon(lines, e);
      }
    }
  }

  /** Aborts the open transaction (none of the lines becomes visible) and answers 503. */
  private OfferResult abandon(List<String> lines, KafkaException cause) {
    if (cause instanceof ProducerFencedException
        || cause instanceof OutOfOrderSequenceException
        || cause instanceof AuthorizationException) {
      LOG.error("Kafka ingest producer failed, creating a new one: {}", cause.toString());
      replaceProducer();
      return unavailable(EventsTopicAvailability.cause(cause));
    }
    LOG.warn("Kafka ingest of {} lines failed, answering 503: {}", lines.size(), cause.toString());
    try {
      producer.abortTransaction();
    } catch (KafkaException | IllegalStateException abortFailed) {
      // The producer cannot abort (its state forbids it or the broker is away): a new producer
      // with the same transactional id aborts the transaction at the coordinator instead.
      replaceProducer();
    }
    return unavailable(EventsTopicAvailability.cause(cause));
  }

  /** The refusal of a write Kafka failed; the availability hears of it. */
  private OfferResult unavailable(String cause) {
    if (availability != null) {
      availability.unavailable(cause);
    }
    return new OfferResult.Unavailable(EventsTopicAvailability.reason(bootstrap, topic, cause));
  }

  /**
   * Closes the producer and creates another; answers why not (and leaves no producer) while Kafka
   * is away, null when it did.
   */
  private KafkaException replaceProducer() {
    if (producer != null) {
      try {
        producer.close(Duration.ZERO);
      } catch (KafkaException ignored) {
        // the old producer is gone either way
      }
      producer = null;
    }
    try {
      producer = newProducer();
      return null;
    } catch (KafkaException e) {
      LOG.error("cannot create a Kafka ingest producer: {}", e.toString());
      return e;
    }
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close();
    }
  }
}
