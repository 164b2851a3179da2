package io.cscmon.flink.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.flink.kafka.Checkpoints;
import io.cscmon.flink.kafka.ChildJvm;
import io.cscmon.flink.kafka.KafkaBrokerExtension;
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

  private static final RecordedDay DAY = RecordedDay.get();

  /** The day's morning in a new events topic, and a new alerts topic. */
  private static void morningInTopic(String events, String alerts) throws Exception {
    broker.get().createTopic(events, 1);
    broker.get().createTopic(alerts, 1);
    broker.get().ingest(events, DAY.morning());
  }

  /**
   * {@code run} on the topics; {@code --stop-at-end} (the restart) reads to the end, then exits.
   */
  private static List<String> runCommand(
      String events, String alerts, Path stateDir, boolean stopAtEnd) {
    List<String> command = new ArrayList<>(List.of("run"));
    command.addAll(
        KafkaJobOptions.of(
            broker.get(),
            events,
            alerts,
            events,
            stateDir,
            "--checkpoint-interval 1s --parallelism 2 --http-host 127.0.0.1 --http-port 0"));
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
    morningInTopic("events", "alerts");
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
        committedAtKill, DAY.expected().size());
    assertThat(committedAtKill)
        .as("killed midway: some but not all alerts were committed")
        .isPositive()
        .isLessThan(DAY.expected().size());

    broker.get().ingest("events", DAY.afternoon());
    finishRun(runCommand("events", "alerts", stateDir, true), log);
    DAY.assertAlertsOfReplay(broker.get().readCommitted("alerts"));
  }

  /**
   * An older build's {@code cscmon.jar} for the upgrade test's first run ({@code
   * -Dcscmon.upgrade.from=PATH}): the savepoint is then an older build's, restored by this one —
   * the check of a change to the job's graph (docs/deploy.md, uids). Without it both runs are this
   * build.
   */
  private static final String UPGRADE_FROM = System.getProperty("cscmon.upgrade.from", "");

  /**
   * The savepoint-based upgrade of {@code run}: SIGTERM stops the job with a savepoint in {@code
   * STATE_DIR/savepoints}, the next start (the new jar) restores it: no alert lost, none twice.
   */
  @Test
  void sigtermStopsWithASavepointThatTheNextStartResumesFrom() throws Exception {
    morningInTopic("events-upgrade", "alerts-upgrade");
    Path stateDir = dir.resolve("state-upgrade");
    Path log = dir.resolve("upgrade.log");
    List<String> command = runCommand("events-upgrade", "alerts-upgrade", stateDir, false);

    boolean upgrade = !UPGRADE_FROM.isBlank();
    System.out.printf(
        "KafkaCrashRecoveryTest: the first run on %s%n", upgrade ? UPGRADE_FROM : "this build");
    Process first =
        ChildJvm.start(
            upgrade ? UPGRADE_FROM : ChildJvm.classpath(),
            "io.cscmon.flink.launcher.Cscmon",
            jvm(),
            command,
            log);
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
        committedAtStop, committed, DAY.expected().size());
    assertThat(committed).as("stopped midway").isLessThan(DAY.expected().size());

    broker.get().ingest("events-upgrade", DAY.afternoon());
    finishRun(runCommand("events-upgrade", "alerts-upgrade", stateDir, true), log);
    assertThat(Files.readString(log)).contains("restored from " + checkpoints.savepoints());
    DAY.assertAlertsOfReplay(broker.get().readCommitted("alerts-upgrade"));
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
    return broker
        .get()
        .awaitCommitted(
            topic,
            Duration.ofMinutes(3),
            committed -> {
              assertThat(run.isAlive()).as("the first run is still going; see %s", log).isTrue();
              return !committed.isEmpty();
            })
        .size();
  }
}
