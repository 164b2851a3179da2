package io.cscmon.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscmon.core.sim.AgentShortage;
import io.cscmon.core.sim.SimulationConfig;
import io.cscmon.core.sim.Simulator;
import io.cscmon.core.testing.EventLines;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event time is tracked per input, so one task reading several inputs of the same hours loses
 * nothing: at parallelism 1, two centers' files of the same morning give the alerts of the two
 * merged into one file sorted by time, and no event is dead-lettered as late. (Before, the task's
 * event time ran ahead with the first file read and the second file was late.) Each center stays in
 * one input: detectors see a key's events in arrival order, as Kafka keeps order per partition
 * only.
 */
class EventTimePerSplitTest {

  @RegisterExtension static final MiniClusterExtension FLINK = JobCluster.twoSlots();

  @TempDir Path dir;

  @Test
  void twoFilesOfTheSameHoursAtParallelismOneGiveTheAlertsOfTheMergedFile() throws Exception {
    // Two centers of the same morning, one file each; the merged input sorted by event time.
    Path parts = Files.createDirectories(dir.resolve("parts"));
    Path sh = morning("sh", 5, parts.resolve("sh.ndjson"));
    Path bj = morning("bj", 6, parts.resolve("bj.ndjson"));
    List<String> lines = new ArrayList<>(Files.readAllLines(sh));
    lines.addAll(Files.readAllLines(bj));
    lines.sort(Comparator.comparingLong(EventLines::timeOf)); // stable: each file keeps its order
    Path merged = Files.write(dir.resolve("merged.ndjson"), lines);

    SimulatedReplay.replay(
        List.of(FileInputs.file(merged)),
        1,
        dir.resolve("expected.ndjson"),
        dir.resolve("expected-dead.ndjson"));
    SimulatedReplay.replay(
        FileInputs.of(parts), 1, dir.resolve("actual.ndjson"), dir.resolve("actual-dead.ndjson"));

    List<String> expected = Files.readAllLines(dir.resolve("expected.ndjson"));
    assertThat(expected).as("the shortage raises alerts").isNotEmpty();
    assertThat(Files.readAllLines(dir.resolve("actual-dead.ndjson"))).isEmpty();
    assertThat(Files.readAllLines(dir.resolve("actual.ndjson"))).isEqualTo(expected);
  }

  /** An hour of one center from 08:00 Shanghai time, with an agent shortage from 08:20. */
  private static Path morning(String center, long seed, Path file) throws Exception {
    SimulationConfig config =
        SimulationConfig.builder()
            .seed(seed)
            .center(center)
            .start(Instant.parse("2026-11-23T00:00:00Z"))
            .scenario(new AgentShortage(Duration.ofMinutes(20), Duration.ofMinutes(30), 0.5))
            .build();
    try (Writer w = Files.newBufferedWriter(file)) {
      Simulator.writeNdjson(config, Duration.ofMinutes(60), w);
    }
    return file;
  }
}
