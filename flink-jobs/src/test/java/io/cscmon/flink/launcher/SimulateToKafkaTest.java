package io.cscmon.flink.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cscmon.core.sim.SimulationConfig;
import io.cscmon.core.sim.Simulator;
import io.cscmon.flink.kafka.KafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate --kafka-bootstrap --topic} against a real KRaft broker from Maven artifacts. */
class SimulateToKafkaTest {

  @TempDir Path dir;

  @Test
  void producesOneRecordPerLineInOrderTheSameLinesAsTheFile() throws Exception {
    String start = "2026-11-23T09:00:00+08:00";
    try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"))) {
      broker.createTopic("sim-events", 1);
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      int rc =
          SimulateCommand.run(
              new String[] {
                "--kafka-bootstrap", broker.bootstrap(),
                "--topic", "sim-events",
                "--hours", "0.1",
                "--seed", "7",
                "--start", start,
                "--scenario", "market-shock@1m+5m:4"
              },
              new PrintStream(printed, true, StandardCharsets.UTF_8));
      assertThat(rc).isZero();

      SimulationConfig config =
          SimulationConfig.builder()
              .seed(7)
              .start(OffsetDateTime.parse(start).toInstant().toEpochMilli())
              .scenario(SimulateCommand.scenario("market-shock@1m+5m:4"))
              .build();
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      long n = Simulator.writeNdjson(config, Duration.ofMinutes(6), file);
      List<String> expected = file.toString(StandardCharsets.UTF_8).lines().toList();

      assertThat(n).isGreaterThan(1000);
      assertThat(broker.readCommitted("sim-events")).isEqualTo(expected);
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("wrote " + n + " events", "Kafka topic sim-events");
    }
  }

  @Test
  void kafkaNeedsATopicAndExcludesTheOtherOutputs() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> SimulateCommand.run(new String[] {"--kafka-bootstrap", "127.0.0.1:1"}, out))
        .isInstanceOf(Args.UsageException.class)
        .hasMessageContaining("--topic");
    assertThatThrownBy(
            () ->
                SimulateCommand.run(
                    new String[] {"--kafka-bootstrap", "127.0.0.1:1", "--topic", "t", "--out", "-"},
                    out))
        .isInstanceOf(Args.UsageException.class)
        .hasMessageContaining("one of");
  }
}
