package io.cscmon.flink.launcher;

import io.cscmon.flink.kafka.Checkpoints;
import io.cscmon.flink.kafka.KafkaTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.util.TimeUtils;

/**
 * The options of the Kafka topology: {@code --kafka-bootstrap HOST:PORT --events-topic T
 * --alerts-topic T [--kpi-topic T] [--dead-letter-topic T] [--transactional-id-prefix P]
 * [--stop-at-end]} and the checkpoints on {@code --state-dir DIR} ({@code --checkpoint-interval
 * 10s}, {@code --state-backend hashmap|rocksdb}).
 */
final class KafkaOptions {
  private KafkaOptions() {}

  /** The valued options that mean nothing without {@code --kafka-bootstrap}, in checking order. */
  private static final List<String> BESIDE_BOOTSTRAP =
      List.of(
          "events-topic",
          "alerts-topic",
          "kpi-topic",
          "dead-letter-topic",
          "transactional-id-prefix",
          "checkpoint-interval",
          "checkpoints-retained",
          "state-backend",
          "from-savepoint");

  static final Set<String> VALUED =
      Stream.concat(Stream.of("kafka-bootstrap"), BESIDE_BOOTSTRAP.stream())
          .collect(Collectors.toUnmodifiableSet());

  static final Set<String> FLAGS = Set.of("stop-at-end");

  /** The topics, or null when {@code --kafka-bootstrap} is not given. */
  static KafkaTopics topics(Args args) {
    String bootstrap = args.get("kafka-bootstrap");
    if (bootstrap == null) {
      for (String name : Stream.concat(BESIDE_BOOTSTRAP.stream(), FLAGS.stream()).toList()) {
        if (args.get(name) != null) {
          throw new Args.UsageException("--" + name + " needs --kafka-bootstrap");
        }
      }
      return null;
    }
    return new KafkaTopics(
        bootstrap,
        args.get("events-topic", "cscmon-events"),
        args.get("alerts-topic", "cscmon-alerts"),
        args.get("kpi-topic"),
        args.get("transactional-id-prefix", "cscmon"),
        args.flag("stop-at-end"),
        args.get("dead-letter-topic", KafkaTopics.DEFAULT_DEAD_LETTER_TOPIC));
  }

  static Checkpoints checkpoints(Args args, Path stateDir) {
    Duration interval;
    try {
      interval =
          args.get("checkpoint-interval") == null
              ? Checkpoints.DEFAULT_INTERVAL
              : TimeUtils.parseDuration(args.get("checkpoint-interval"));
    } catch (IllegalArgumentException e) {
      throw new Args.UsageException(
          "--checkpoint-interval must be a duration like 10s or 500ms: " + e.getMessage());
    }
    try {
      return new Checkpoints(
          stateDir,
          interval,
          args.get("state-backend", "hashmap"),
          args.integer("checkpoints-retained", Checkpoints.DEFAULT_RETAINED),
          args.get("from-savepoint") == null ? null : Path.of(args.get("from-savepoint")));
    } catch (IllegalArgumentException e) {
      throw new Args.UsageException(e.getMessage());
    }
  }
}
