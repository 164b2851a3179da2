package io.cscmon.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.metrics.DeadLetterMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dead-letter file stays under its cap, keeps N rotated files and never splits a line. */
class RotatingLineFileTest {

  @TempDir Path dir;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void rotatesToNumberedFilesKeepingTheNewestAndCountsRotations() throws Exception {
    Path file = dir.resolve("dl.ndjson");
    // Each line is "line-N\n" = 7 bytes; a cap of 20 holds two lines per file.
    try (RotatingLineFile out =
        new RotatingLineFile(
            file, new DeadLetterRotation(20, 2), new DeadLetterMetrics(registry).of("dl"), false)) {
      for (int i = 0; i < 9; i++) {
        out.write("line-" + i);
      }
    }
    assertThat(Files.readAllLines(file)).containsExactly("line-8");
    assertThat(Files.readAllLines(dir.resolve("dl.ndjson.1"))).containsExactly("line-6", "line-7");
    assertThat(Files.readAllLines(dir.resolve("dl.ndjson.2"))).containsExactly("line-4", "line-5");
    assertThat(dir.resolve("dl.ndjson.3")).doesNotExist();
    assertThat(registry.get("cscmon.dead.letter.rotations").tag("file", "dl").counter().count())
        .isEqualTo(4);
    // Two rotations deleted a full 14-byte file each (lines 0–1, then 2–3).
    assertThat(registry.get("cscmon.dead.letter.dropped").counter().count()).isEqualTo(28);
  }

  @Test
  void aLineLongerThanTheCapGoesWholeIntoAFileOfItsOwn() throws Exception {
    Path file = dir.resolve("dl.ndjson");
    String big = "x".repeat(50);
    try (RotatingLineFile out =
        new RotatingLineFile(file, new DeadLetterRotation(20, 3), b -> {}, false)) {
      out.write("small");
      out.write(big);
      out.write("after");
    }
    assertThat(Files.readAllLines(dir.resolve("dl.ndjson.2"))).containsExactly("small");
    assertThat(Files.readAllLines(dir.resolve("dl.ndjson.1"))).containsExactly(big);
    assertThat(Files.readAllLines(file)).containsExactly("after");
  }

  @Test
  void keepZeroDeletesTheFullFile() throws Exception {
    Path file = dir.resolve("dl.ndjson");
    List<Long> dropped = new ArrayList<>();
    try (RotatingLineFile out =
        new RotatingLineFile(file, new DeadLetterRotation(10, 0), dropped::add, false)) {
      out.write("aaaa");
      out.write("bbbb");
      out.write("cccc");
    }
    assertThat(Files.readAllLines(file)).containsExactly("cccc");
    assertThat(dir.resolve("dl.ndjson.1")).doesNotExist();
    assertThat(dropped).containsExactly(10L);
  }

  @Test
  void appendingCountsWhatTheFileAlreadyHolds() throws Exception {
    Path file = dir.resolve("dl.ndjson");
    Files.writeString(file, "0123456789012345\n");
    try (RotatingLineFile out =
        new RotatingLineFile(file, new DeadLetterRotation(20, 1), b -> {}, false)) {
      out.write("next");
    }
    assertThat(Files.readAllLines(dir.resolve("dl.ndjson.1"))).containsExactly("0123456789012345");
    assertThat(Files.readAllLines(file)).containsExactly("next");
  }

  @Test
  void concurrentWritersLoseAndSplitNoLine() throws Exception {
    Path file = dir.resolve("dl.ndjson");
    int writers = 4;
    int each = 500;
    // Large enough to keep every rotated file: nothing is dropped, so every line can be found.
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try (RotatingLineFile out =
        new RotatingLineFile(file, new DeadLetterRotation(4096, 1000), b -> {}, false)) {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    out.write("{\"writer\":" + writer + ",\"n\":" + i + ",\"pad\":\"abcdefgh\"}");
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    List<String> all = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        assertThat(Files.size(p)).isLessThanOrEqualTo(4096);
        all.addAll(Files.readAllLines(p));
      }
    }
    assertThat(all).hasSize(writers * each).doesNotHaveDuplicates();
    assertThat(all).allMatch(l -> l.matches("\\{\"writer\":\\d,\"n\":\\d+,\"pad\":\"abcdefgh\"}"));
    assertThat(dir.resolve("dl.ndjson.2")).exists();
  }
}
