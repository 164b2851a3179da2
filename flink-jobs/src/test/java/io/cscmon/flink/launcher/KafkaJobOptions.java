package io.cscmon.flink.launcher;

import io.cscmon.flink.kafka.KafkaBroker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kafka options every Kafka test gives {@code job}, {@code run} and {@code bin/flink-cluster}:
 * the test broker, the events and alerts topics, the transactional-id prefix (unique per job) and
 * the state directory; the test adds the flags it varies, written as on a command line.
 */
final class KafkaJobOptions {
  private KafkaJobOptions() {}

  /**
   * @param flags more options, separated by spaces ({@code "--checkpoint-interval 1s
   *     --stop-at-end"})
   */
  static List<String> of(
      KafkaBroker broker,
      String events,
      String alerts,
      String transactionalIdPrefix,
      Path stateDir,
      String flags) {
    List<String> options =
        new ArrayList<>(
            List.of(
                "--kafka-bootstrap",
                broker.bootstrap(),
                "--events-topic",
                events,
                "--alerts-topic",
                alerts,
                "--transactional-id-prefix",
                transactionalIdPrefix,
                "--state-dir",
                stateDir.toString()));
    if (!flags.isBlank()) {
      options.addAll(List.of(flags.trim().split("\\s+")));
    }
    return options;
  }

  /** {@code cscmon job} in this JVM from the topic {@code events} to {@code alerts}; its exit. */
  static int runJob(
      KafkaBroker broker,
      String transactionalIdPrefix,
      Path stateDir,
      PrintStream out,
      String flags) {
    List<String> argv = new ArrayList<>(List.of("job"));
    argv.addAll(of(broker, "events", "alerts", transactionalIdPrefix, stateDir, flags));
    return Cscmon.run(argv.toArray(String[]::new), out, System.err);
  }
}
