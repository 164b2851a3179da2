package io.cscmon.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.manager.Acks;
import io.cscmon.core.manager.Matcher;
import io.cscmon.core.manager.Silence;
import io.cscmon.core.manager.Silences;
import io.cscmon.core.testing.FakeClock;
import io.cscmon.core.testing.TestAlerts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

  @TempDir Path dir;

  @Test
  void recordsSurviveReopenAndATornLastRecordIsDropped() throws Exception {
    Path file = dir.resolve("j.ndjson");
    try (Journal j = Journal.open(file)) {
      j.append("{\"a\":1}");
      j.append("{\"a\":2}");
    }
    Files.writeString(file, "{\"a\":3", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    try (Journal j = Journal.open(file)) {
      assertThat(j.recovered()).containsExactly("{\"a\":1}", "{\"a\":2}");
      j.append("{\"a\":4}");
    }
    try (Journal j = Journal.open(file)) {
      assertThat(j.recovered()).containsExactly("{\"a\":1}", "{\"a\":2}", "{\"a\":4}");
      j.rewrite(List.of("{\"b\":1}"));
      j.append("{\"b\":2}");
    }
    assertThat(Files.readAllLines(file)).containsExactly("{\"b\":1}", "{\"b\":2}");
  }

  @Test
  void anInterruptedWriterNeitherFailsNorDisablesTheJournal() {
    Path file = dir.resolve("j.ndjson");
    try (Journal j = Journal.open(file)) {
      Thread.currentThread().interrupt(); // a notifier being stopped mid-append
      try {
        j.append("{\"a\":1}");
      } finally {
        assertThat(Thread.interrupted()).isTrue();
      }
      j.append("{\"a\":2}");
    }
    try (Journal j = Journal.open(file)) {
      assertThat(j.recovered()).containsExactly("{\"a\":1}", "{\"a\":2}");
    }
  }

  @Test
  void silencesAndAcksSurviveARestart() {
    FakeClock clock = new FakeClock(Instant.parse("2026-11-27T02:00:00Z"));
    Path silenceFile = dir.resolve("silences.ndjson");
    Path ackFile = dir.resolve("acks.ndjson");
    Alert alert = TestAlerts.firing("retail", "II", TestAlerts.T0);
    String id;
    long now = clock.millis();
    try (Journal sj = Journal.open(silenceFile);
        Journal aj = Journal.open(ackFile)) {
      Silences silences = new Silences(clock, sj);
      id =
          silences
              .save(
                  new Silence(
                      "",
                      List.of(
                          Matcher.parse("queue=~\"retail|vip\""), Matcher.parse("center=\"sh\"")),
                      now,
                      now + 3_600_000,
                      "zhang.wei",
                      "maintenance \"window\"",
                      now))
              .id();
      Silence expired =
          silences.save(
              new Silence(
                  "", List.of(Matcher.equal("queue", "x")), now, now + 1000, "li", "c", now));
      silences.expire(expired.id());
      new Acks(clock, aj).ack(alert, "wang.fang", "on it");
    }
    clock.advance(Duration.ofMinutes(10));
    try (Journal sj = Journal.open(silenceFile);
        Journal aj = Journal.open(ackFile)) {
      Silences silences = new Silences(clock, sj);
      assertThat(silences.mutedBy(Map.of("queue", "vip", "center", "sh"))).containsExactly(id);
      assertThat(silences.get(id).orElseThrow().comment()).isEqualTo("maintenance \"window\"");
      assertThat(silences.list()).hasSize(2);
      assertThat(silences.mutes(Map.of("queue", "x"))).isFalse();
      assertThat(new Acks(clock, aj).of(alert).orElseThrow().by()).isEqualTo("wang.fang");
    }
    clock.advance(Duration.ofDays(6)); // past retention: forgotten and compacted away
    try (Journal sj = Journal.open(silenceFile)) {
      assertThat(new Silences(clock, sj).list()).isEmpty();
    }
    try (Journal sj = Journal.open(silenceFile)) {
      assertThat(sj.recovered()).isEmpty();
    }
  }
}
