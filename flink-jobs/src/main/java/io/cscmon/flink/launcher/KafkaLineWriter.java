package io.cscmon.flink.launcher;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code simulate --kafka-bootstrap HOST:PORT --topic T}: each NDJSON line written becomes one
 * Kafka record of the topic (the value; keyed by the center, so that one center's events stay in
 * order on one partition), as the events topic of {@code run --kafka-bootstrap} expects them.
 * Idempotent, acknowledged by all in-sync replicas; {@link #flush} waits until every record sent so
 * far is acknowledged and fails if Kafka refused any.
 */
final class KafkaLineWriter extends Writer {
  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final byte[] key;
  private final StringBuilder line = new StringBuilder(256);
  private volatile Exception failure; // the first record Kafka refused, from the producer's thread
  long sent;

  KafkaLineWriter(String bootstrap, String topic, String center) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
    this.producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = topic;
    this.key = center.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void write(char[] c, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      write(c[i]);
    }
  }

  @Override
  public void write(String s) throws IOException {
    for (int i = 0; i < s.length(); i++) {
      write(s.charAt(i));
    }
  }

  @Override
  public void write(int c) throws IOException {
    if (c != '\n') {
      line.append((char) c);
      return;
    }
    byte[] value = line.toString().getBytes(StandardCharsets.UTF_8);
    line.setLength(0);
    try {
      producer.send(
          new ProducerRecord<>(topic, key, value),
          (metadata, error) -> {
            if (error != null && failure == null) {
              failure = error;
            }
          });
    } catch (RuntimeException e) {
      throw new IOException("Kafka refused a record for topic " + topic + ": " + e.getMessage(), e);
    }
    sent++;
  }

  @Override
  public void flush() throws IOException {
    producer.flush();
    Exception error = failure;
    if (error != null) {
      throw new IOException(
          "Kafka did not take the records for topic " + topic + ": " + error.getMessage(), error);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      producer.close();
    }
  }
}
