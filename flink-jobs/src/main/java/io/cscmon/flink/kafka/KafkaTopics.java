package io.cscmon.flink.kafka;

import io.cscmon.core.ingest.NdjsonLines;
import io.cscmon.core.kpi.KpiSample;
import io.cscmon.core.parse.Rejection;
import io.cscmon.flink.job.DetectionJob;
import io.cscmon.flink.operators.AlertRecord;
import io.cscmon.flink.operators.DeadLetter;
import io.cscmon.flink.serial.CompactTypes;
import io.cscmon.flink.source.RawLine;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The Kafka side of the production topology: the events topic in, the alerts and KPI topics out.
 * The alert and KPI sinks write in Kafka transactions committed with Flink's checkpoints
 * (exactly-once), so consumers reading {@code read_committed} see every alert state change once,
 * also across a crash and a restart from the latest checkpoint.
 *
 * @param bootstrap the brokers, {@code HOST:PORT[,HOST:PORT...]}
 * @param eventsTopic contract NDJSON events, one or more lines per message
 * @param alertsTopic one alert object (JSON) per message, keyed by fingerprint
 * @param kpiTopic KPI samples (JSON) per message, or null for none
 * @param transactionalIdPrefix unique per running job: two jobs with the same prefix fence each
 *     other
 * @param stopAtEnd read the events topic up to the end offsets it has when the job starts, then
 *     finish (a backfill that ends like {@code replay}); otherwise read forever
 * @param deadLetterTopic the job's dead letters (rejected and late lines), one JSON object per
 *     message, exactly once like the alerts
 */
