package io.cscmon.flink.job;

import static io.cscmon.core.testing.TestTimes.BEGINNING;
import static io.cscmon.core.testing.TestTimes.ONE_SECOND;
import static io.cscmon.core.testing.TestTimes.minutesLater;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.AlertJson;
import io.cscmon.core.alert.AlertTime;
import io.cscmon.core.testing.EventLines;
import io.cscmon.core.testing.TestRules;
import io.cscmon.flink.operators.AlertRecord;
import io.cscmon.flink.operators.DeadLetter;
import io.cscmon.flink.sink.NdjsonFileSink;
import io.cscmon.flink.source.NumberedLineFormat;
import io.cscmon.flink.source.RawLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job live (an unbounded source) at parallelism 2 over one file: one reader has the data, the
 * other never gets a split and never ends, as with an idle Kafka partition. Its silence must not
 * stall event time for the rest (idleness), and a health feed that stops must still raise its
 * heartbeat loss although its event time stands still (the processing-time fallback).
 */
class LiveDetectionTest {

  @RegisterExtension static final MiniClusterExtension FLINK = JobCluster.twoSlots();

  @TempDir Path dir;

  /** Twenty minutes of retail calls, half of them answered late from minute 2 to 12. */
  private static List<String> lines() {
    List<String> lines = new ArrayList<>();
    int call = 0;
    for (int minute = 0; minute < 20; minute++) {
      boolean bad = minute >= 2 && minute < 12;
      for (int i = 0; i < 10; i++) {
        long ts = minutesLater(minute) + i * 6 * ONE_SECOND;
        lines.add(
            EventLines.answered(ts, "r" + call++, "retail", bad && i % 2 == 0 ? 45_000 : 5_000));
        if (i % 2 == 0 && minute < 3) {
          lines.add(EventLines.health(ts, "crm", true)); // then crm's probe stops reporting
        }
      }
    }
    return lines;
  }

  private static List<Alert> read(Path file) throws IOException {
    return Files.exists(file)
        ? Files.readAllLines(file).stream().map(AlertJson::decode).toList()
        : List.of();
  }

  @Test
  void anIdleReaderStallsNothingAndASilentHealthFeedStillRaisesItsHeartbeatLoss() throws Exception {
    Path input = dir.resolve("in");
    Files.createDirectories(input);
    Files.write(input.resolve("events.ndjson"), lines());
    Path alerts = dir.resolve("alerts.ndjson");

    StreamExecutionEnvironment env = JobCluster.environment(2);
    // The file sink flushes at checkpoints: they make its lines visible while the job runs.
    env.enableCheckpointing(500);
    FileSource<RawLine> source =
        FileSource.forRecordStreamFormat(
                new NumberedLineFormat("live"), new org.apache.flink.core.fs.Path(input.toUri()))
            .monitorContinuously(Duration.ofSeconds(1))
            .build();
    DetectionOptions options =
        new DetectionOptions(
            TestRules.ruleSet(),
            Duration.ofSeconds(2), // tolerance: the fallback's grace is this plus a second
            Duration.ofSeconds(1), // idleness
            Duration.ofMinutes(1),
            Duration.ofSeconds(20),
            Duration.ofMinutes(15),
            AlertTime.DEFAULT_ZONE,
            null);
    JobClient job =
        new DetectionJob(
                List.of(new DetectionJob.NamedSource(source, "live file")),
                List.of(NdjsonFileSink.<AlertRecord>appending(alerts, AlertRecord::json)),
                NdjsonFileSink.<DeadLetter>appending(
                    dir.resolve("dead.ndjson"), DeadLetter::toJson),
                options)
            .executeAsync(env);
    try {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(read(alerts))
                      .extracting(Alert::alertname)
                      .contains("ServiceLevelBreach", "ComponentOutage"));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "job "
              + job.getJobStatus().get()
              + ", dead letters "
              + (Files.exists(dir.resolve("dead.ndjson"))
                  ? Files.readAllLines(dir.resolve("dead.ndjson"))
                  : "none")
              + ", alerts file exists "
              + Files.exists(alerts),
          e);
    } finally {
      job.cancel().get();
    }
    Alert outage =
        read(alerts).stream()
            .filter(a -> a.alertname().equals("ComponentOutage"))
            .findFirst()
            .orElseThrow();
    // The last crm sample was at 2:48; the first that did not come was due at 2:58.
    assertThat(outage.startsAt()).isEqualTo(BEGINNING + 2 * 60_000 + 58_000);
  }
}
