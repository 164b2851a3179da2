package io.cscmon.flink.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.flink.kafka.Checkpoints;
import io.cscmon.flink.kafka.ChildJvm;
import io.cscmon.flink.kafka.KafkaBrokerExtension;
import io.cscmon.flink.kafka.KafkaLineSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded day in the events topic; {@code cscmon run --kafka-bootstrap} (its own JVM) is killed
 * with SIGKILL once part of the day's alerts are committed, and started again on the same state
 * directory. It resumes from its latest checkpoint, and the alerts topic then holds exactly the
 * alerts {@code replay} writes for the same file: none lost, none twice.
 */
@Tag("slow")
class KafkaCrashRecoveryTest {

  @TempDir static Path dir;
  @RegisterExtension static final KafkaBrokerExtension broker = new KafkaBrokerExtension();

  @Test
  void sigkillMidStreamThenRestartGivesTheAlertsOfReplay() throws Exception {
    Path events = dir.resolve("day.ndjson");
    Path replayAlerts = dir.resolve("replay-alerts.ndjson");
    assertThat(
            Cscmon.run(
                new String[] {
                  "simulate",
                  "--out",
                  events.toString(),
                  "--hours",
                  "24",
                  "--start",
                  "2026-11-23T00:00:00+08:00",
                  "--scenario",
                  "agent-shortage@9h+1h:0.4",
                  "--scenario",
                  "agent-shortage@17h+1h:0.4"
                },
                KafkaTopologyTest.quiet(),
                System.err))
        .isZero();
    assertThat(
            Cscmon.run(
                new String[] {
                  "replay",
                  "--input",
                  events.toString(),
                  "--alerts-out",
                  replayAlerts.toString(),
                  "--parallelism",
                  "2"
                },
                KafkaTopologyTest.quiet(),
                System.err))
        .isZero();
    List<String> expected = Files.readAllLines(replayAlerts).stream().sorted().toList();
    assertThat(expected).hasSizeGreaterThan(4);

    broker.get().createTopic("events", 1);
    broker.get().createTopic("alerts", 1);
    List<String> lines = Files.readAllLines(events);
    try (KafkaLineSink sink =
        new KafkaLineSink(broker.get().bootstrap(), "events", "crash-producer")) {
      for (int i = 0; i < lines.size(); i += 5000) {
        assertThat(sink.offer(lines.subList(i, Math.min(i + 5000, lines.size())))).isTrue();
      }
    }

    Path stateDir = dir.resolve("state");
    Path log = dir.resolve("run.log");
    List<String> command =
        List.of(
            "run",
            "--kafka-bootstrap",
            broker.get().bootstrap(),
            "--events-topic",
            "events",
            "--alerts-topic",
            "alerts",
            "--state-dir",
            stateDir.toString(),
            "--checkpoint-interval",
            "1s",
            "--parallelism",
            "2",
            "--http-host",
            "127.0.0.1",
            "--http-port",
            "0",
            "--stop-at-end");
    List<String> jvm = new ArrayList<>(ChildJvm.FLINK_OPENS);
    jvm.add("-Xmx1g");

    Process first = ChildJvm.start("io.cscmon.flink.launcher.Cscmon", jvm, command, log);
    int committedAtKill;
    try {
      committedAtKill = awaitSomeAlerts(first, log);
      assertThat(new Checkpoints(stateDir, Duration.ofSeconds(1), "hashmap").latest()).isPresent();
    } finally {
      first.destroyForcibly(); // SIGKILL: no shutdown hook, no final checkpoint
      first.waitFor(30, TimeUnit.SECONDS);
    }
    System.out.printf(
        "KafkaCrashRecoveryTest: SIGKILL with %d of %d alert state changes committed%n",
        committedAtKill, expected.size());
    assertThat(committedAtKill)
        .as("killed midway: some but not all alerts were committed")
        .isPositive()
        .isLessThan(expected.size());

    Process second = ChildJvm.start("io.cscmon.flink.launcher.Cscmon", jvm, command, log);
    boolean exited = second.waitFor(5, TimeUnit.MINUTES);
    if (!exited) {
      second.destroyForcibly();
    }
    assertThat(exited).as("the restarted run finishes the topic; see %s", log).isTrue();
    assertThat(second.exitValue()).as("exit of the restarted run; see %s", log).isZero();
    assertThat(Files.readString(log)).contains("restored from");

    List<String> alerts = broker.get().readCommitted("alerts");
    assertThat(alerts.stream().sorted().toList()).isEqualTo(expected);
  }

  /** Waits until the first run committed at least one alert; returns how many. */
  private static int awaitSomeAlerts(Process run, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      assertThat(run.isAlive()).as("the first run is still going; see %s", log).isTrue();
      int committed = broker.get().readCommitted("alerts").size();
      if (committed > 0) {
        return committed;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no alert was committed within 3 minutes; see " + log);
  }
}
