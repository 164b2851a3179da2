package io.cscmon.flink.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cscmon.core.sim.QueueConfig;
import io.cscmon.core.sim.SimulationConfig;
import io.cscmon.core.sim.Simulator;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The queue-growth benchmark's centers: the default queues split into n, the same volume. */
class BenchQueueGrowthTest {

  @Test
  void splitsTheDefaultQueuesKeepingTheirShares() {
    double defaults =
        SimulationConfig.defaultQueues().stream().mapToDouble(QueueConfig::share).sum();
    for (int n : new int[] {1, 7, 10, 1000}) {
      List<QueueConfig> queues = BenchQueueGrowth.queues(n);
      assertEquals(n, queues.size());
      assertEquals(n, queues.stream().map(QueueConfig::name).distinct().count(), "unique names");
      double shares = queues.stream().mapToDouble(QueueConfig::share).sum();
      if (n >= SimulationConfig.defaultQueues().size()) {
        assertEquals(defaults, shares, 1e-9, n + " queues");
      }
    }
  }

  @Test
  void callsSpreadOverManyOfAHundredQueues() {
    SimulationConfig cfg =
        SimulationConfig.builder()
            .seed(7)
            .start(BenchQueueGrowth.START)
            .queues(BenchQueueGrowth.queues(100))
            .build();
    StringWriter out = new StringWriter();
    Simulator.writeNdjson(cfg, Duration.ofHours(1), out);
    Matcher m = Pattern.compile("\"queue\":\"([a-z_]+_\\d+)\"").matcher(out.toString());
    Set<String> seen = new HashSet<>();
    while (m.find()) {
      seen.add(m.group(1));
    }
    assertTrue(seen.size() >= 90, "queues with calls in an hour of business: " + seen.size());
  }
}
