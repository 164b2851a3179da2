package io.cscmon.core.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * Each detector's input events per thread-CPU second, round after round ({@link DetectorRun}): on
 * this shared machine JMH's wall-clock scores move with the other tenants' load, the thread's CPU
 * time much less. Uses only public API, so the same class measures an older jar too: {@code java
 * -cp OLD.jar:monitor-core/target/test-classes io.cscmon.core.bench.DetectorCpu 200000 5
 * [detector...]}.
 */
public final class DetectorCpu {
  private DetectorCpu() {}

  public static void main(String[] args) {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<String> names =
        args.length > 2 ? List.of(args).subList(2, args.length) : DetectorRun.NAMES;
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    for (String name : names) {
      DetectorRun run = DetectorRun.of(name, events);
      long[] alerts = new long[1];
      double best = Double.MAX_VALUE;
      StringBuilder all = new StringBuilder();
      for (int round = 1; round <= rounds; round++) {
        long start = bean.getCurrentThreadCpuTime();
        run.run(out -> alerts[0] += ((List<?>) out).size());
        double ns = (double) (bean.getCurrentThreadCpuTime() - start) / events;
        best = Math.min(best, ns);
        all.append(String.format(Locale.ROOT, " %.0f", ns));
      }
      System.out.printf(
          Locale.ROOT,
          "%-20s best %6.0f CPU ns/event (rounds:%s), %d alert changes%n",
          name,
          best,
          all,
          alerts[0]);
    }
  }
}
