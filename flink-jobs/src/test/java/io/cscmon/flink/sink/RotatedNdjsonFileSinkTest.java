package io.cscmon.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.ingest.DeadLetterRotation;
import io.cscmon.core.metrics.DeadLetterMetrics;
import io.cscmon.flink.LocalServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's dead-letter sink rotates like the HTTP ingest's file and counts its rotations. */
class RotatedNdjsonFileSinkTest {

  @TempDir Path dir;

  /**
   * A live job's input never ends and may run without checkpoints: each dead letter is in the file
   * as soon as it is written, not when Flink next flushes the sink (never, without checkpoints).
   */
  @Test
  void eachLineIsInTheFileAsSoonAsItIsWritten() throws Exception {
    Path file = dir.resolve("dead-letters.ndjson");
    NdjsonFileSink<Integer> sink =
        NdjsonFileSink.appendingRotated(
            file, n -> "{\"n\":" + n + "}", DeadLetterRotation.defaults(), null);
    try (SinkWriter<Integer> writer = sink.createWriter(null)) {
      writer.write(1, null);
      assertThat(Files.readAllLines(file)).containsExactly("{\"n\":1}");
      writer.write(2, null);
      assertThat(Files.readAllLines(file)).containsExactly("{\"n\":1}", "{\"n\":2}");
    }
  }

  @Test
  void rotatesPastTheCapKeepingTheNewestFilesAndCountsInTheRegisteredMetrics() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    String service = "dead-letter-metrics-" + System.nanoTime();
    LocalServices.register(service, new DeadLetterMetrics(registry));
    Path file = dir.resolve("dead-letters.ndjson");
    Files.writeString(file, "left by an earlier run\n");
    try {
      NdjsonFileSink<Integer> sink =
          NdjsonFileSink.appendingRotated(
              file, n -> "{\"n\":" + n + "}", new DeadLetterRotation(20, 1), service);
      // Each line is {"n":N}\n = 8 bytes: two per file under a cap of 20.
      try (SinkWriter<Integer> writer = sink.createWriter(null)) {
        for (int n = 0; n < 5; n++) {
          writer.write(n, null);
        }
        writer.flush(false);
      }
    } finally {
      LocalServices.unregister(service);
    }
    assertThat(Files.readAllLines(file)).containsExactly("{\"n\":4}");
    assertThat(Files.readAllLines(dir.resolve("dead-letters.ndjson.1")))
        .containsExactly("{\"n\":2}", "{\"n\":3}");
    assertThat(dir.resolve("dead-letters.ndjson.2")).doesNotExist();
    assertThat(
            registry
                .get("cscmon.dead.letter.rotations")
                .tag("file", "dead-letters.ndjson")
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(registry.get("cscmon.dead.letter.dropped").counter().count()).isEqualTo(16);
  }
}
