package io.cscmon.core.metrics;

import io.cscmon.core.event.HealthEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health dashboard's gauges, set from the {@code health} events the job has put in event time
 * (late ones already dropped), so that they say what the detectors saw:
 *
 * <ul>
 *   <li>{@code cscmon_component_up{center,component,instance}}: 1 if the instance's latest probe
 *       says up; 0 if it says down or the instance has been silent for three of its intervals while
 *       other health events of its center moved event time on (the contract's outage rule);
 *   <li>{@code cscmon_component_latency_p50_seconds}, {@code _p99_seconds}: the probe's latencies;
 *   <li>{@code cscmon_component_error_ratio}: errors ÷ requests of the latest sample;
 *   <li>{@code cscmon_component_error_budget_burn_rate{center,component,window}}: errors ÷ requests
 *       of all instances over the last 1, 3, 5 and 30 event-time minutes (the burn-rate detector's
 *       short and long windows), divided by the error budget of a 99.5 % success objective — 1
 *       spends the budget exactly, 14.4 over 5 min is what pages.
 * </ul>
 *
 * Series are bounded: at most {@link #MAX_INSTANCES} instances are tracked; health events of
 * further instances are ignored (and logged once), so hostile input cannot grow {@code /metrics}
 * without bound. Thread-safe.
 */
public final class ComponentHealthMetrics {

  static final String UP = "cscmon.component.up";
  static final String P50 = "cscmon.component.latency.p50";
  static final String P99 = "cscmon.component.latency.p99";
  static final String ERROR_RATIO = "cscmon.component.error.ratio";
  static final String BURN_RATE = "cscmon.component.error.budget.burn.rate";

  /** The success objective of {@code BurnRateDetector.errorRate()}: 0.5 % of requests may fail. */
  static final double ERROR_BUDGET = 0.005;

  /** The burn-rate detector's windows, short and long, in minutes, as the {@code window} label. */
  static final int[] WINDOW_MINUTES = {1, 3, 5, 30};

  static final int MAX_INSTANCES = 2_000;

  /** Missing this many intervals is an outage (CONTRACT §1, health). */
  static final int SILENT_INTERVALS = 3;

  private static final long MINUTE = 60_000L;
  private static final Logger LOG = LoggerFactory.getLogger(ComponentHealthMetrics.class);

  private final MeterRegistry registry;
  private final Map<String, Instance> instances = new HashMap<>();
  private final Map<String, Burn> burns = new HashMap<>();
  private final Map<String, Long> latestByCenter = new HashMap<>();
  private final Map<String, Long> sweptByCenter = new HashMap<>();
  private boolean warnedFull;

  public ComponentHealthMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public synchronized void record(HealthEvent e) {
    Instance instance = instance(e);
    if (instance == null) {
      return;
    }
    instance.lastSeen = Math.max(instance.lastSeen, e.ts());
    instance.intervalMs = e.intervalMs() > 0 ? e.intervalMs() : HealthEvent.DEFAULT_INTERVAL_MS;
    instance.up.set(e.up() ? 1 : 0);
    if (e.latencyP50Ms() != null) {
      instance.p50.set(e.latencyP50Ms() / 1000.0);
    }
    if (e.latencyP99Ms() != null) {
      instance.p99.set(e.latencyP99Ms() / 1000.0);
    }
    if (e.requests() != null && e.requests() > 0) {
      long errors = e.errors() == null ? 0 : e.errors();
      instance.errorRatio.set((double) errors / e.requests());
      burn(e).add(e.ts(), e.requests(), errors);
    }
    markSilentDown(e.center(), e.ts());
  }

  private Instance instance(HealthEvent e) {
    String key = e.center() + '\u0000' + e.component() + '\u0000' + e.instance();
    Instance instance = instances.get(key);
    if (instance == null) {
      if (instances.size() >= MAX_INSTANCES) {
        if (!warnedFull) {
          warnedFull = true;
          LOG.warn(
              "component health: {} instances tracked, ignoring further ones (first: {}/{}/{})",
              MAX_INSTANCES,
              e.center(),
              e.component(),
              e.instance());
        }
        return null;
      }
      Tags tags =
          Tags.of("center", e.center(), "component", e.component(), "instance", e.instance());
      instance =
          new Instance(
              e.center(),
              cell(UP, "1 if the instance's latest probe says up, 0 if down or silent", null, tags),
              cell(P50, "Probe-reported median latency over the latest interval", "seconds", tags),
              cell(P99, "Probe-reported p99 latency over the latest interval", "seconds", tags),
              cell(ERROR_RATIO, "Errors / requests over the latest interval", null, tags));
      instances.put(key, instance);
    }
    return instance;
  }

  private Burn burn(HealthEvent e) {
    return burns.computeIfAbsent(
        e.center() + '\u0000' + e.component(),
        k -> {
          List<GaugeCell> cells = new ArrayList<>();
          for (int minutes : WINDOW_MINUTES) {
            cells.add(
                cell(
                    BURN_RATE,
                    "Error-budget burn rate of a 99.5% success objective over the window;"
                        + " 1 = on budget",
                    null,
                    Tags.of(
                        "center",
                        e.center(),
                        "component",
                        e.component(),
                        "window",
                        minutes + "m")));
          }
          return new Burn(cells);
        });
  }

  /**
   * An instance that stopped reporting sends nothing to set its gauge by; it is found silent when
   * its center's event time has moved three of its intervals past its last sample. Checked at most
   * once per event-time second per center.
   */
  private void markSilentDown(String center, long ts) {
    long latest = Math.max(ts, latestByCenter.getOrDefault(center, Long.MIN_VALUE));
    latestByCenter.put(center, latest);
    long second = latest / 1000;
    Long swept = sweptByCenter.get(center);
    if (swept != null && swept == second) {
      return;
    }
    sweptByCenter.put(center, second);
    for (Instance instance : instances.values()) {
      if (instance.center.equals(center)
          && latest - instance.lastSeen > SILENT_INTERVALS * instance.intervalMs) {
        instance.up.set(0);
      }
    }
  }

  private GaugeCell cell(String name, String help, String unit, Tags tags) {
    return new GaugeCell(registry, name, help, unit, tags);
  }

  private static final class Instance {
    final String center;
    final GaugeCell up;
    final GaugeCell p50;
    final GaugeCell p99;
    final GaugeCell errorRatio;
    long lastSeen = Long.MIN_VALUE;
    long intervalMs = HealthEvent.DEFAULT_INTERVAL_MS;

    Instance(String center, GaugeCell up, GaugeCell p50, GaugeCell p99, GaugeCell errorRatio) {
      this.center = center;
      this.up = up;
      this.p50 = p50;
      this.p99 = p99;
      this.errorRatio = errorRatio;
    }
  }

  /** Requests and errors of a component per event-time minute, over the longest window. */
  private static final class Burn {
    private static final int SLOTS = WINDOW_MINUTES[WINDOW_MINUTES.length - 1];
    final long[] minute = new long[SLOTS];
    final long[] requests = new long[SLOTS];
    final long[] errors = new long[SLOTS];
    final List<GaugeCell> cells;
    long latestMinute = Long.MIN_VALUE;

    Burn(List<GaugeCell> cells) {
      this.cells = cells;
      java.util.Arrays.fill(minute, Long.MIN_VALUE);
    }

    void add(long ts, long req, long err) {
      long m = Math.floorDiv(ts, MINUTE);
      latestMinute = Math.max(latestMinute, m);
      if (m <= latestMinute - SLOTS) {
        return; // older than the longest window
      }
      int slot = (int) Math.floorMod(m, SLOTS);
      if (minute[slot] != m) {
        minute[slot] = m;
        requests[slot] = 0;
        errors[slot] = 0;
      }
      requests[slot] += req;
      errors[slot] += err;
      for (int w = 0; w < WINDOW_MINUTES.length; w++) {
        long req1 = 0;
        long err1 = 0;
        for (int i = 0; i < SLOTS; i++) {
          if (minute[i] > latestMinute - WINDOW_MINUTES[w] && minute[i] <= latestMinute) {
            req1 += requests[i];
            err1 += errors[i];
          }
        }
        if (req1 > 0) {
          cells.get(w).set((double) err1 / req1 / ERROR_BUDGET);
        }
      }
    }
  }
}
