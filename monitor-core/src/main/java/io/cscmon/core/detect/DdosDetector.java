package io.cscmon.core.detect;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.rule.DetectorSettings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Volumetric DDoS on web, app and api (issue 6): key the operator by {@code (center, channel)} and
 * pass every {@code access} line (its {@code count} is honoured). Per minute it keeps a count-min
 * sketch of requests per source, space-saving top-k of sources and of /16 prefixes, a HyperLogLog
 * of distinct sources and the mean latency.
 *
 * <ul>
 *   <li><b>heavy hitter</b>: one source above {@code heavyPerMinute} requests in a minute (12 000,
 *       200 per second — more than a carrier NAT of a thousand app users sends): {@code source} =
 *       that address, detected the moment it crosses;
 *   <li><b>volumetric</b>: a minute at least 3× the requests that time of week expects and {@code
 *       minExcess} (6 000) above it, with requests per distinct source at least 3× usual: {@code
 *       source} = the /16 that certainly sent the most, if that is at least {@link #PREFIX_SHARE}
 *       of the minute's requests, else {@value #DISTRIBUTED}: no prefix to block (a sweep: 50 bots
 *       over as many /16s, and the alert named a /16 that had sent 352 of 2.29 million requests,
 *       its top-k count all error). A popular app release brings many more clients at their usual
 *       rate per client, so it does not qualify; a botnet that mimics ordinary clients exactly is
 *       load, which the peak-load and degradation alerts handle.
 * </ul>
 *
 * Mean latency at least 2× its baseline during the attack marks it as hurting service (level III).
 */
public final class DdosDetector implements Serializable {

  public static final String ALERT = "VolumetricDdos";
  public static final String ATTACK_TYPE = "ddos";

  /** The {@code source} of a flood no /16 carries a {@link #PREFIX_SHARE} of. */
  public static final String DISTRIBUTED = "distributed";

  /** A /16 is named when it certainly sent this share of the minute's requests. */
  static final double PREFIX_SHARE = 0.05;

  private static final long MINUTE = 60_000L;

  private final long heavyPerMinute;
  private final double factor;
  private final long minExcess;
  private final double perSourceFactor;
  private final double latencyFactor;
  private final long clearMs;
  private final int cmsWidth;
  private final long iiiAfterMs;
  private final long zoneOffsetMs;

  /** The shipped thresholds ({@code alert-rules/rules/attacks.yaml}). */
  public DdosDetector(long zoneOffsetMs) {
    this(DetectorSettings.defaults(), zoneOffsetMs);
  }

  /** The thresholds of {@code settings.ddos()} and {@code settings.attackLevels()}. */
  public DdosDetector(DetectorSettings settings, long zoneOffsetMs) {
    this(
        settings.ddos().heavyPerMinute(),
        settings.ddos().factor(),
        settings.ddos().minExcess(),
        settings.ddos().perSourceFactor(),
        settings.ddos().latencyFactor(),
        settings.ddos().clearAfter().toMillis(),
        1 << 16,
        settings.attackLevels().iiiAfter().toMillis(),
        zoneOffsetMs);
  }

  public DdosDetector(
      long heavyPerMinute,
      double factor,
      long minExcess,
      double perSourceFactor,
      double latencyFactor,
      long clearMs,
      int cmsWidth,
      long iiiAfterMs,
      long zoneOffsetMs) {
    this.iiiAfterMs = iiiAfterMs;
    this.heavyPerMinute = heavyPerMinute;
    this.factor = factor;
    this.minExcess = minExcess;
    this.perSourceFactor = perSourceFactor;
    this.latencyFactor = latencyFactor;
    this.clearMs = clearMs;
    this.cmsWidth = cmsWidth;
    this.zoneOffsetMs = zoneOffsetMs;
  }

  public DdosState newState(String center, String channel) {
    DdosState s = new DdosState();
    s.bySource = new CountMinSketch(4, cmsWidth);
    s.topSource = new SpaceSaving(32);
    s.top16 = new SpaceSaving(32);
    s.sources = new HyperLogLog(12);
    s.volume = new SeasonalBaseline(30 * MINUTE, 30, 1, 2, zoneOffsetMs);
    AttackIncident.name(center, channel, ATTACK_TYPE, ALERT, s.heavyHitter, s.volumetric);
    return s;
  }

