package io.cscmon.flink.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.testing.EventLines;
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

  /** The recorded day and its replay, made once for both tests. */
  private static List<String> lines;

  private static List<String> expected;

  /** Simulates the day, replays it (the expected alerts) and produces it to {@code events}. */
  private static void dayInTopic(String events, String alerts) throws Exception {
    if (expected == null) {
      Path day = dir.resolve("day.ndjson");
      Path replayAlerts = dir.resolve("replay-alerts.ndjson");
      assertThat(
              Cscmon.run(
                  new String[] {
                    "simulate",
                    "--out",
                    day.toString(),
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
                    day.toString(),
                    "--alerts-out",
                    replayAlerts.toString(),
                    "--parallelism",
                    "2"
                  },
                  KafkaTopologyTest.quiet(),
                  System.err))
          .isZero();
      expected = Files.readAllLines(replayAlerts).stream().sorted().toList();
      lines = Files.readAllLines(day);
    }
    assertThat(expected).hasSizeGreaterThan(4);
    broker.get().createTopic(events, 1);
    broker.get().createTopic(alerts, 1);
    produce(events, lines.subList(0, firstAfternoonLine()));
  }

  /** Produces the afternoon to {@code events}: what the first run never saw. */
  private static void restOfDayInTopic(String events) {
    produce(events, lines.subList(firstAfternoonLine(), lines.size()));
  }

  /**
   * The morning's shortage resolves by 13:00, the evening's starts at 17:00: a first run given only
   * the morning is stopped with some but never all of the day's alerts committed, however fast the
   * machine.
   */
  private static int firstAfternoonLine() {
    long afternoon =
        java.time.OffsetDateTime.parse("2026-11-23T13:00:00+08:00").toInstant().toEpochMilli();
    for (int i = 0; i < lines.size(); i++) {
      if (EventLines.timeOf(lines.get(i)) >= afternoon) {
        return i;
      }
    }
    throw new AssertionError("the simulated day has no afternoon");
  }

  private static void produce(String events, List<String> part) {
    try (KafkaLineSink sink =
        new KafkaLineSink(broker.get().bootstrap(), events, events + "-producer")) {
      for (int i = 0; i < part.size(); i += 5000) {
        assertThat(sink.offer(part.subList(i, Math.min(i + 5000, part.size())))).isTrue();
      }
    }
  }

  /**
   * {@code run} on the topics; {@code --stop-at-end} (the restart) reads to the end, then exits.
   */
  private static List<String> runCommand(
      String events, String alerts, Path stateDir, boolean stopAtEnd) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "run",
                "--kafka-bootstrap",
                broker.get().bootstrap(),
                "--events-topic",
                events,
                "--alerts-topic",
                alerts,
                "--state-dir",
                stateDir.toString(),
                "--checkpoint-interval",
                "1s",
                "--parallelism",
                "2",
                "--http-host",
                "127.0.0.1",
                "--http-port",
                "0"));
    if (stopAtEnd) {
      command.add("--stop-at-end");
    }
    return command;
  }

  private static List<String> jvm() {
    List<String> jvm = new ArrayList<>(ChildJvm.FLINK_OPENS);
    jvm.add("-Xmx1g");
    return jvm;
  }

  @Test
  void sigkillMidStreamThenRestartGivesTheAlertsOfReplay() throws Exception {
    dayInTopic("events", "alerts");
    Path stateDir = dir.resolve("state");
    Path log = dir.resolve("run.log");
    List<String> command = runCommand("events", "alerts", stateDir, false);

    Process first = ChildJvm.start("io.cscmon.flink.launcher.Cscmon", jvm(), command, log);
    int committedAtKill;
    try {
      committedAtKill = awaitSomeAlerts(first, log, "alerts");
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

    restOfDayInTopic("events");
    finishRun(runCommand("events", "alerts", stateDir, true), log);
    List<String> alerts = broker.get().readCommitted("alerts");
    assertThat(alerts.stream().sorted().toList()).isEqualTo(expected);
  }

  /**
   * The savepoint-based upgrade of {@code run}: SIGTERM stops the job with a savepoint in {@code
   * STATE_DIR/savepoints}, the next start (the new jar) restores it: no alert lost, none twice.
   */
  @Test
  void sigtermStopsWithASavepointThatTheNextStartResumesFrom() throws Exception {
    dayInTopic("events-upgrade", "alerts-upgrade");
    Path stateDir = dir.resolve("state-upgrade");
    Path log = dir.resolve("upgrade.log");
    List<String> command = runCommand("events-upgrade", "alerts-upgrade", stateDir, false);

    Process first = ChildJvm.start("io.cscmon.flink.launcher.Cscmon", jvm(), command, log);
    int committedAtStop;
    try {
      committedAtStop = awaitSomeAlerts(first, log, "alerts-upgrade");
      first.destroy(); // SIGTERM: the shutdown hook stops the job with a savepoint
      assertThat(first.waitFor(3, TimeUnit.MINUTES)).as(() -> "stopped; " + tail(log)).isTrue();
    } finally {
      first.destroyForcibly();
    }
    assertThat(Files.readString(log)).as(() -> tail(log)).contains("stopped with savepoint");
    Checkpoints checkpoints = new Checkpoints(stateDir, Duration.ofSeconds(1), "hashmap");
    assertThat(checkpoints.latest())
        .as("the savepoint is what the next start restores")
        .hasValueSatisfying(p -> assertThat(p).startsWith(checkpoints.savepoints()));
    int committed = broker.get().readCommitted("alerts-upgrade").size();
    System.out.printf(
        "KafkaCrashRecoveryTest: stopped with a savepoint, %d then %d of %d alert state changes"
            + " committed%n",
        committedAtStop, committed, expected.size());
    assertThat(committed).as("stopped midway").isLessThan(expected.size());

    restOfDayInTopic("events-upgrade");
    finishRun(runCommand("events-upgrade", "alerts-upgrade", stateDir, true), log);
    assertThat(Files.readString(log)).contains("restored from " + checkpoints.savepoints());
    List<String> alerts = broker.get().readCommitted("alerts-upgrade");
    assertThat(alerts).as("none twice").doesNotHaveDuplicates();
    assertThat(alerts.stream().sorted().toList()).isEqualTo(expected);
  }

  /** Starts {@code run} again on the same state directory and waits for it to finish the topic. */
  private static void finishRun(List<String> command, Path log) throws Exception {
    Process second = ChildJvm.start("io.cscmon.flink.launcher.Cscmon", jvm(), command, log);
    boolean exited = second.waitFor(5, TimeUnit.MINUTES);
    if (!exited) {
      second.destroyForcibly();
    }
    assertThat(exited).as(() -> "the restarted run finishes the topic; " + tail(log)).isTrue();
    assertThat(second.exitValue()).as(() -> "exit of the restarted run; " + tail(log)).isZero();
    assertThat(Files.readString(log)).contains("restored from");
  }

  /** The end of a child's log, for a failure's message: the temporary directory goes with it. */
  private static String tail(Path log) {
    try {
      List<String> all = Files.readAllLines(log);
      return "the end of "
          + log
          + ":\n"
          + String.join("\n", all.subList(Math.max(0, all.size() - 200), all.size()));
    } catch (java.io.IOException e) {
      return "cannot read " + log + ": " + e;
    }
  }

  /** Waits until the first run committed at least one alert; returns how many. */
  private static int awaitSomeAlerts(Process run, Path log, String topic) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      assertThat(run.isAlive()).as("the first run is still going; see %s", log).isTrue();
      int committed = broker.get().readCommitted(topic).size();
      if (committed > 0) {
        return committed;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no alert was committed within 3 minutes; see " + log);
  }
}
