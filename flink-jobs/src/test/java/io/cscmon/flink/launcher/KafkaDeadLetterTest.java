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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
    broker.get().createTopic("events", 1);
    broker.get().createTopic("alerts", 1);
    broker.get().createTopic("dl-dead", 1);
    String good =
        "{\"type\":\"call\",\"ts\":\"2026-11-27T10:00:00+08:00\",\"call_id\":\"c1\","
            + "\"phase\":\"arrived\"}";
    String badTs =
        "{\"type\":\"call\",\"ts\":\"yesterday\",\"call_id\":\"c2\",\"phase\":\"arrived\"}";
    List<String> sent = List.of(good, "not json", badTs);
    try (KafkaProducer<byte[], byte[]> producer = broker.get().producer()) {
      for (String line : sent) {
        producer.send(new ProducerRecord<>("events", line.getBytes(StandardCharsets.UTF_8))).get();
      }
    }

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit =
        KafkaJobOptions.runJob(
            broker.get(),
            "dead-letter-test",
            dir.resolve("state"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            "--dead-letter-topic dl-dead --checkpoint-interval 1s --parallelism 1 --stop-at-end");
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
    assertThat(notJson.get("origin").asText()).isEqualTo("events/0");
    assertThat(notJson.get("reason").asText()).isNotBlank();
    JsonNode wrongTime =
        letters.stream().filter(l -> l.get("line").asLong() == 2).findFirst().get();
    assertThat(wrongTime.get("text").asText()).isEqualTo(badTs);
    assertThat(wrongTime.get("field").asText()).isEqualTo("ts");
    assertThat(wrongTime.get("reason").asText()).isNotBlank();
  }
}
