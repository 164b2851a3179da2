package io.cscmon.flink.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.testing.EventLines;
import io.cscmon.flink.kafka.KafkaBrokerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event time per Kafka partition: three centers of the same morning, each in its own partition of
 * the events topic (as a producer keyed by center puts them), produced one partition after the
 * other. One job task reads all three, the connector hands it the partitions' records in batches of
 * minutes, yet no event is late and the alerts topic holds exactly what {@code replay} makes of the
 * three merged into one file sorted by time. Before, the task's event time was the newest of any
 * partition, and the partitions behind it went to the dead letters as late.
 */
@Tag("slow") // about 1.5 minutes: run by .ci/run with the other slow Kafka tests
class KafkaPartitionsTest {

  private static final String[] CENTERS = {"sh", "bj", "gz"};

  @TempDir static Path dir;
  @RegisterExtension static final KafkaBrokerExtension broker = new KafkaBrokerExtension();

  @Test
  void threePartitionsReadByOneTaskGiveTheAlertsOfTheMergedFile() throws Exception {
    List<List<String>> centers = new ArrayList<>();
    List<String> merged = new ArrayList<>();
    for (int c = 0; c < CENTERS.length; c++) {
      List<String> lines = simulate(CENTERS[c], c);
      centers.add(lines);
      merged.addAll(lines);
    }
    merged.sort(
        Comparator.comparingLong(EventLines::timeOf)); // stable: each center keeps its order
    Path mergedFile = Files.write(dir.resolve("merged.ndjson"), merged);
    Path replayAlerts = dir.resolve("replay-alerts.ndjson");
    assertThat(
            run(
                "replay",
                "--input",
                mergedFile.toString(),
                "--alerts-out",
                replayAlerts.toString()))
        .isZero();
    List<String> expected = Files.readAllLines(replayAlerts).stream().sorted().toList();
    assertThat(expected).as("the shortages raise alerts").isNotEmpty();

    broker.get().createTopic("events", CENTERS.length);
    broker.get().createTopic("alerts", 1);
    broker.get().createTopic("dead", 1);
    try (KafkaProducer<byte[], byte[]> producer = broker.get().producer()) {
      for (int p = 0; p < CENTERS.length; p++) {
        for (String line : centers.get(p)) {
          producer.send(
              new ProducerRecord<>(
                  "events",
                  p,
                  CENTERS[p].getBytes(StandardCharsets.UTF_8),
                  line.getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush(); // the whole partition before the next
      }
    }

    int exit =
        KafkaJobOptions.runJob(
            broker.get(),
            "partitions-test",
            dir.resolve("state"),
            KafkaTopologyTest.quiet(),
            "--dead-letter-topic dead --checkpoint-interval 2s --parallelism 1 --stop-at-end");
    assertThat(exit).isZero();

    assertThat(broker.get().readCommitted("dead")).as("no event is late").isEmpty();
    assertThat(broker.get().readCommitted("alerts").stream().sorted().toList()).isEqualTo(expected);
  }

  /** An hour of one center from 08:00 Shanghai time, with an agent shortage from 08:20. */
  private static List<String> simulate(String center, int seed) throws Exception {
    Path file = dir.resolve(center + ".ndjson");
    int exit =
        run(
            "simulate",
            "--out",
            file.toString(),
            "--hours",
            "1",
            "--seed",
            Integer.toString(seed),
            "--center",
            center,
            "--start",
            "2026-11-23T08:00:00+08:00",
            "--scenario",
            "agent-shortage@20m+30m:0.5");
    assertThat(exit).isZero();
    return Files.readAllLines(file);
  }

  private static int run(String... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    return Cscmon.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
  }
}
