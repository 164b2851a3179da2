package io.cscmon.core.detect;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.IncidentType;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.alert.Severity;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.rule.DetectorSettings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Seasonal anomalies of one component instance's latency, cpu, memory and every number in {@code
 * metrics} (issue 5, "Degradation"): key the operator by {@code (center, component, instance)}.
 * Latency, cpu and memory alarm only upwards, other metrics both ways. One {@code ComponentAnomaly}
 * alert per instance (incident {@code degradation}, level none, warning) lists the anomalous
 * series; it resolves when none is left. At most {@code maxSeries} series per instance (about 19
 * KiB each).
 */
public final class HealthAnomalyDetector implements Serializable {

  public static final String ALERT = "ComponentAnomaly";

  private final SeasonalAnomaly up;
  private final SeasonalAnomaly latency;
  private final SeasonalAnomaly both;
  private final int maxSeries;

  /**
   * The defaults, set against a simulated normal week (8 days, seed 3) so that it raises nothing
   * after its first day: from one day to the next, the same 5-minute bucket of latency and memory
   * differs by up to about 20% of its median and cpu by up to about 70%, so latency, cpu and memory
   * alarm at twice their usual value (scale floored at 25% of the median, z above 4, 10 minutes).
   * The numbers in {@code metrics} are mostly workload gauges (active calls, IVR sessions, queued
   * calls, agents available) that follow the traffic: they swing 1.5–3× between a quiet and a busy
   * day and a queue of 14 over a usual 1 is an ordinary peak, not a fault. They alarm only at five
   * times their usual value and at least 20 above it, held for 15 minutes; a collapse to zero of a
   * workload gauge shows as traffic loss or an outage instead.
   */
  public HealthAnomalyDetector(long zoneOffsetMs) {
    this(DetectorSettings.defaults().healthAnomaly(), zoneOffsetMs);
  }

  /** The thresholds of {@code h} ({@code alert-rules/rules/outages.yaml}'s health_anomaly). */
  public HealthAnomalyDetector(DetectorSettings.HealthAnomaly h, long zoneOffsetMs) {
    this(
        seasonal(SeasonalAnomaly.Direction.UP, h.resource(), h, zoneOffsetMs, false),
        seasonal(SeasonalAnomaly.Direction.UP, h.resource(), h, zoneOffsetMs, true),
        seasonal(SeasonalAnomaly.Direction.BOTH, h.workload(), h, zoneOffsetMs, false),
        h.maxSeries());
  }

  private static SeasonalAnomaly seasonal(
      SeasonalAnomaly.Direction direction,
      DetectorSettings.Seasonal s,
      DetectorSettings.HealthAnomaly h,
      long zoneOffsetMs,
      boolean firstDay) {
    return new SeasonalAnomaly(
        direction,
        s.z(),
        s.confirmBuckets(),
        s.clearBuckets(),
        h.bucket().toMillis(),
        s.relativeFloor(),
        s.absoluteFloor(),
        zoneOffsetMs,
        firstDay);
  }

  /**
   * @param up cpu and memory
   * @param latency the latency series: upward too, and judged by their recent hour on a center's
   *     first day (cpu and memory follow the load too closely for that)
   * @param both the workload gauges of {@code metrics}
   */
  public HealthAnomalyDetector(
      SeasonalAnomaly up, SeasonalAnomaly latency, SeasonalAnomaly both, int maxSeries) {
    this.up = up;
    this.latency = latency;
    this.both = both;
    this.maxSeries = maxSeries;
  }

  public List<Alert> onEvent(HealthAnomalyState s, HealthEvent e) {
    s.center = e.center();
    s.component = e.component();
    s.instance = e.instance();
    if (!e.up()) {
      return List.of(); // a down instance is ComponentHealthDetector's business
    }
    observe(s, "latency_p50_ms", e.ts(), e.latencyP50Ms());
    observe(s, "latency_p99_ms", e.ts(), e.latencyP99Ms());
    observe(s, "cpu", e.ts(), e.cpu());
    observe(s, "memory", e.ts(), e.memory());
    for (int i = 0; i < e.metricNames().length && i < e.metricValues().length; i++) {
      observe(s, "metrics." + e.metricNames()[i], e.ts(), e.metricValues()[i]);
    }
    return judge(s, e.ts());
  }

  public List<Alert> onTimer(HealthAnomalyState s, long now) {
    for (AnomalyState a : s.series) {
      detector(a).advance(a, now);
    }
    return judge(s, now);
  }

  public long nextTimer(HealthAnomalyState s) {
    long next = Long.MAX_VALUE;
    for (AnomalyState a : s.series) {
      next = Math.min(next, detector(a).bucketEnd(a));
    }
    return next;
  }

  private SeasonalAnomaly detector(AnomalyState a) {
    return detector(a.name);
  }

  private SeasonalAnomaly detector(String series) {
    return series.startsWith("metrics.") ? both : series.startsWith("latency_") ? latency : up;
  }

  private void observe(HealthAnomalyState s, String name, long ts, Double v) {
    if (v == null) {
      return;
    }
    AnomalyState a = null;
    for (AnomalyState x : s.series) {
      if (x.name.equals(name)) {
        a = x;
        break;
      }
    }
    if (a == null) {
      if (s.series.length >= maxSeries) {
        return;
      }
      a = detector(name).newState(name);
      s.series = Arrays.copyOf(s.series, s.series.length + 1);
      s.series[s.series.length - 1] = a;
    }
    detector(a).observe(a, ts, v);
  }

  private List<Alert> judge(HealthAnomalyState s, long now) {
    List<String> bad = new ArrayList<>();
    long since = Long.MAX_VALUE;
    double worst = 0;
    for (AnomalyState a : s.series) {
      if (a.confirmed) {
        bad.add(
            String.format(
                Locale.ROOT, "%s %.4g (usual %.4g, z %.1f)", a.name, a.value, a.median, a.z));
        since = Math.min(since, a.anomalousSince);
        worst = Math.max(worst, Math.abs(a.z));
      }
    }
    if (!bad.isEmpty() && s.firingSince == HealthAnomalyState.NONE) {
      s.firingSince = since;
      s.detail = String.join("; ", bad);
      s.firingValue = worst;
      return List.of(builder(s).firing(s.firingSince));
    }
    if (bad.isEmpty() && s.firingSince != HealthAnomalyState.NONE) {
      Alert resolved = builder(s).resolved(s.firingSince, Math.max(now, s.firingSince));
      s.firingSince = HealthAnomalyState.NONE;
      s.detail = null;
      return List.of(resolved);
    }
    return List.of();
  }

  private DetectAlert builder(HealthAnomalyState s) {
    return DetectAlert.of(ALERT, IncidentType.DEGRADATION, s.center)
        .label(Labels.COMPONENT, s.component)
        .label(Labels.INSTANCE, s.instance)
        .level(EmergencyLevel.NONE, Severity.WARNING)
        .summary("Unusual " + s.component + "/" + s.instance + ": " + s.detail)
        .description(
            "Against the median and MAD of the same hour in past weeks (or days, early on; on"
                + " a first day, latency against its hour ending half an hour before, at three"
                + " times it), "
                + s.component
                + " instance "
                + s.instance
                + " is off by more than "
                + DetectAlert.fmt(up.k())
                + " robust standard deviations for 10 minutes: "
                + s.detail
                + ". A slow drift here often precedes an outage.")
        .value(s.firingValue)
        .threshold(up.k());
  }
}
