package io.cscmon.core.detect;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.IncidentType;
import io.cscmon.core.alert.Severity;
import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.rule.DetectorSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Multi-window, multi-burn-rate SLO alerts (Google SRE Workbook, "Alerting on SLOs", method 6): an
 * alert fires when the error budget burns faster than {@code factor} over both a long window and a
 * short one (the short one makes it resolve soon after the burn stops). Key the operator by the
 * SLI's scope, e.g. {@code (center, component)} for health samples or {@code (center, channel)} for
 * access lines; feed {@link #record} and call {@link #onTimer} at {@link #nextTimer}.
 *
 * <p>Defaults ({@link #errorRate}, {@link #latency}): the workbook's pairs are 1 h/5 min at 14.4
 * and 6 h/30 min at 6 over a 30-day budget; a contact center lives in minutes (service level is
 * reported per 15–30 min and a customer hangs up within one), so the windows are scaled down by 12:
 * 5 min/1 min at 14.4 pages (critical), 30 min/3 min at 6 warns. Objectives: 99.5% of requests
 * succeed; 99% of requests are served within the component's p99 latency objective from {@code
 * components.yaml}. A window with fewer than {@code minEvents} events is no evidence.
 */
public final class BurnRateDetector implements Serializable {

  /** One window pair. */
  public record Window(Duration longWindow, Duration shortWindow, double factor, Severity severity)
      implements Serializable {}

  public static final String ERROR_ALERT = "ErrorBudgetBurn";
  public static final String LATENCY_ALERT = "LatencyBudgetBurn";

  /** The page pair (critical) and the ticket pair (warning) of {@code b}. */
  public static List<Window> windows(DetectorSettings.SloBurn b) {
    return List.of(
        new Window(b.pageLongWindow(), b.pageShortWindow(), b.pageFactor(), Severity.CRITICAL),
        new Window(
            b.ticketLongWindow(), b.ticketShortWindow(), b.ticketFactor(), Severity.WARNING));
  }

  private final String alertname;
  private final String what;
  private final double objective;
  private final List<Window> windows;
  private final long bucketMs;
  private final long minEvents;
  private final int slots;

  /**
   * The least a firing alert waits below the factor before it resolves ({@code
   * outage_recovery.clear_hold}: a burn is a degradation); the firing pair's short window if
   * longer.
   */
  private final long clearHoldMs;

  /** Each window's long and short length in ms: Duration.toMillis per event showed in profiles. */
  private final long[] longMs;

  private final long[] shortMs;

  /**
   * The distinct window lengths in buckets, ascending, and where each window's long and short
   * length sits among them: {@link #sums} adds every window's buckets in one pass from the newest
   * bucket back, noting the running sums as it passes each length.
   */
  private final int[] lengths;

  private final int[] longAt;
  private final int[] shortAt;

  public BurnRateDetector(
      String alertname,
      String what,
      double objective,
      List<Window> windows,
      long bucketMs,
      long minEvents,
      long clearHoldMs) {
    this.clearHoldMs = clearHoldMs;
    this.alertname = alertname;
    this.what = what;
    this.objective = objective;
    this.windows = windows;
    this.bucketMs = bucketMs;
    this.minEvents = minEvents;
    long longest = windows.stream().mapToLong(w -> w.longWindow().toMillis()).max().orElseThrow();
    this.slots = (int) (longest / bucketMs) + 1;
    this.longMs = windows.stream().mapToLong(w -> w.longWindow().toMillis()).toArray();
    this.shortMs = windows.stream().mapToLong(w -> w.shortWindow().toMillis()).toArray();
    this.lengths =
        LongStream.concat(Arrays.stream(longMs), Arrays.stream(shortMs))
            .mapToInt(ms -> (int) (ms / bucketMs))
            .distinct()
            .sorted()
            .toArray();
    this.longAt = indexes(longMs);
    this.shortAt = indexes(shortMs);
  }

  /** Where each of {@code windowMs}, in buckets, sits in {@link #lengths}. */
  private int[] indexes(long[] windowMs) {
    return Arrays.stream(windowMs)
        .mapToInt(ms -> Arrays.binarySearch(lengths, (int) (ms / bucketMs)))
        .toArray();
  }

  /** The error budget with the shipped thresholds ({@code alert-rules/rules/outages.yaml}). */
  public static BurnRateDetector errorRate() {
    return errorRate(DetectorSettings.defaults());
  }

  public static BurnRateDetector errorRate(DetectorSettings settings) {
    DetectorSettings.SloBurn b = settings.sloBurn();
    return new BurnRateDetector(
        ERROR_ALERT,
        "errors",
        b.errorObjective(),
        windows(b),
        b.bucket().toMillis(),
        b.minEvents(),
        settings.outageRecovery().clearHold().toMillis());
  }

  /** The latency budget with the shipped thresholds. */
  public static BurnRateDetector latency() {
    return latency(DetectorSettings.defaults());
  }

  public static BurnRateDetector latency(DetectorSettings settings) {
    DetectorSettings.SloBurn b = settings.sloBurn();
    return new BurnRateDetector(
        LATENCY_ALERT,
        "slow requests",
        b.latencyObjective(),
        windows(b),
        b.bucket().toMillis(),
        b.minEvents(),
        settings.outageRecovery().clearHold().toMillis());
  }

  public BurnRateState newState(String center, String scopeLabel, String scope) {
    BurnRateState s = new BurnRateState();
    s.center = center;
    s.scopeLabel = scopeLabel;
    s.scope = scope;
    s.bucket = new long[slots];
    Arrays.fill(s.bucket, Long.MIN_VALUE);
    s.total = new long[slots];
    s.bad = new long[slots];
    return s;
  }

  /** Requests and errors of a health sample; an absent count is one request. */
  public static long[] errors(HealthEvent e) {
    long total = e.requests() == null ? 1 : e.requests();
    long bad = e.errors() == null ? 0 : e.errors();
    return new long[] {total, Math.min(bad, total)};
  }

  /** A health sample whose p99 is above the objective counts all its requests as slow. */
  public static long[] slow(HealthEvent e, double p99ObjectiveMs) {
    long total = e.requests() == null ? 1 : e.requests();
    boolean slow = e.latencyP99Ms() != null && e.latencyP99Ms() > p99ObjectiveMs;
    return new long[] {total, slow ? total : 0};
  }

  /** Access lines: 5xx are errors. */
  public static long[] errors(AccessEvent e) {
    return new long[] {e.count(), e.status() >= 500 ? e.count() : 0};
  }

  public static long[] slow(AccessEvent e, double objectiveMs) {
    boolean slow = e.latencyMs() != null && e.latencyMs() > objectiveMs;
    return new long[] {e.count(), slow ? e.count() : 0};
  }

  /** Adds {@code total} events of which {@code bad} were bad at {@code ts}; evaluates at ts. */
  public List<Alert> record(BurnRateState s, long ts, long total, long bad) {
    long b = Math.floorDiv(ts, bucketMs);
    int i = (int) Math.floorMod(b, (long) slots);
    if (s.bucket[i] != b) {
      if (s.bucket[i] > b) {
        return List.of(); // older than the ring
      }
      if (s.sums != null) {
        s.sums.remove(s.bucket[i], s.total[i], s.bad[i]);
      }
      s.bucket[i] = b;
      s.total[i] = 0;
      s.bad[i] = 0;
    }
    s.total[i] += total;
    s.bad[i] += bad;
    if (s.sums != null) {
      s.sums.add(b, total, bad);
    }
    s.latest = s.latest == BurnRateState.NONE ? ts : Math.max(s.latest, ts);
    return onTimer(s, s.latest);
  }

  /** Re-evaluates at {@code now}; resolves when the burn has stopped or the data has. */
  public List<Alert> onTimer(BurnRateState s, long now) {
    s.evaluatedAt = Math.max(s.evaluatedAt, now);
    Window hit = null;
    double rate = 0;
    double[] sums = sums(s, now);
    for (int k = 0; k < windows.size(); k++) {
      Window w = windows.get(k);
      double lngTotal = sums[2 * longAt[k]];
      double lngBad = sums[2 * longAt[k] + 1];
      double shtTotal = sums[2 * shortAt[k]];
      double shtBad = sums[2 * shortAt[k] + 1];
      if (lngTotal < minEvents || shtTotal == 0) {
        continue;
      }
      double budget = 1 - objective;
      double burnLong = lngBad / lngTotal / budget;
      double burnShort = shtBad / shtTotal / budget;
      if (burnLong >= w.factor() && burnShort >= w.factor()) {
        if (hit == null || w.severity().compareTo(hit.severity()) > 0) {
          hit = w;
          rate = burnLong;
        }
      }
    }
    if (hit != null) {
      s.clearingSince = BurnRateState.NONE;
      boolean escalates =
          s.firingSince != BurnRateState.NONE
              && hit.severity().compareTo(Severity.valueOf(s.severity)) > 0;
      if (s.firingSince == BurnRateState.NONE || escalates) {
        if (s.firingSince == BurnRateState.NONE) {
          s.firingSince = now; // when both windows crossed the factor
        }
        s.severity = hit.severity().name();
        s.firingValue = rate;
        s.firingThreshold = hit.factor();
        return List.of(builder(s).firing(s.firingSince));
      }
      return List.of();
    }
    if (s.firingSince != BurnRateState.NONE) {
      // Resolve only once the burn has stayed below the factor for the firing pair's short window:
      // a rate hovering at the factor would otherwise fire and resolve every few seconds.
      if (s.clearingSince == BurnRateState.NONE) {
        s.clearingSince = now;
      }
      if (now - s.clearingSince < holdMs(Severity.valueOf(s.severity))) {
        return List.of();
      }
      Alert resolved = builder(s).resolved(s.firingSince, Math.max(s.clearingSince, s.firingSince));
      s.firingSince = BurnRateState.NONE;
      s.clearingSince = BurnRateState.NONE;
      s.severity = null;
      return List.of(resolved);
    }
    return List.of();
  }

  /**
   * How long the burn must stay below the factor before a firing alert resolves: the firing pair's
   * short window, and at least the clear hold (a latency ramp hovering at the factor fired,
   * resolved after 53 s and fired again 2.5 min later).
   */
  private long holdMs(Severity severity) {
    for (int k = 0; k < windows.size(); k++) {
      if (windows.get(k).severity() == severity) {
        return Math.max(shortMs[k], clearHoldMs);
      }
    }
    return clearHoldMs;
  }

  /** While firing, check again every bucket so that an alert resolves when the data stops. */
  public long nextTimer(BurnRateState s) {
    if (s.firingSince == BurnRateState.NONE || s.latest == BurnRateState.NONE) {
      return Long.MAX_VALUE;
    }
    return (Math.floorDiv(Math.max(s.latest, s.evaluatedAt), bucketMs) + 1) * bucketMs;
  }

  /**
   * {events, bad events} of the window of each of {@link #lengths} ending at {@code now}, at {@code
   * 2i} and {@code 2i + 1}: the state's running sums moved to now's bucket, which give the very
   * doubles of adding each window's counts in doubles while {@link BucketSums#exact} (always, with
   * real counts); otherwise each window is summed in doubles as before.
   */
  private double[] sums(BurnRateState s, long now) {
    long last = Math.floorDiv(now, bucketMs);
    if (s.sums == null || !s.sums.over(lengths)) {
      s.sums = new BucketSums(s, lengths, slots, last);
    } else if (s.sums.last() != last) {
      s.sums.moveTo(s, last);
    }
    double[] out = new double[2 * lengths.length];
    boolean exact = s.sums.exact();
    for (int e = 0; e < lengths.length; e++) {
      if (exact) {
        out[2 * e] = s.sums.total(e);
        out[2 * e + 1] = s.sums.bad(e);
      } else {
        double[] tb = sum(s, now, lengths[e] * bucketMs);
        out[2 * e] = tb[0];
        out[2 * e + 1] = tb[1];
      }
    }
    return out;
  }

  /**
   * {events, bad events} of the buckets of the window ending at {@code now}, as double sums in ring
   * order ({@link #sums} gives the same from its running sums when they are exact). Only the
   * stretch of the ring that can hold them is read, in ascending slot order as a scan of the whole
   * ring would add them (so the double sums are the same to the bit): a 1-minute window reads 6
   * slots, not the 181 of the 30-minute ring.
   */
  private double[] sum(BurnRateState s, long now, long windowMs) {
    long last = Math.floorDiv(now, bucketMs);
    long first = last - windowMs / bucketMs + 1;
    double[] tb = new double[2];
    if (first > last) {
      return tb;
    }
    if (last - first + 1 >= slots) {
      addRange(s, first, last, 0, slots - 1, tb);
      return tb;
    }
    int lo = (int) Math.floorMod(first, (long) slots);
    int hi = (int) Math.floorMod(last, (long) slots);
    if (lo <= hi) {
      addRange(s, first, last, lo, hi, tb);
    } else {
      addRange(s, first, last, 0, hi, tb);
      addRange(s, first, last, lo, slots - 1, tb);
    }
    return tb;
  }

  /** Adds slots {@code from..to} whose bucket lies in {@code [first, last]} to {@code tb}. */
  private static void addRange(
      BurnRateState s, long first, long last, int from, int to, double[] tb) {
    double t = tb[0];
    double b = tb[1];
    for (int i = from; i <= to; i++) {
      if (s.bucket[i] >= first && s.bucket[i] <= last) {
        t += s.total[i];
        b += s.bad[i];
      }
    }
    tb[0] = t;
    tb[1] = b;
  }

  private DetectAlert builder(BurnRateState s) {
    Severity sev = Severity.valueOf(s.severity);
    return DetectAlert.of(alertname, IncidentType.DEGRADATION, s.center)
        .label(s.scopeLabel, s.scope)
        .level(EmergencyLevel.NONE, sev)
        .summary(
            "The "
                + what
                + " budget of "
                + s.scope
                + " burns "
                + DetectAlert.fmt(s.firingValue)
                + "x too fast")
        .description(
            "The share of "
                + what
                + " of "
                + s.scopeLabel
                + " "
                + s.scope
                + " at center "
                + s.center
                + " is "
                + DetectAlert.fmt(s.firingValue)
                + " times what an objective of "
                + DetectAlert.pct(objective)
                + " allows, over a long and a short window both (burn-rate factor "
                + DetectAlert.fmt(s.firingThreshold)
                + ", "
                + (sev == Severity.CRITICAL ? "5 min and 1 min" : "30 min and 3 min")
                + ").")
        .value(s.firingValue)
        .threshold(s.firingThreshold);
  }
}
