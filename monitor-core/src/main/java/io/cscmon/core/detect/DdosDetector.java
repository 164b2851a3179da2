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
 *
 * <p>In event time, whatever the arrival order within CONTRACT §1's 30 s ({@link
 * EventTimeMinutes}): each line counts in its own minute, and a minute is judged for a volumetric
 * flood at {@link #nextTimer} at its end, run when the watermark passes it or for a line at least
 * {@link #lateness()} newer, so that alert comes up to 30 s after the minute ends (live; a replay
 * decides the same). Keeping the next minute too doubles the sketches: about 2.1 MiB per channel,
 * still fixed whatever the number of sources. A heavy hitter is judged per line, against its own
 * minute's count: when two sources cross in one minute, the order of lines can decide which one
 * names the alert.
 */
public final class DdosDetector implements Serializable {

  public static final String ALERT = "VolumetricDdos";
  public static final String ATTACK_TYPE = "ddos";

  /** The {@code source} of a flood no /16 carries a {@link #PREFIX_SHARE} of. */
  public static final String DISTRIBUTED = "distributed";

  /** A /16 is named when it certainly sent this share of the minute's requests. */
  static final double PREFIX_SHARE = 0.05;

  private static final long MINUTE = EventTimeMinutes.MINUTE;

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
    s.open = new DdosMinute(DdosState.NONE, cmsWidth);
    s.next = new DdosMinute(DdosState.NONE, cmsWidth);
    s.volume = new SeasonalBaseline(30 * MINUTE, 30, 1, 2, zoneOffsetMs);
    AttackIncident.name(center, channel, ATTACK_TYPE, ALERT, s.heavyHitter, s.volumetric);
    return s;
  }

  /**
   * Takes a request line in: counts it into its own minute and judges its source against the heavy
   * hitter threshold of that minute. Allocates nothing unless something is due or detected.
   */
  public List<Alert> onEvent(DdosState s, AccessEvent e) {
    // What an operator runs ahead of the watermark for this event anyway, every step of it: the
    // event then falls in the open minute or the next.
    List<Alert> out = advance(s, e.ts() - EventTimeMinutes.LATENESS_MS, null);
    if (s.open.start == DdosState.NONE) {
      s.open.start = EventTimeMinutes.firstOpen(e.ts());
      s.next.start = s.open.start + MINUTE;
    }
    s.newest = Math.max(s.newest, e.ts());
    // An event later than CONTRACT §1 allows, whose minute is judged already, counts in the open
    // one.
    DdosMinute m = e.ts() >= s.next.start ? s.next : s.open;
    long n = Math.max(1, e.count());
    m.requests += n;
    if (e.latencyMs() != null) {
      m.latencySum += e.latencyMs() * n;
      m.latencyCount += n;
    }
    long h = Hash64.of(e.source());
    m.sources.add(h);
    long est = m.bySource.add(h, n);
    m.topSource.raise(e.source(), est);
    m.top16.offer(IpPrefix.wide(e.source()), n);
    if (est < heavyPerMinute) {
      return LazyAlerts.orEmpty(out);
    }
    // A detection after the clear time starts a new incident, as it did when every event ticked the
    // incidents: the timer that ends this one may still be waiting for the watermark.
    out = LazyAlerts.add(out, s.heavyHitter.tick(e.ts(), clearMs, iiiAfterMs));
    out =
        LazyAlerts.add(
            out,
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
                offenders(m)));
    return LazyAlerts.orEmpty(out);
  }

  /** Called at {@code now}, up to which the key's data is complete (the watermark). */
  public List<Alert> onTimer(DdosState s, long now) {
    return LazyAlerts.orEmpty(advance(s, now, null));
  }

  /** The end of the open minute, or an incident's escalation or clear time. */
  public long nextTimer(DdosState s) {
    long m = s.open.start == DdosState.NONE ? Long.MAX_VALUE : s.open.start + MINUTE;
    return AttackIncident.earliestTimer(m, clearMs, iiiAfterMs, s.heavyHitter, s.volumetric);
  }

  /** How long a minute waits for its late events before it is judged ({@link EventTimeMinutes}). */
  public long lateness() {
    return EventTimeMinutes.LATENESS_MS;
  }

  /**
   * The input ended: the minutes that ended by its newest event are judged (no more late events can
   * come); the minute it falls in is not, being incomplete.
   */
  public List<Alert> onEnd(DdosState s) {
    return LazyAlerts.orEmpty(advance(s, s.newest, null));
  }

  /**
   * Runs, in time order, every minute judgment and incident timer due at or before {@code until}: a
   * clear time before a minute's end ends the incident before that minute can extend it.
   */
  private List<Alert> advance(DdosState s, long until, List<Alert> out) {
    for (long t = nextTimer(s); t <= until; t = nextTimer(s)) {
      if (out == null) {
        out = new ArrayList<>();
      }
      if (t == s.open.start + MINUTE) {
        judgeMinute(s, out);
        // The judged minute's sketches become the one after the next.
        DdosMinute judged = s.open;
        s.open = s.next;
        s.next = judged;
        judged.reset(s.open.start + MINUTE);
      }
      AttackIncident.tickAll(out, t, clearMs, iiiAfterMs, s.heavyHitter, s.volumetric);
    }
    return out;
  }

  /** The open minute, complete now: a volumetric flood, or a minute to learn. */
  private void judgeMinute(DdosState s, List<Alert> out) {
    DdosMinute m = s.open;
    if (m.requests == 0) {
      return;
    }
    double[] mm = s.volume.expected(m.start);
    long distinct = Math.max(1, m.sources.estimate());
    double perSource = (double) m.requests / distinct;
    double latency = m.latencyCount == 0 ? Double.NaN : m.latencySum / m.latencyCount;
    boolean hurting =
        !Double.isNaN(latency)
            && !Double.isNaN(s.baselineLatency)
            && latency >= latencyFactor * s.baselineLatency;
    // Against the time of week; on a first day, against the recent minutes: a flood comes within
    // a minute, a day's ramp over hours (a 60x botnet without heavy hitters went unseen all day).
    double expected = mm != null ? mm[0] : s.recentRequests;
    boolean surge =
        !Double.isNaN(expected)
            && m.requests >= factor * expected
            && m.requests - expected >= minExcess;
    boolean concentrated =
        !Double.isNaN(s.baselinePerSource) && perSource >= perSourceFactor * s.baselinePerSource;
    long at = m.start + MINUTE - 1;
    if (s.heavyHitter.isFiring() || s.volumetric.isFiring()) {
      s.heavyHitter.hurting |= hurting;
      s.volumetric.hurting |= hurting;
    }
    if (surge && concentrated) {
      String worst = m.top16.topCertainKey((long) Math.ceil(PREFIX_SHARE * m.requests));
      if (worst == null) {
        worst = DISTRIBUTED;
      }
      s.volumetric.hurting |= hurting;
      out.addAll(
          s.volumetric.detected(
              iiiAfterMs,
              at,
              worst,
              m.requests,
              factor * expected,
              "DDoS on " + s.volumetric.channel + ": " + m.requests + " requests/min",
              m.requests
                  + " requests in one minute against "
                  + Math.round(expected)
                  + (mm != null ? " expected, " : " in the recent minutes (no baseline yet), ")
                  + DetectAlert.fmt(perSource)
                  + " per source against "
                  + DetectAlert.fmt(s.baselinePerSource)
                  + " usually, from about "
                  + distinct
                  + " sources"
                  + (hurting
                      ? "; latency " + DetectAlert.fmt(latency) + " ms, hurting service."
                      : "."),
              offenders(m)));
      return;
    }
    if (s.heavyHitter.isFiring() || s.volumetric.isFiring()) {
      return; // the baselines learn nothing from an attack
    }
    s.volume.learn(m.start, m.requests);
    s.recentRequests =
        Double.isNaN(s.recentRequests) ? m.requests : 0.95 * s.recentRequests + 0.05 * m.requests;
    s.baselinePerSource =
        Double.isNaN(s.baselinePerSource)
            ? perSource
            : 0.95 * s.baselinePerSource + 0.05 * perSource;
    if (!Double.isNaN(latency)) {
      s.baselineLatency =
          Double.isNaN(s.baselineLatency) ? latency : 0.95 * s.baselineLatency + 0.05 * latency;
    }
  }

  private static String offenders(DdosMinute m) {
    List<String> all = new ArrayList<>(m.topSource.top(5));
    all.addAll(m.top16.topCertain(3));
    return String.join(", ", all) + " (requests this minute)";
  }
}
