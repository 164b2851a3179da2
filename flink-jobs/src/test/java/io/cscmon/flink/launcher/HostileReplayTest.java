package io.cscmon.flink.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cscmon.core.parse.RejectReason;
import io.cscmon.core.testing.EventLines;
import io.cscmon.core.testing.HostileLines;
import io.cscmon.core.testing.HostileLines.Line;
import io.cscmon.core.testing.TestSeed;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded morning with generated hostile lines mixed in, replayed from a file: every hostile
 * line is dead-lettered with its line number, field and reason, a call later than the tolerance
 * too, the run completes, and the alerts are exactly those of the clean morning: no valid line was
 * lost and no bad one counted.
 */
class HostileReplayTest {

  private static final String START = "2026-11-23T08:00:00+08:00";
  private static final int HOSTILE = 400;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** Draws the hostile lines; a failure names the seed that reproduces them. */
  @RegisterExtension static final TestSeed SEED = TestSeed.fromSystemProperty();

  @Test
  void hostileLinesAreDeadLetteredAndTheAlertsAreThoseOfTheCleanFile() throws Exception {
    Path clean = simulatedMorning("clean.ndjson");
    List<String> cleanAlerts = replay(clean, "clean");
    assertThat(cleanAlerts).as("the shortage raises alerts").isNotEmpty();
    assertThat(nonLateDeadLetters("clean")).isEmpty();

    // Hostile lines at random places after the first line (which anchors the 7-day rule).
    long base = Instant.parse("2026-11-23T00:00:00Z").toEpochMilli();
    List<Line> hostile =
        new HostileLines(base)
            .anyWithHugeLines()
            .filter(l -> !l.valid())
            .list(HOSTILE, HOSTILE)
            .next(SEED.random(0));
    List<Line> mixed = new ArrayList<>();
    for (String l : Files.readAllLines(clean)) {
      mixed.add(new Line("clean", l.getBytes(StandardCharsets.UTF_8), null, null));
    }
    Random random = new Random(12);
    for (Line h : hostile) {
      mixed.add(1 + random.nextInt(mixed.size() - 1), h);
    }
    // A line of 20 MB is skipped unread; a call at the morning's start, put after two hours of
    // events, is later than the tolerance.
    mixed.add(
        mixed.size() / 2,
        new Line(
            "20 MB",
            ("{\"pad\":\"" + "y".repeat(20 << 20) + "\"}").getBytes(StandardCharsets.UTF_8),
            RejectReason.LINE_TOO_LONG,
            "$"));
    long morning = Instant.parse(START).toEpochMilli();
    mixed.add(
        mixed.size() * 4 / 5,
        new Line(
            "late",
            EventLines.answered(morning, "late-call", "retail", 1_000)
                .getBytes(StandardCharsets.UTF_8),
            null,
            null));
    List<String> expected = HostileLines.expectedRejections(mixed);
    Path hostileFile = dir.resolve("hostile.ndjson");
    try (OutputStream out = Files.newOutputStream(hostileFile)) {
      for (Line l : mixed) {
        out.write(l.bytes());
        out.write('\n');
      }
    }

    List<String> alerts = replay(hostileFile, "hostile");

    assertThat(nonLateDeadLetters("hostile"))
        .containsExactlyInAnyOrderElementsOf(expected.stream().sorted().toList());
    assertThat(lateDeadLetters("hostile"))
        .as("the late call, and whatever the clean file had late")
        .hasSize(lateDeadLetters("clean").size() + 1)
        .anySatisfy(l -> assertThat(l).contains("late-call"));
    assertThat(alerts).isEqualTo(cleanAlerts);
  }

