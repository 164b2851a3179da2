package io.cscmon.flink.launcher;

import io.cscmon.core.detect.CredentialStuffingState;
import io.cscmon.core.detect.DdosState;
import io.cscmon.core.detect.Detector;
import io.cscmon.core.detect.Detectors;
import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.Event;
import io.cscmon.core.rule.DetectorSettings;
import io.cscmon.core.sim.SimulationConfig;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * Issue 6's memory benchmark: the credential-stuffing and DDoS detectors (the ones keyed by channel
 * that see every source) fed {@code n} distinct source IPs within one hour of event time, all
 * failures or requests. Reports the heap the detector state holds after a full GC, its own {@code
 * byteSize()} account, bytes per tracked source and events per second. The detectors' timers fire
 * as event time passes them, as in the job.
 */
final class AttackSourceBench {
  private AttackSourceBench() {}

  private static final long HOUR_MS = 3_600_000L;
  private static final long START = SimulationConfig.DEFAULT_START;

  static void run(List<Integer> counts, PrintStream out) {
    out.println(
        "| detector | distinct sources | heap held MiB | byteSize() KiB | bytes per source |"
            + " events/s | heap limit MiB |");
    out.println("|---|---:|---:|---:|---:|---:|---:|");
    long limit = Runtime.getRuntime().maxMemory() >> 20;
    for (int n : counts) {
      measure(
          "credential-stuffing",
          n,
          Detectors.credentialStuffing(DetectorSettings.defaults()),
          i ->
              new AuthEvent(
                  START + i * HOUR_MS / n, "default", "web", ip(i), "acct-" + i, false, "password"),
          CredentialStuffingState::byteSize,
          limit,
          out);
      measure(
          "ddos",
          n,
          Detectors.ddos(DetectorSettings.defaults(), SimulationConfig.DEFAULT_ZONE),
          i -> new AccessEvent(START + i * HOUR_MS / n, "default", "web", ip(i), "/", 200, 20.0, 1),
          DdosState::byteSize,
          limit,
          out);
    }
  }

  private static <E extends Event, S> void measure(
      String name,
      int n,
      Detector<E, S> detector,
      LongFunction<E> event,
      ToLongFunction<S> byteSize,
      long limitMiB,
      PrintStream out) {
    long before = heapAfterGc();
    long t0 = System.nanoTime();
    E first = event.apply(0);
    S state = detector.newState(first);
    long timer = Long.MAX_VALUE;
    long alerts = 0;
    for (long i = 0; i < n; i++) {
      E e = i == 0 ? first : event.apply(i);
      while (timer <= e.ts()) {
        alerts += detector.onTimer(state, timer).size();
        long next = detector.nextTimer(state);
        timer = next > timer ? next : Long.MAX_VALUE;
      }
      alerts += detector.onEvent(state, e).size();
      timer = detector.nextTimer(state);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long held = heapAfterGc() - before;
    out.printf(
        Locale.ROOT,
        "| %s | %,d | %.1f | %.1f | %.2f | %,.0f | %d |%n",
        name,
        n,
        held / 1048576.0,
        byteSize.applyAsLong(state) / 1024.0,
        (double) Math.max(held, 0) / n,
        n / seconds,
        limitMiB);
    // Keeps the state reachable until measured; the alerts only keep the work from being elided.
    if (alerts < 0 || state == null) {
      throw new IllegalStateException();
    }
  }

  /** The {@code i}-th address of 10.0.0.0/8 and beyond: distinct for every i below 2^32. */
  private static String ip(long i) {
    long a = (10 + (i >>> 24)) & 0xff;
    return a + "." + ((i >>> 16) & 0xff) + "." + ((i >>> 8) & 0xff) + "." + (i & 0xff);
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
