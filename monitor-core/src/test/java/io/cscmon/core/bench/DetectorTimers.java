package io.cscmon.core.bench;

import java.util.Locale;

/**
 * How often each detector's next event-time timer moves (docs/benchmarks.md, round 8): where it
 * moves after most events, an eager timer is deleted and registered per event, which the lazy one
 * {@code DetectorFunction} keeps (re-armed only when it fires early) spares: the second table
 * counts both policies' timer calls. Counts, not timings:
 *
 * <pre>
 * java -cp monitor-core/target/test-classes:flink-jobs/target/cscmon.jar \
 *   io.cscmon.core.bench.DetectorTimers 300000
 * </pre>
 */
public final class DetectorTimers {
  private DetectorTimers() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
    for (String name : DetectorRun.NAMES) {
      DetectorRun.TimerMoves t = DetectorRun.of(name, n).timerMoves();
      System.out.printf(
          Locale.ROOT,
          "%-20s %,9d events: next timer changed after %,9d (%.1f %%), %,d of them later;"
              + " %,d timers fired%n",
          name,
          t.events(),
          t.moved(),
          100.0 * t.moved() / t.events(),
          t.movedLater(),
          t.fired());
    }
    System.out.println();
    for (String name : DetectorRun.NAMES) {
      DetectorRun.TimerCalls eager = DetectorRun.of(name, n).timerCalls(false);
      DetectorRun.TimerCalls lazy = DetectorRun.of(name, n).timerCalls(true);
      System.out.printf(
          Locale.ROOT,
          "%-20s timer calls eager %,9d (%,d registers, %,d deletes), lazy %,9d (%,d registers,"
              + " %,d deletes; %,d of %,d firings stale)%n",
          name,
          eager.registers() + eager.deletes(),
          eager.registers(),
          eager.deletes(),
          lazy.registers() + lazy.deletes(),
          lazy.registers(),
          lazy.deletes(),
          lazy.stale(),
          lazy.fired());
    }
  }
}