  /**
   * A .gz cut short (a copy still running): the replay completes, its alerts are those of the lines
   * inflated before the break, and one dead letter names the line where the file broke off.
   */
  @Test
  void aTruncatedGzipReplaysWhatItHoldsAndDeadLettersTheBreak() throws Exception {
    Path gz = simulatedMorning("morning.ndjson.gz");
    byte[] whole = Files.readAllBytes(gz);
    Path truncated = dir.resolve("truncated.ndjson.gz");
    Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
    // What can be inflated of it: every line completed before the break.
    ByteArrayOutputStream inflated = new ByteArrayOutputStream();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(truncated))) {
      byte[] chunk = new byte[8192];
      for (int n; (n = in.read(chunk)) > 0; ) {
        inflated.write(chunk, 0, n);
      }
    } catch (EOFException expected) {
      // the break
    }
    String text = inflated.toString(StandardCharsets.UTF_8);
    List<String> readable = List.of(text.substring(0, text.lastIndexOf('\n')).split("\n"));
    Path prefix = dir.resolve("prefix.ndjson");
    Files.write(prefix, readable);

    List<String> alerts = replay(truncated, "truncated");

    assertThat(alerts).isEqualTo(replay(prefix, "prefix")).isNotEmpty();
    List<JsonNode> dead = deadLetters("truncated");
    assertThat(dead).hasSize(deadLetters("prefix").size() + 1);
    JsonNode broke =
        dead.stream()
            .filter(d -> d.get("reason").asText().equals("unreadable_input"))
            .findFirst()
            .orElseThrow();
    assertThat(broke.get("line").asLong()).isEqualTo(readable.size() + 1);
    assertThat(broke.get("field").asText()).isEqualTo("$");
    assertThat(broke.get("message").asText()).contains("breaks off");
  }

  /** A plain file named .gz is refused before the job starts, saying what to do. */
  @Test
  void aPlainFileNamedGzIsRefusedWithWhatToDo() throws Exception {
    Path named = dir.resolve("plain.ndjson.gz");
    Files.writeString(named, EventLines.arrived(Instant.parse(START).toEpochMilli(), "c1") + "\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Cscmon.run(
            new String[] {
              "replay", "--input", named.toString(), "--alerts-out", dir.resolve("a").toString()
            },
            KafkaTopologyTest.quiet(),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("is named .gz but is not gzip")
        .contains("magic bytes");
  }

  /** Three simulated hours of a morning with an agent shortage, to {@code name} in the temp dir. */
  private Path simulatedMorning(String name) {
    Path file = dir.resolve(name);
    int simulated =
        Cscmon.run(
            new String[] {
              "simulate",
              "--out",
              file.toString(),
              "--hours",
              "3",
              "--start",
              START,
              "--scenario",
              "agent-shortage@1h+1h:0.4"
            },
            KafkaTopologyTest.quiet(),
            System.err);
    assertThat(simulated).isZero();
    return file;
  }

  private List<String> replay(Path input, String name) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit =
        Cscmon.run(
            new String[] {
              "replay",
              "--input",
              input.toString(),
              "--alerts-out",
              dir.resolve(name + "-alerts.ndjson").toString(),
              "--dead-letter-out",
              dir.resolve(name + "-dead.ndjson").toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
    return Files.readAllLines(dir.resolve(name + "-alerts.ndjson"));
  }

  private List<JsonNode> deadLetters(String name) throws Exception {
    Path file = dir.resolve(name + "-dead.ndjson");
    List<JsonNode> out = new ArrayList<>();
    if (Files.exists(file)) {
      for (String l : Files.readAllLines(file)) {
        out.add(JSON.readTree(l));
      }
    }
    return out;
  }

  private List<String> nonLateDeadLetters(String name) throws Exception {
    return deadLetters(name).stream()
        .filter(d -> !"late".equals(d.get("reason").asText()))
        .map(
            d ->
                d.get("line").asLong()
                    + ":"
                    + d.get("field").asText()
                    + ":"
                    + d.get("reason").asText())
        .sorted()
        .toList();
  }

  private List<String> lateDeadLetters(String name) throws Exception {
    return deadLetters(name).stream()
        .filter(d -> "late".equals(d.get("reason").asText()))
        .map(JsonNode::toString)
        .toList();
  }
}