public record KafkaTopics(
    String bootstrap,
    String eventsTopic,
    String alertsTopic,
    String kpiTopic,
    String transactionalIdPrefix,
    boolean stopAtEnd,
    String deadLetterTopic)
    implements Serializable {

  public static final String DEFAULT_DEAD_LETTER_TOPIC = "cscmon-dead-letters";

  /** The topics with dead letters going to {@link #DEFAULT_DEAD_LETTER_TOPIC}. */
  public KafkaTopics(
      String bootstrap,
      String eventsTopic,
      String alertsTopic,
      String kpiTopic,
      String transactionalIdPrefix,
      boolean stopAtEnd) {
    this(
        bootstrap,
        eventsTopic,
        alertsTopic,
        kpiTopic,
        transactionalIdPrefix,
        stopAtEnd,
        DEFAULT_DEAD_LETTER_TOPIC);
  }

  /** A header the HTTP ingest sets on lines it already validated and counted. */
  public static final String VALIDATED_HEADER = "cscmon-validated";

  /** Kafka transactions must end within the broker's limit (15 min by default). */
  static final String TRANSACTION_TIMEOUT_MS = String.valueOf(10 * 60 * 1000);

  /** The events topic as a source of raw lines; starts at the earliest offset without state. */
  public DetectionJob.NamedSource source() {
    KafkaSourceBuilder<RawLine> builder =
        KafkaSource.<RawLine>builder()
            .setBootstrapServers(bootstrap)
            .setTopics(eventsTopic)
            .setGroupId(transactionalIdPrefix + "-detection")
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setDeserializer(new LineDeserializer())
            // Lines of an HTTP request are written in one transaction: all of them or none.
            .setProperty("isolation.level", "read_committed");
    if (stopAtEnd) {
      builder.setBounded(OffsetsInitializer.latest());
    } else {
      builder.setProperty("partition.discovery.interval.ms", "60000");
    }
    return new DetectionJob.NamedSource(
        new KafkaEventsSource<>(builder.build()), "Kafka " + eventsTopic);
  }

  /** Alert state changes, one alert object per message, exactly once. */
  public Sink<AlertRecord> alertSink() {
    return exactlyOnce(
        KafkaRecordSerializationSchema.<AlertRecord>builder()
            .setTopic(alertsTopic)
            .setKeySerializationSchema(new AlertKey())
            .setValueSerializationSchema(new AlertValue())
            .build(),
        "alerts");
  }

  /** KPI samples as JSON objects, exactly once. */
  public Sink<KpiSample> kpiSink() {
    return exactlyOnce(
        KafkaRecordSerializationSchema.<KpiSample>builder()
            .setTopic(kpiTopic)
            .setKeySerializationSchema(new KpiKey())
            .setValueSerializationSchema(new KpiValue())
            .build(),
        "kpis");
  }

  /**
   * Dead letters ({@link DeadLetter#toJson}: origin, line, field, reason, message, text), one per
   * message, keyed by origin so that one source's rejections keep their order; exactly once.
   */
  public Sink<DeadLetter> deadLetterSink() {
    return exactlyOnce(
        KafkaRecordSerializationSchema.<DeadLetter>builder()
            .setTopic(deadLetterTopic)
            .setKeySerializationSchema(new DeadLetterKey())
            .setValueSerializationSchema(new DeadLetterValue())
            .build(),
        "dead-letters");
  }

  private <T> Sink<T> exactlyOnce(KafkaRecordSerializationSchema<T> schema, String what) {
    return KafkaSink.<T>builder()
        .setBootstrapServers(bootstrap)
        .setRecordSerializer(new WrittenNow<>(schema))
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(transactionalIdPrefix + "-" + what)
        .setKafkaProducerConfig(producerConfig())
        .build();
  }

  private static Properties producerConfig() {
    Properties props = new Properties();
    props.setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
    return props;
  }

  /** Each message's lines (usually one), numbered by the message's offset. */
  static final class LineDeserializer implements KafkaRecordDeserializationSchema<RawLine> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawLine> out) {
      if (record.value() == null) {
        return;
      }
      boolean counted = record.headers().lastHeader(VALIDATED_HEADER) != null;
      String origin = record.topic() + "/" + record.partition();
      // Decoded line by line, strictly: a message that is not UTF-8 is rejected, not altered.
      NdjsonLines.split(
          record.value(),
          new NdjsonLines.Visitor() {
            @Override
            public void line(long lineNo, String text) {
              if (!text.isBlank()) {
                out.collect(new RawLine(origin, record.offset(), text, counted));
              }
            }

            @Override
            public void invalid(Rejection rejection, String replaced) {
              Rejection atOffset =
                  new Rejection(
                      record.offset(), rejection.field(), rejection.reason(), rejection.message());
              out.collect(RawLine.unreadable(origin, replaced, atOffset));
            }
          });
    }

    @Override
    public TypeInformation<RawLine> getProducedType() {
      return CompactTypes.RAW_LINE;
    }
  }

  static final class AlertKey implements SerializationSchema<AlertRecord> {
    @Override
    public byte[] serialize(AlertRecord alert) {
      return alert.fingerprint().getBytes(StandardCharsets.UTF_8);
    }
  }

  static final class AlertValue implements SerializationSchema<AlertRecord> {
    @Override
    public byte[] serialize(AlertRecord alert) {
      return alert.json().getBytes(StandardCharsets.UTF_8);
    }
  }

  static final class DeadLetterKey implements SerializationSchema<DeadLetter> {
    @Override
    public byte[] serialize(DeadLetter letter) {
      return letter.origin() == null ? null : letter.origin().getBytes(StandardCharsets.UTF_8);
    }
  }

  static final class DeadLetterValue implements SerializationSchema<DeadLetter> {
    @Override
    public byte[] serialize(DeadLetter letter) {
      return letter.toJson().getBytes(StandardCharsets.UTF_8);
    }
  }

  static final class KpiKey implements SerializationSchema<KpiSample> {
    @Override
    public byte[] serialize(KpiSample sample) {
      return sample.seriesKey().getBytes(StandardCharsets.UTF_8);
    }
  }

  static final class KpiValue implements SerializationSchema<KpiSample> {
    @Override
    public byte[] serialize(KpiSample sample) {
      return KpiJson.encode(sample).getBytes(StandardCharsets.UTF_8);
    }
  }
}
