package io.cscmon.flink.launcher;

import io.cscmon.core.rule.RuleTexts;
import io.cscmon.core.rule.ScaledRules;
import io.cscmon.core.sim.SimulationConfig;
import io.cscmon.core.sim.Simulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench}: the end-to-end benchmarks of issue 11 on this machine, over simulator files — the
 * replay's throughput with the default rules and how it changes with 10 → 1,000 rules, a trivial
 * keyed-window Flink job for the ratio, and the attack detectors' state for 10k → 10M distinct
 * sources. Prints one Markdown table per part (docs/benchmarks.md keeps the figures). Timings are
 * wall clock and process CPU: on a shared machine the CPU seconds are the steadier figure.
 */
final class BenchCommand {
  private BenchCommand() {}

  static final Set<String> OPTIONS =
      Set.of(
          "hours",
          "seed",
          "work",
          "only",
          "rules",
          "sources",
          "trivial-events",
          "trivial-runs",
          "rate",
          "seconds",
          "marker-every",
          "out-of-orderness-seconds",
          "live-signal",
          "speed",
          "settle-seconds",
          "live-minutes",
          "queues",
          "calls-per-day");

  static final List<String> PARTS =
      List.of("replay", "rules", "trivial", "sources", "live", "sidebyside", "queues");

  /** Parts that run only when named: long, or needing what CI's smoke does not set up. */
  static final List<String> OPT_IN = List.of("live", "sidebyside", "queues");

  static int run(String[] argv, PrintStream out) throws Exception {
    Args args = Args.parse(argv, OPTIONS, Set.of());
    int hours = args.integer("hours", 24);
    if (hours < 1) {
      throw new Args.UsageException("--hours must be positive");
    }
    // live, sidebyside and queues are opt-in: they run for minutes (live needs its rate chosen for
    // the machine, sidebyside Debian's prometheus and alertmanager).
    List<String> only = list(args.get("only", "replay,rules,trivial,sources"));
    for (String part : only) {
      if (!PARTS.contains(part)) {
        throw new Args.UsageException("--only: unknown part '" + part + "', one of " + PARTS);
      }
    }
    Path work = Path.of(args.get("work", "var/bench"));
    Files.createDirectories(work);
    if (OPT_IN.containsAll(only)) {
      optIn(only, args, work, out);
      return 0;
    }
    Path input = work.resolve("bench-" + hours + "h.ndjson");
    long lines = simulate(input, hours, args.integer("seed", 7), out);

    if (only.contains("replay")) {
      out.println("\n### Replay, default rules\n");
      out.println(Run.HEADER);
      out.println(replay(input, lines, null, work.resolve("alerts.ndjson")).row("default rules"));
    }
    if (only.contains("rules")) {
      out.println("\n### Replay, rules scaled\n");
      out.println(Run.HEADER);
      for (int count : integers(args.get("rules", "10,1000"))) {
        Path dir = work.resolve("rules-" + count);
        writeRules(ScaledRules.texts(count), dir);
        out.println(replay(input, lines, dir, work.resolve("alerts.ndjson")).row(count + " rules"));
      }
    }
    if (only.contains("trivial")) {
      long events = Long.parseLong(args.get("trivial-events", "20000000"));
      // Several runs in one JVM: the first pays for the JIT, the later ones compare with the
      // replays' warm rows (each replay row after the first is warm too).
      int runs = args.integer("trivial-runs", 1);
      if (runs < 1) {
        throw new Args.UsageException("--trivial-runs must be positive");
      }
      out.println("\n### Trivial keyed-window Flink job (the ratio's denominator)\n");
      out.println(Run.HEADER);
      for (int i = 1; i <= runs; i++) {
        String name = runs == 1 ? "count per key, 1 min" : "count per key, 1 min, run " + i;
        out.println(measure(events, () -> TrivialWindowJob.run(events)).row(name));
      }
    }
    if (only.contains("sources")) {
      out.println("\n### Attack detector state by distinct sources\n");
      AttackSourceBench.run(integers(args.get("sources", "10000,100000,1000000,10000000")), out);
    }
    optIn(only, args, work, out);
    return 0;
  }