  public List<Alert> onEvent(DdosState s, AccessEvent e) {
    List<Alert> out = new ArrayList<>(roll(s, e.ts()));
    long n = Math.max(1, e.count());
    s.requests += n;
    if (e.latencyMs() != null) {
      s.latencySum += e.latencyMs() * n;
      s.latencyCount += n;
    }
    long h = Hash64.of(e.source());
    s.sources.add(h);
    long est = s.bySource.add(h, n);
    s.topSource.raise(e.source(), est);
    s.top16.offer(IpPrefix.wide(e.source()), n);
    if (est >= heavyPerMinute) {
      out.addAll(
          s.heavyHitter.detected(
              iiiAfterMs,
              e.ts(),
              e.source(),
              est,
              heavyPerMinute,
              "DDoS on " + s.heavyHitter.channel + ": " + e.source() + " sends " + est + "/min",
              "Source "
                  + e.source()
                  + " sent "
                  + est
                  + " requests within one minute (threshold "
                  + heavyPerMinute
                  + ", 200/s).",
              offenders(s)));
    }
    return out;
  }

  public List<Alert> onTimer(DdosState s, long now) {
    return roll(s, now);
  }

  public long nextTimer(DdosState s) {
    long m = s.minuteStart == DdosState.NONE ? Long.MAX_VALUE : s.minuteStart + MINUTE;
    return AttackIncident.earliestTimer(m, clearMs, iiiAfterMs, s.heavyHitter, s.volumetric);
  }

  private List<Alert> roll(DdosState s, long now) {
    List<Alert> out = new ArrayList<>();
    long minute = Math.floorDiv(now, MINUTE) * MINUTE;
    if (s.minuteStart == DdosState.NONE) {
      s.minuteStart = minute;
    } else if (minute > s.minuteStart) {
      judgeMinute(s, out);
      s.minuteStart = minute;
      s.requests = 0;
      s.latencySum = 0;
      s.latencyCount = 0;
      s.bySource.clear();
      s.topSource.clear();
      s.top16.clear();
      s.sources.clear();
    }
    return AttackIncident.tickAll(out, now, clearMs, iiiAfterMs, s.heavyHitter, s.volumetric);
  }

  private void judgeMinute(DdosState s, List<Alert> out) {
    if (s.requests == 0) {
      return;
    }
    double[] mm = s.volume.expected(s.minuteStart);
    long distinct = Math.max(1, s.sources.estimate());
    double perSource = (double) s.requests / distinct;
    double latency = s.latencyCount == 0 ? Double.NaN : s.latencySum / s.latencyCount;
    boolean hurting =
        !Double.isNaN(latency)
            && !Double.isNaN(s.baselineLatency)
            && latency >= latencyFactor * s.baselineLatency;
    boolean surge = mm != null && s.requests >= factor * mm[0] && s.requests - mm[0] >= minExcess;
    boolean concentrated =
        !Double.isNaN(s.baselinePerSource) && perSource >= perSourceFactor * s.baselinePerSource;
    long at = s.minuteStart + MINUTE - 1;
    if (s.heavyHitter.isFiring() || s.volumetric.isFiring()) {
      s.heavyHitter.hurting |= hurting;
      s.volumetric.hurting |= hurting;
    }
    if (surge && concentrated) {
      String worst = s.top16.topCertainKey((long) Math.ceil(PREFIX_SHARE * s.requests));
      if (worst == null) {
        worst = DISTRIBUTED;
      }
      s.volumetric.hurting |= hurting;
      out.addAll(
          s.volumetric.detected(
              iiiAfterMs,
              at,
              worst,
              s.requests,
              factor * mm[0],
              "DDoS on " + s.volumetric.channel + ": " + s.requests + " requests/min",
              s.requests
                  + " requests in one minute against "
                  + Math.round(mm[0])
                  + " expected, "
                  + DetectAlert.fmt(perSource)
                  + " per source against "
                  + DetectAlert.fmt(s.baselinePerSource)
                  + " usually, from about "
                  + distinct
                  + " sources"
                  + (hurting
                      ? "; latency " + DetectAlert.fmt(latency) + " ms, hurting service."
                      : "."),
              offenders(s)));
      return;
    }
    if (s.heavyHitter.isFiring() || s.volumetric.isFiring()) {
      return; // the baselines learn nothing from an attack
    }
    s.volume.learn(s.minuteStart, s.requests);
    s.baselinePerSource =
        Double.isNaN(s.baselinePerSource)
            ? perSource
            : 0.95 * s.baselinePerSource + 0.05 * perSource;
    if (!Double.isNaN(latency)) {
      s.baselineLatency =
          Double.isNaN(s.baselineLatency) ? latency : 0.95 * s.baselineLatency + 0.05 * latency;
    }
  }

  private static String offenders(DdosState s) {
    List<String> all = new ArrayList<>(s.topSource.top(5));
    all.addAll(s.top16.topCertain(3));
    return String.join(", ", all) + " (requests this minute)";
  }
}
