package io.cscmon.flink.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cscmon.flink.kafka.KafkaBrokerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad lines posted to the events topic by a plain producer come out of the dead-letter topic, one
 * JSON object per message naming the line (the message's offset), the field and the reason, with
 * the line itself; a real KRaft broker, read with {@code read_committed}.
 */
class KafkaDeadLetterTest {

  @TempDir static Path dir;
  @RegisterExtension static final KafkaBrokerExtension broker = new KafkaBrokerExtension();

  @Test
  void rejectedLinesGoToTheDeadLetterTopic() throws Exception {
    broker.get().createTopic("dl-events", 1);
    broker.get().createTopic("dl-alerts", 1);
    broker.get().createTopic("dl-dead", 1);
    String good =
        "{\"type\":\"call\",\"ts\":\"2026-11-27T10:00:00+08:00\",\"call_id\":\"c1\","
            + "\"phase\":\"arrived\"}";
    String badTs =
        "{\"type\":\"call\",\"ts\":\"yesterday\",\"call_id\":\"c2\",\"phase\":\"arrived\"}";
    List<String> sent = List.of(good, "not json", badTs);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.get().bootstrap(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer())) {
      for (String line : sent) {
        producer.send(new ProducerRecord<>("dl-events", line)).get();
      }
    }

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit =
        Cscmon.run(
            new String[] {
              "job",
              "--kafka-bootstrap",
              broker.get().bootstrap(),
              "--events-topic",
              "dl-events",
              "--alerts-topic",
              "dl-alerts",
              "--dead-letter-topic",
              "dl-dead",
              "--transactional-id-prefix",
              "dead-letter-test",
              "--state-dir",
              dir.resolve("state").toString(),
              "--checkpoint-interval",
              "1s",
              "--parallelism",
              "1",
              "--stop-at-end"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("dead letters dl-dead");

    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> letters = new ArrayList<>();
    for (String message : broker.get().readCommitted("dl-dead")) {
      letters.add(mapper.readTree(message));
    }
    assertThat(letters).hasSize(2);
    JsonNode notJson = letters.stream().filter(l -> l.get("line").asLong() == 1).findFirst().get();
    assertThat(notJson.get("text").asText()).isEqualTo("not json");
    assertThat(notJson.get("origin").asText()).isEqualTo("dl-events/0");
    assertThat(notJson.get("reason").asText()).isNotBlank();
    JsonNode wrongTime =
        letters.stream().filter(l -> l.get("line").asLong() == 2).findFirst().get();
    assertThat(wrongTime.get("text").asText()).isEqualTo(badTs);
    assertThat(wrongTime.get("field").asText()).isEqualTo("ts");
    assertThat(wrongTime.get("reason").asText()).isNotBlank();
  }
}