  private static void optIn(List<String> only, Args args, Path work, PrintStream out)
      throws Exception {
    if (only.contains("queues")) {
      List<Integer> sizes = integers(args.get("queues", "10,100,1000,10000"));
      int callsPerDay = args.integer("calls-per-day", 450_000);
      if (sizes.stream().anyMatch(n -> n < 1) || callsPerDay < 1) {
        throw new Args.UsageException("--queues and --calls-per-day must be positive");
      }
      BenchQueueGrowth.run(
          sizes, args.integer("hours", 2), callsPerDay, args.integer("seed", 7), work, out);
    }
    if (only.contains("sidebyside")) {
      double speed = args.decimal("speed", 10);
      int settle = args.integer("settle-seconds", 0);
      int liveMinutes = args.integer("live-minutes", (int) BenchSideBySide.LIVE.toMinutes());
      if (!(speed >= 1) || settle < 0 || liveMinutes < 1) {
        throw new Args.UsageException(
            "--speed must be at least 1 (real time), --settle-seconds not negative,"
                + " --live-minutes positive");
      }
      BenchSideBySide.run(
          speed, args.integer("seed", 7), settle, Duration.ofMinutes(liveMinutes), work, out);
    }
    if (only.contains("live")) {
      live(args, work, out);
    }
  }

  private static void live(Args args, Path work, PrintStream out) throws Exception {
    int rate = args.integer("rate", 50_000);
    int seconds = args.integer("seconds", 60);
    int markerEvery = args.integer("marker-every", 5);
    int lateness = args.integer("out-of-orderness-seconds", 30);
    if (rate < 10 || seconds < 1 || markerEvery < 1 || lateness < 0) {
      throw new Args.UsageException(
          "--rate (at least 10), --seconds and --marker-every must be positive,"
              + " --out-of-orderness-seconds not negative");
    }
    String signal = args.get("live-signal", LiveLatencyBench.INSTANT_SIGNAL);
    if (!List.of(LiveLatencyBench.INSTANT_SIGNAL, LiveLatencyBench.MINUTE_SIGNAL)
        .contains(signal)) {
      throw new Args.UsageException(
          "--live-signal: one of "
              + LiveLatencyBench.INSTANT_SIGNAL
              + " (default) or "
              + LiveLatencyBench.MINUTE_SIGNAL);
    }
    out.printf(
        Locale.ROOT,
        "%n### Live latency, HTTP ingest to webhook (%d s at %,d events/s offered, a marker every"
            + " %d s, out-of-orderness %d s, rule on %s with hold 0s)%n%n",
        seconds,
        rate,
        markerEvery,
        lateness,
        signal);
    LiveLatencyBench.run(
        rate, seconds, markerEvery, Duration.ofSeconds(lateness), signal, work, out);
  }

  /** Writes the simulated center's first {@code hours} from the default start, once per size. */
  private static long simulate(Path file, int hours, int seed, PrintStream out) throws IOException {
    SimulationConfig cfg = SimulationConfig.builder().seed(seed).build();
    long lines;
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      lines = Simulator.writeNdjson(cfg, Duration.ofHours(hours), writer);
    }
    out.printf(
        Locale.ROOT,
        "input: %s, %d events (%d simulated hours, seed %d)%n",
        file,
        lines,
        hours,
        seed);
    return lines;
  }

  /** The {@code replay} command over {@code input}, measured; {@code rules} null for defaults. */
  static Run replay(Path input, long lines, Path rules, Path alertsOut) throws Exception {
    List<String> argv =
        new ArrayList<>(List.of("--input", input.toString(), "--alerts-out", alertsOut.toString()));
    if (rules != null) {
      argv.addAll(List.of("--rules", rules.toString()));
    }
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return measure(lines, () -> ReplayCommand.run(argv.toArray(new String[0]), quiet));
  }

  private static void writeRules(RuleTexts texts, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, String> file : texts.files().entrySet()) {
      Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
    }
  }

  interface Body {
    void run() throws Exception;
  }

  /** Runs {@code body} over {@code events} events; wall and CPU time, peak heap. */
  static Run measure(long events, Body body) throws Exception {
    System.gc();
    try (HeapPeak heap = HeapPeak.start()) {
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      body.run();
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpu = (processCpuNanos() - cpu0) / 1e9;
      return new Run(events, wall, cpu, heap.peakBytes());
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** One measured run. Includes the embedded cluster's start and stop (about 2–3 s). */
  record Run(long events, double wallSeconds, double cpuSeconds, long peakHeapBytes) {
    static final String HEADER =
        "| run | events | wall s | events/s (wall) | CPU s | events per CPU s | peak heap MiB |\n"
            + "|---|---:|---:|---:|---:|---:|---:|";

    String row(String name) {
      return String.format(
          Locale.ROOT,
          "| %s | %d | %.1f | %,.0f | %.1f | %,.0f | %d |",
          name,
          events,
          wallSeconds,
          events / wallSeconds,
          cpuSeconds,
          events / cpuSeconds,
          peakHeapBytes >> 20);
    }
  }

  private static List<String> list(String csv) {
    return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static List<Integer> integers(String csv) {
    try {
      return list(csv).stream().map(Integer::parseInt).toList();
    } catch (NumberFormatException e) {
      throw new Args.UsageException(
          "expected a comma-separated list of integers, got '" + csv + "'");
    }
  }
}
