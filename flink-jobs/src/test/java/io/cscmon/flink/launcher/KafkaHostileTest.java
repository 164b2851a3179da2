package io.cscmon.flink.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cscmon.core.testing.HostileLines;
import io.cscmon.core.testing.HostileLines.Line;
import io.cscmon.core.testing.TestSeed;
import io.cscmon.flink.kafka.KafkaBrokerExtension;
import io.cscmon.flink.kafka.KafkaTopics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile messages written straight to the events topic (by a producer that is not cscmon's
 * validating HTTP ingest), among a recorded morning: the job dead-letters each (to the dead-letter
 * topic) with its offset, field and reason, runs to the end of the topic, and its alerts are those
 * replay makes of the clean morning.
 */
class KafkaHostileTest {

  private static final int HOSTILE = 300;

  @TempDir static Path dir;
  @RegisterExtension static final KafkaBrokerExtension broker = new KafkaBrokerExtension();

  /** Draws the hostile lines; a failure names the seed that reproduces them. */
  @RegisterExtension static final TestSeed SEED = TestSeed.fromSystemProperty();

  @Test
  void hostileMessagesAreDeadLetteredAndTheJobRunsToTheEnd() throws Exception {
    Path events = dir.resolve("morning.ndjson");
    List<String> expectedAlerts =
        KafkaTopologyTest.recordedMorning(events, dir.resolve("replay-alerts.ndjson"));
    List<Line> mixed = new ArrayList<>();
    for (String l : Files.readAllLines(events)) {
      mixed.add(new Line("clean", l.getBytes(StandardCharsets.UTF_8), null, null));
    }
    long base = Instant.parse("2026-11-23T00:00:00Z").toEpochMilli();
    Random random = new Random(7);
    List<Line> hostile =
        new HostileLines(base)
            .any()
            .filter(l -> !l.valid())
            .list(HOSTILE, HOSTILE)
            .next(SEED.random(0));
    for (Line h : hostile) {
      mixed.add(1 + random.nextInt(mixed.size() - 1), h);
    }
    broker.get().createTopic("events", 1);
    broker.get().createTopic("alerts", 1);
    try (KafkaProducer<byte[], byte[]> producer = broker.get().producer()) {
      for (Line l : mixed) {
        producer.send(new ProducerRecord<>("events", l.bytes()));
      }
      producer.flush();
    }

    Path state = dir.resolve("state");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit =
        KafkaJobOptions.runJob(
            broker.get(),
            "hostile-test",
            state,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            "--checkpoint-interval 2s --state-backend hashmap --stop-at-end");
    assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();

    // One message per line: a line's offset is its 0-based index.
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < mixed.size(); i++) {
      Line l = mixed.get(i);
      if (!l.valid()) {
        expected.add(i + ":" + l.field() + ":" + l.reason().wireName());
      }
    }
    ObjectMapper json = new ObjectMapper();
    List<String> dead = new ArrayList<>();
    for (String l : broker.get().readCommitted(KafkaTopics.DEFAULT_DEAD_LETTER_TOPIC)) {
      JsonNode d = json.readTree(l);
      if (!"late".equals(d.get("reason").asText())) {
        assertThat(d.get("origin").asText()).isEqualTo("events/0");
        dead.add(
            d.get("line").asLong()
                + ":"
                + d.get("field").asText()
                + ":"
                + d.get("reason").asText());
      }
    }
    assertThat(dead).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(broker.get().readCommitted("alerts").stream().sorted().toList())
        .isEqualTo(expectedAlerts);
  }
}
