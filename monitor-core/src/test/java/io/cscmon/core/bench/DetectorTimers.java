package io.cscmon.core.bench;

import java.util.Locale;

/**
 * How often each detector's next event-time timer moves (docs/benchmarks.md, round 8): where it
 * moves after most events, the job deletes and registers a timer per event, which a timer that is
 * re-armed only when it fires early would spare. Counts, not timings:
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
  }
}
