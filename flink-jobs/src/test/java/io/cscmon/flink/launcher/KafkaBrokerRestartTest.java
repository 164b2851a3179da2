package io.cscmon.flink.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cscmon.flink.kafka.KafkaBrokerExtension;
import io.cscmon.flink.kafka.KafkaLineSink;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kafka broker restart loses nothing: the real broker is stopped and started again once while the
 * ingest writes the events topic and once while the detection job reads it and writes alerts. The
 * topic then holds every line exactly once, and the job's alerts are exactly replay's.
 */
@Tag("slow") // about 2 minutes: run by .ci/run with the other slow Kafka tests
class KafkaBrokerRestartTest {

  @TempDir static Path dir;
  @RegisterExtension static final KafkaBrokerExtension broker = new KafkaBrokerExtension();

  @Test
  void nothingIsLostAcrossBrokerRestarts() throws Exception {
    Path events = dir.resolve("morning.ndjson");
    List<String> expected =
        KafkaTopologyTest.recordedMorning(events, dir.resolve("replay-alerts.ndjson"));
    broker.get().createTopic("events", 1);
    broker.get().createTopic("alerts", 1);
    List<String> lines = Files.readAllLines(events);

    // The ingest side: a batch refused while the broker is away is sent again, as a client does
    // after a 503; a refused batch leaves nothing visible, so nothing is doubled either.
    try (KafkaLineSink sink =
        new KafkaLineSink(broker.get().bootstrap(), "events", "restart-test")) {
      int half = lines.size() / 2;
      offerAll(sink, lines.subList(0, half));
      CompletableFuture<Void> restart =
          CompletableFuture.runAsync(
              () -> {
                try {
                  broker.get().restart();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      offerAll(sink, lines.subList(half, lines.size()));
      restart.get(3, TimeUnit.MINUTES);
    }
    assertThat(broker.get().readCommitted("events")).isEqualTo(lines);

    // The job side: the broker goes away after the job's first checkpoint.
    Path state = dir.resolve("state");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Integer> job =
        CompletableFuture.supplyAsync(
            () ->
                KafkaJobOptions.runJob(
                    broker.get(),
                    "restart-test",
                    state,
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    "--checkpoint-interval 1s --state-backend hashmap --stop-at-end"));
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> job.isDone() || hasCheckpoint(state.resolve("checkpoints")));
    assertThat(job.isDone()).as("the job ended before its first checkpoint").isFalse();
    broker.get().restart();
    assertThat(job.get(5, TimeUnit.MINUTES)).as(out.toString(StandardCharsets.UTF_8)).isZero();

    assertThat(broker.get().readCommitted("alerts").stream().sorted().toList()).isEqualTo(expected);
  }

  private static void offerAll(KafkaLineSink sink, List<String> lines) {
    for (int i = 0; i < lines.size(); i += 2000) {
      List<String> batch = lines.subList(i, Math.min(i + 2000, lines.size()));
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> sink.offer(batch));
    }
  }

  private static boolean hasCheckpoint(Path checkpoints) throws Exception {
    if (!Files.isDirectory(checkpoints)) {
      return false;
    }
    try (var walk = Files.walk(checkpoints, 3)) {
      return walk.anyMatch(p -> Files.isRegularFile(p.resolve("_metadata")));
    } catch (UncheckedIOException racedWithFlink) {
      // Flink deleted a subsumed checkpoint's directory while it was being listed: look again.
      return false;
    }
  }
}
