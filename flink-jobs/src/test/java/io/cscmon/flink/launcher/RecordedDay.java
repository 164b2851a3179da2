package io.cscmon.flink.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.testing.EventLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The recorded day of the restart and upgrade tests (a crash, a savepoint, an upgrade on the
 * cluster): a simulated day with an agent shortage in the morning and one in the evening, and what
 * {@code replay} makes of it, the alerts every interrupted run must end up with. Made once per test
 * JVM, so that the slow tests that need it share the minute it costs.
 *
 * <p>The morning's shortage resolves by 13:00, the evening's starts at 17:00: a first run given
 * only the {@link #morning()} is stopped with some but never all of the day's alerts committed,
 * however fast the machine; the {@link #afternoon()} is what it never saw.
 */
final class RecordedDay {

  private static RecordedDay day;

  private final List<String> lines;
  private final List<String> expected;
  private final int firstAfternoonLine;

  private RecordedDay(List<String> lines, List<String> expected) {
    this.lines = lines;
    this.expected = expected;
    long afternoon = OffsetDateTime.parse("2026-11-23T13:00:00+08:00").toInstant().toEpochMilli();
    int first = 0;
    while (first < lines.size() && EventLines.timeOf(lines.get(first)) < afternoon) {
      first++;
    }
    assertThat(first).as("the simulated day has an afternoon").isLessThan(lines.size());
    this.firstAfternoonLine = first;
  }

  static synchronized RecordedDay get() {
    if (day == null) {
      day = simulateAndReplay();
    }
    return day;
  }

  private static RecordedDay simulateAndReplay() {
    try {
      Path dir = Files.createTempDirectory("recorded-day");
      Path file = dir.resolve("day.ndjson");
      List<String> expected =
          simulateAndReplay(
              file,
              dir.resolve("replay-alerts.ndjson"),
              "--hours",
              "24",
              "--start",
              "2026-11-23T00:00:00+08:00",
              "--scenario",
              "agent-shortage@9h+1h:0.4",
              "--scenario",
              "agent-shortage@17h+1h:0.4");
      RecordedDay made = new RecordedDay(Files.readAllLines(file), expected);
      assertThat(made.expected).as("both shortages raise and resolve alerts").hasSizeGreaterThan(4);
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
      return made;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Simulates into {@code events} ({@code simulate --out events SIMULATE...}), replays it at
   * parallelism 2 into {@code replayAlerts} and returns replay's alerts, sorted.
   */
  static List<String> simulateAndReplay(Path events, Path replayAlerts, String... simulate)
      throws IOException {
    List<String> argv = new ArrayList<>(List.of("simulate", "--out", events.toString()));
    argv.addAll(List.of(simulate));
    assertThat(Cscmon.run(argv.toArray(String[]::new), KafkaTopologyTest.quiet(), System.err))
        .isZero();
    String[] replay = {
      "replay",
      "--input",
      events.toString(),
      "--alerts-out",
      replayAlerts.toString(),
      "--parallelism",
      "2"
    };
    assertThat(Cscmon.run(replay, KafkaTopologyTest.quiet(), System.err)).isZero();
    return Files.readAllLines(replayAlerts).stream().sorted().toList();
  }

  List<String> morning() {
    return lines.subList(0, firstAfternoonLine);
  }

  List<String> afternoon() {
    return lines.subList(firstAfternoonLine, lines.size());
  }

  /** Replay's alert state changes of the whole day, sorted. */
  List<String> expected() {
    return expected;
  }

  /**
   * An alerts topic after interruptions holds exactly replay's alerts of the day: none lost, none
   * invented, none twice.
   */
  void assertAlertsOfReplay(List<String> alertsTopic) {
    assertThat(alertsTopic).as("none twice").doesNotHaveDuplicates();
    assertThat(alertsTopic.stream().sorted().toList()).isEqualTo(expected);
  }
}
