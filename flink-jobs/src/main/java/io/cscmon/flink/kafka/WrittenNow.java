package io.cscmon.flink.kafka;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A record serializer whose Kafka messages carry the time they are written, not the event time of
 * the Flink record behind them (Flink's default). Alerts, KPIs and dead letters carry their event
 * times in their JSON; a message timestamp from the event time made Kafka's time-based retention
 * delete them at once whenever the data was older than the topic's retention: a backfill of last
 * week's events lost its alerts, and KafkaCrashRecoveryTest's recorded day (2026-11-23) lost its
 * first alerts from the broker a week later.
 */
final class WrittenNow<T> implements KafkaRecordSerializationSchema<T> {

  private final KafkaRecordSerializationSchema<T> inner;

  WrittenNow(KafkaRecordSerializationSchema<T> inner) {
    this.inner = inner;
  }

  @Override
  public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext)
      throws Exception {
    inner.open(context, sinkContext);
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      T element, KafkaSinkContext context, Long timestamp) {
    return inner.serialize(element, context, null); // null: the producer stamps the send time
  }
}
