package io.cscmon.flink.launcher;

import io.cscmon.core.sim.QueueConfig;
import io.cscmon.core.sim.SimulationConfig;
import io.cscmon.core.sim.Simulator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench --only queues}: replay throughput and heap as the center's queues grow (10 →
 * 10,000). Each size is the simulator's center with its five default queues split into {@code n}
 * (retail_0, credit_card_1, …, each default queue's share divided among its copies, its topics,
 * handle times and patience kept), the same call volume in total, simulated over business hours
 * (Monday from 09:00 at the center) and replayed with the default rules. More queues mean more
 * keyed state (per-queue windows, rolling views, baselines, rule state) and more KPI samples per
 * minute for the same calls; the simulator staffs each queue by Erlang C, so agents (and their
 * state lines) grow with the queues too.
 */
final class BenchQueueGrowth {
  private BenchQueueGrowth() {}

  /** Monday 09:00 at the center (+08:00): business hours, when every queue takes calls. */
  static final long START = SimulationConfig.DEFAULT_START + Duration.ofHours(9).toMillis();

  /** The default queues split into {@code n} queues whose shares add up to the defaults'. */
  static List<QueueConfig> queues(int n) {
    List<QueueConfig> defaults = SimulationConfig.defaultQueues();
    List<QueueConfig> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      QueueConfig base = defaults.get(i % defaults.size());
      // How many of the n copies this default queue gets (the first n % 5 get one more).
      int copies = n / defaults.size() + (i % defaults.size() < n % defaults.size() ? 1 : 0);
      out.add(
          new QueueConfig(
              base.name() + "_" + i,
              base.share() / copies,
              base.topicMix(),
              base.selfServiceRate(),
              base.meanHandleSeconds(),
              base.handleSigma(),
              base.meanPatienceSeconds(),
              1));
    }
    return out;
  }

  static void run(
      List<Integer> sizes, int hours, int callsPerDay, int seed, Path work, PrintStream out)
      throws Exception {
    out.printf(
        Locale.ROOT,
        "%n### Replay by number of queues (%d h from Monday 09:00, %,d calls a day, default"
            + " rules)%n%n",
        hours,
        callsPerDay);
    out.println(
        "| queues | events | simulate s | wall s | events/s (wall) | CPU s | events per CPU s |"
            + " peak heap MiB | alert lines | load avg |");
    out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int n : sizes) {
      SimulationConfig cfg =
          SimulationConfig.builder()
              .seed(seed)
              .start(START)
              .callsPerDay(callsPerDay)
              .queues(queues(n))
              .build();
      Path input = work.resolve("queues-" + n + ".ndjson");
      long t0 = System.nanoTime();
      long lines;
      try (Writer writer = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
        lines = Simulator.writeNdjson(cfg, Duration.ofHours(hours), writer);
      }
      double simulate = (System.nanoTime() - t0) / 1e9;
      Path alerts = work.resolve("queues-" + n + ".alerts.ndjson");
      BenchCommand.Run run = BenchCommand.replay(input, lines, null, alerts);
      out.printf(
          Locale.ROOT,
          "| %,d | %,d | %.1f | %.1f | %,.0f | %.1f | %,.0f | %d | %d | %.1f |%n",
          n,
          lines,
          simulate,
          run.wallSeconds(),
          lines / run.wallSeconds(),
          run.cpuSeconds(),
          lines / run.cpuSeconds(),
          run.peakHeapBytes() >> 20,
          countLines(alerts),
          BenchSideBySide.loadAverage());
    }
  }

  private static long countLines(Path file) throws IOException {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.count();
    }
  }
}
