package io.cscmon.flink.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class WrittenNowTest {

  /**
   * A week-old alert is written with no message timestamp, so the producer stamps the send time:
   * with its event time, Kafka's 7-day retention deleted it as soon as the log was checked.
   */
  @Test
  void aMessageCarriesTheTimeItIsWrittenNotTheRecordsEventTime() {
    KafkaRecordSerializationSchema<String> flinkDefault =
        KafkaRecordSerializationSchema.<String>builder()
            .setTopic("alerts")
            .setValueSerializationSchema(new SimpleStringSchema())
            .build();
    long lastWeek = Instant.parse("2026-11-23T01:06:00Z").toEpochMilli();

    assertThat(flinkDefault.serialize("alert", null, lastWeek).timestamp()).isEqualTo(lastWeek);
    ProducerRecord<byte[], byte[]> written =
        new WrittenNow<>(flinkDefault).serialize("alert", null, lastWeek);
    assertThat(written.timestamp()).isNull();
    assertThat(written.topic()).isEqualTo("alerts");
    assertThat(new String(written.value(), StandardCharsets.UTF_8)).isEqualTo("alert");
  }
}
