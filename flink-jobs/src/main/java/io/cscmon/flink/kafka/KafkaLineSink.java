package io.cscmon.flink.kafka;

import io.cscmon.core.ingest.LineSink;
import java.nio.charset.StandardCharsets;
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
 */
public final class KafkaLineSink implements LineSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaLineSink.class);

  private final String bootstrap;
  private final String topic;
  private final String transactionalId;
  private KafkaProducer<byte[], byte[]> producer;

  /**
   * @param transactionalIdPrefix with a random suffix, the producer's transactional id (one
   *     producer per service instance)
   */
  public KafkaLineSink(String bootstrap, String topic, String transactionalIdPrefix) {
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.transactionalId = transactionalIdPrefix + "-ingest-" + UUID.randomUUID();
    this.producer = newProducer();
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
    p.initTransactions();
    return p;
  }

  @Override
  public synchronized boolean offer(List<String> lines) {
    if (lines.isEmpty()) {
      return true;
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
      commit();
      return true;
    } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException fatal) {
      LOG.error("Kafka ingest producer failed, creating a new one: {}", fatal.toString());
      replaceProducer();
      return false;
    } catch (KafkaException e) {
      LOG.warn("Kafka ingest of {} lines failed, answering 503: {}", lines.size(), e.toString());
      try {
        producer.abortTransaction();
      } catch (KafkaException | IllegalStateException abortFailed) {
        // A commit that timed out twice cannot be aborted: a new producer with the same
        // transactional id aborts the open transaction as it starts.
        replaceProducer();
      }
      return false;
    }
  }

  /**
   * Commits the open transaction. A commit that timed out (the broker away, e.g. restarting) has an
   * unknown outcome and leaves the producer able only to retry it, which then learns the outcome:
   * retried once, so that a commit the broker did make is answered 202, not 503 and resent.
   */
  private void commit() {
    try {
      producer.commitTransaction();
    } catch (TimeoutException timedOut) {
      LOG.warn("Kafka ingest commit timed out, retrying it: {}", timedOut.toString());
      producer.commitTransaction();
    }
  }

  private void replaceProducer() {
    try {
      producer.close();
    } catch (KafkaException ignored) {
      // the old producer is gone either way
    }
    try {
      producer = newProducer();
    } catch (KafkaException e) {
      LOG.error("cannot create a Kafka ingest producer: {}", e.toString());
    }
  }

  @Override
  public synchronized void close() {
    producer.close();
  }
}
