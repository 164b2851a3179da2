package io.cscmon.core.sim;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * How fast the simulator writes a file: a benchmark, not a test (no timing assertion anywhere).
 * Runs a warm-up day, then {@code DAYS} simulated days of the default center to {@code FILE} (or
 * nowhere with {@code -}) and prints lines per second of wall time, per second of the process's CPU
 * time (both threads of {@link PipelinedWriter}, GC and JIT included) and per second of the
 * simulating thread's CPU time; the CPU figures are those that hold on a shared machine.
 *
 * <pre>
 * mvn -B -o -q -pl monitor-core test-compile
 * java -cp monitor-core/target/classes:monitor-core/target/test-classes \
 *   io.cscmon.core.sim.SimulatorBenchmark 7 /tmp/week.ndjson
 * </pre>
 */
public final class SimulatorBenchmark {
  private SimulatorBenchmark() {}

  public static void main(String[] args) throws IOException {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    String target = args.length > 1 ? args[1] : "-";
    SimulationConfig config = SimulationConfig.builder().seed(7).build();
    Simulator.writeNdjson(config, Duration.ofDays(1), OutputStream.nullOutputStream()); // JIT

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long process0 = os.getProcessCpuTime();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    long lines;
    long bytes;
    try (CountingStream out =
        new CountingStream(
            "-".equals(target)
                ? OutputStream.nullOutputStream()
                : new BufferedOutputStream(Files.newOutputStream(Path.of(target)), 1 << 16))) {
      lines = Simulator.writeNdjson(config, Duration.ofDays(days), out);
      bytes = out.count;
    }
    double wall = (System.nanoTime() - wall0) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
    double process = (os.getProcessCpuTime() - process0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%d lines (%.0f MB) of %d simulated days to %s: %.2f s wall, %.2f s process CPU"
            + " (%.2f s simulating thread); %.0f lines/s wall, %.0f lines per process CPU second,"
            + " %.0f per simulating-thread CPU second; load average %.1f%n",
        lines,
        bytes / 1e6,
        days,
        target,
        wall,
        process,
        cpu,
        lines / wall,
        lines / process,
        lines / cpu,
        os.getSystemLoadAverage());
  }

  private static final class CountingStream extends OutputStream {
    private final OutputStream out;
    long count;

    CountingStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
