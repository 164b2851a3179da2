package io.cscmon.core.detect;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.rule.DetectorSettings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Credential stuffing on web, app and api logins (issue 6): key the operator by {@code (center,
 * channel)} and pass every {@code auth} event of those channels.
 *
 * <p>In tumbling windows of {@code windowMs} (5 min) it counts, per source IP, per /24 and per /16
 * (count-min sketches, a Bloom filter to count each (prefix, account) pair once, space-saving top-k
 * for the worst), attempts, failures and distinct accounts that failed. An attack is
 *
 * <ul>
 *   <li>a source with at least 10 distinct failed accounts in the window (a /24 20, a /16 50) whose
 *       attempts mostly fail (≥ 50%) — a carrier NAT puts many accounts behind one address but most
 *       of them log in, so it never qualifies; or
 *   <li>the channel's failure ratio over a window at least 3× its baseline and 10 points above it,
 *       with at least 50 failures — a botnet spread thin; normal failures run at 3–4%, the
 *       baseline's starting value, and it learns only from windows without an attack.
 * </ul>
 *
 * <p>The failure ratio is judged in event time, whatever the arrival order within CONTRACT §1's 30
 * s ({@link EventTimeMinutes}, in windows): each login counts in its own window's ratio, and a
 * window is judged at {@link #nextTimer} at its end, run when the watermark passes it or for a
 * login at least {@link #lateness()} newer, so that alert comes up to 30 s after the window ends
 * (live; a replay decides the same). Judged when the next window's first login came, a window lost
 * its late logins to the next: a botnet's last seconds made the next window an attack too. The
 * per-source thresholds are judged per login over sketches that start anew with the first login of
 * a later window; which login crosses first, and so when the alert starts and which source it
 * names, can depend on the order of logins within the 30 s.
 *
 * <p>Neither pages while logins fail for everyone: when the last minute's successful logins fell
 * under {@link #COLLAPSED} of the usual (for the ratio, the window's under {@link
 * #FEWER_IN_WINDOW}), the login service (or what it depends on) is down — an outage, seen by the
 * component's health — not an attack, which adds failures while the customers keep logging in. An
 * auth backend down for 15 minutes had paged credential stuffing at level III naming a carrier NAT
 * and its /16 (an outside sweep): blocking them would have locked out real customers.
 *
 * <p>Memory is fixed per channel (about 4.3 MiB with the defaults) whatever the number of sources.
 */
public final class CredentialStuffingDetector implements Serializable {

  public static final String ALERT = "CredentialStuffing";
  public static final String ATTACK_TYPE = "credential_stuffing";
  private static final String[] LEVEL = {"ip", "/24", "/16"};

  /** Successes a minute under this share of the usual: logins are failing for everyone. */
  static final double COLLAPSED = 0.3;

  /** A window's successes under this share of the usual: the logins were down for part of it. */
  static final double FEWER_IN_WINDOW = 0.6;

  /** Successes a minute needed before their collapse means anything (a quiet night's do not). */
  static final double MIN_USUAL_SUCCESSES = 10;

  private final long windowMs;
  private final long clearMs;
  private final long[] minDistinct;
  private final double minFailureShare;
  private final double ratioFactor;
  private final double ratioMargin;
  private final long minFailures;
  private final int cmsWidth;
  private final long expectedPairs;

  private final long iiiAfterMs;

  /** The shipped thresholds ({@code alert-rules/rules/attacks.yaml}). */
  public CredentialStuffingDetector() {
    this(DetectorSettings.defaults());
  }

  /**
   * The thresholds of {@code settings.credentialStuffing()} and {@code settings.attackLevels()}.
   */
  public CredentialStuffingDetector(DetectorSettings settings) {
    this(
        settings.credentialStuffing().window().toMillis(),
        settings.credentialStuffing().clearAfter().toMillis(),
        new long[] {
          settings.credentialStuffing().minAccountsPerIp(),
          settings.credentialStuffing().minAccountsPer24(),
          settings.credentialStuffing().minAccountsPer16()
        },
        settings.credentialStuffing().minFailureShare(),
        settings.credentialStuffing().ratioFactor(),
        settings.credentialStuffing().ratioMargin(),
        settings.credentialStuffing().minFailures(),
        1 << 16,
        1_000_000,
        settings.attackLevels().iiiAfter().toMillis());
  }

  public CredentialStuffingDetector(
      long windowMs,
      long clearMs,
      long[] minDistinct,
      double minFailureShare,
      double ratioFactor,
      double ratioMargin,
      long minFailures,
      int cmsWidth,
      long expectedPairs,
      long iiiAfterMs) {
    if (windowMs < EventTimeMinutes.LATENESS_MS) {
      // A window is judged the lateness after its end: by then the next one's may not have ended.
      throw new IllegalArgumentException(
          "credential stuffing window " + windowMs + " ms is shorter than the 30 s lateness");
    }
    this.iiiAfterMs = iiiAfterMs;
    this.windowMs = windowMs;
    this.clearMs = clearMs;
    this.minDistinct = minDistinct;
    this.minFailureShare = minFailureShare;
    this.ratioFactor = ratioFactor;
    this.ratioMargin = ratioMargin;
    this.minFailures = minFailures;
    this.cmsWidth = cmsWidth;
    this.expectedPairs = expectedPairs;
  }

  public CredentialStuffingState newState(String center, String channel) {
    CredentialStuffingState s = new CredentialStuffingState();
    s.pairs = new BloomFilter(expectedPairs, 0.01);
    s.attemptsBy = new CountMinSketch(4, cmsWidth);
    s.failuresBy = new CountMinSketch(4, cmsWidth);
    s.distinctBy = new CountMinSketch(4, cmsWidth);
    s.tops = CredentialStuffingTops.create();
    s.closedTops = CredentialStuffingTops.create();
    s.incident.center = center;
    s.incident.channel = channel;
    s.incident.attackType = ATTACK_TYPE;
    s.incident.alertname = ALERT;
    return s;
  }

  public List<Alert> onEvent(CredentialStuffingState s, AuthEvent e) {
    // What an operator runs ahead of the watermark for this event anyway, every step of it: the
    // event then falls in the window being judged for its ratio or the next.
    List<Alert> out = advance(s, e.ts() - EventTimeMinutes.LATENESS_MS, null);
    if (s.ratioStart == CredentialStuffingState.NONE) {
      s.ratioStart = windowOf(e.ts() - EventTimeMinutes.LATENESS_MS);
    }
    s.newest = Math.max(s.newest, e.ts());
    rollSketches(s, e.ts());
    // An event later than CONTRACT §1 allows, whose window is judged already, counts in the open
    // one.
    boolean nextWindow = e.ts() >= s.ratioStart + windowMs;
    String[] keys = {e.source(), IpPrefix.narrow(e.source()), IpPrefix.wide(e.source())};
    SpaceSaving[] tops = {s.tops.ip, s.tops.prefix24, s.tops.prefix16};
    long[] hashes = {Hash64.of(keys[0], 0), Hash64.of(keys[1], 1), Hash64.of(keys[2], 2)};
    if (nextWindow) {
      s.nextAttempts++;
    } else {
      s.attempts++;
    }
    s.tops.sources.add(hashes[0]); // the source's own hash: level 0 is salted with 0
    countSuccess(s, e.ts(), e.success());
    if (e.success()) {
      for (int l = 0; l < 3; l++) {
        s.attemptsBy.add(hashes[l], 1);
      }
      return LazyAlerts.orEmpty(out);
    }
    if (nextWindow) {
      s.nextFailures++;
    } else {
      s.failures++;
    }
    String worst = null;
    double worstValue = 0;
    double worstThreshold = 0;
    for (int l = 0; l < 3; l++) {
      long h = hashes[l];
      long a = s.attemptsBy.add(h, 1);
      long f = s.failuresBy.add(h, 1);
      long d = s.distinctBy.estimate(h);
      if (e.account() != null && s.pairs.add(Hash64.pair(LEVEL[l] + keys[l], e.account()))) {
        d = s.distinctBy.add(h, 1);
        tops[l].raise(keys[l], d);
      }
      if (worst == null && d >= minDistinct[l] && f >= minFailureShare * a) {
        worst = keys[l];
        worstValue = d;
        worstThreshold = minDistinct[l];
      }
    }
    if (worst == null || failingForEveryone(s)) {
      return LazyAlerts.orEmpty(out);
    }
    // A detection after the clear time starts a new incident, as it did when every event ticked the
    // incident: the timer that ends this one may still be waiting for the watermark.
    out = LazyAlerts.add(out, s.incident.tick(e.ts(), clearMs, iiiAfterMs));
    out =
        LazyAlerts.add(
            out,
            s.incident.detected(
                iiiAfterMs,
                e.ts(),
                worst,
                worstValue,
                worstThreshold,
                "Credential stuffing on " + s.incident.channel + " from " + worst,
                "Source "
                    + worst
                    + " failed logins for "
                    + (long) worstValue
                    + " distinct accounts within "
                    + windowMs / 60_000
                    + " min (threshold "
                    + (long) worstThreshold
                    + "), most of its attempts failing.",
                offenders(s.tops)));
    return LazyAlerts.orEmpty(out);
  }

  /** Called at {@code now}, up to which the key's data is complete (the watermark). */
  public List<Alert> onTimer(CredentialStuffingState s, long now) {
    return LazyAlerts.orEmpty(advance(s, now, null));
  }

  /** The end of the window judged for its failure ratio, or the incident's next step. */
  public long nextTimer(CredentialStuffingState s) {
    long w =
        s.ratioStart == CredentialStuffingState.NONE ? Long.MAX_VALUE : s.ratioStart + windowMs;
    return Math.min(w, s.incident.nextTimer(clearMs, iiiAfterMs));
  }

  /**
   * How long a window waits for its late events before its failure ratio is judged ({@link
   * EventTimeMinutes}).
   */
  public long lateness() {
    return EventTimeMinutes.LATENESS_MS;
  }

  /**
   * The input ended: the windows that ended by its newest event are judged (no more late events can
   * come); the window it falls in is not, being incomplete.
   */
  public List<Alert> onEnd(CredentialStuffingState s) {
    return LazyAlerts.orEmpty(advance(s, s.newest, null));
  }

  /**
   * Counts a login in its minute's successes; a minute that ends teaches the usual count unless
   * logins were failing for everyone in it.
   */
  private static void countSuccess(CredentialStuffingState s, long ts, boolean success) {
    long minute = EventTimeMinutes.start(ts);
    if (s.successMinute == CredentialStuffingState.NONE) {
      s.successMinute = minute;
    } else if (minute > s.successMinute) {
      // The minute before: the one that just ended, or none (no login at all in between).
      long ended = s.successes;
      s.successesBefore = minute == s.successMinute + EventTimeMinutes.MINUTE ? ended : 0;
      s.successMinute = minute;
      s.successes = 0;
      if (!failingForEveryone(s)) {
        s.usualSuccesses =
            Double.isNaN(s.usualSuccesses) ? ended : 0.9 * s.usualSuccesses + 0.1 * ended;
      }
    }
    if (success) {
      s.successes++;
    }
  }

  /**
   * Whether the last complete minute's successful logins fell under {@link #COLLAPSED} of the usual
   * (at least {@link #MIN_USUAL_SUCCESSES} a minute): the logins fail for everyone.
   */
  static boolean failingForEveryone(CredentialStuffingState s) {
    return s.successesBefore >= 0
        && s.usualSuccesses >= MIN_USUAL_SUCCESSES
        && s.successesBefore < COLLAPSED * s.usualSuccesses;
  }

  /**
   * Whether a window's successful logins fell under {@link #FEWER_IN_WINDOW} of the usual: the
   * login service was down for a good part of it (a window the outage began or ended in too).
   */
  private boolean loginsDown(CredentialStuffingState s, long windowSuccesses) {
    return s.usualSuccesses >= MIN_USUAL_SUCCESSES
        && windowSuccesses < FEWER_IN_WINDOW * s.usualSuccesses * windowMs / 60_000.0;
  }

  private long windowOf(long ts) {
    return Math.floorDiv(ts, windowMs) * windowMs;
  }

  /**
   * Starts the sketches anew when {@code ts} is past their window: the per-source counts are
   * per-event thresholds, and an event of the previous window that comes after that counts in the
   * new one (a little order dependent by nature). What names the previous window's failure-ratio
   * alert is kept aside until that window is judged.
   */
  private void rollSketches(CredentialStuffingState s, long ts) {
    long start = windowOf(ts);
    if (s.windowStart == CredentialStuffingState.NONE) {
      s.windowStart = start;
    } else if (start > s.windowStart) {
      s.windowStart = start;
      s.pairs.clear();
      s.attemptsBy.clear();
      s.failuresBy.clear();
      s.distinctBy.clear();
      CredentialStuffingTops closed = s.tops;
      s.tops = s.closedTops;
      s.closedTops = closed;
      s.tops.clear();
    }
  }

  /**
   * Runs, in time order, every failure-ratio judgment and incident step due at or before {@code
   * until}.
   */
  private List<Alert> advance(CredentialStuffingState s, long until, List<Alert> out) {
    for (long t = nextTimer(s); t <= until; t = nextTimer(s)) {
      if (out == null) {
        out = new ArrayList<>();
      }
      if (t == s.ratioStart + windowMs) {
        judgeRatio(s, out);
        s.ratioStart += windowMs;
        s.attempts = s.nextAttempts;
        s.failures = s.nextFailures;
        s.nextAttempts = 0;
        s.nextFailures = 0;
      }
      out.addAll(s.incident.tick(t, clearMs, iiiAfterMs));
    }
    return out;
  }

  /** The window at {@code ratioStart}, complete now: its failure ratio against the baseline. */
  private void judgeRatio(CredentialStuffingState s, List<Alert> out) {
    double ratio = s.attempts == 0 ? 0 : (double) s.failures / s.attempts;
    double limit =
        Math.max(ratioFactor * s.baselineFailureRatio, s.baselineFailureRatio + ratioMargin);
    long closedAt = s.ratioStart + windowMs - 1;
    // Its tops: still the sketches' own, or kept aside once a later window's first event came.
    CredentialStuffingTops tops = s.windowStart > s.ratioStart ? s.closedTops : s.tops;
    if (loginsDown(s, s.attempts - s.failures)) {
      return; // an outage's failures: neither an attack nor a window to learn from
    }
    if (s.failures >= minFailures && ratio >= limit) {
      String worst = tops.prefix16.topKey() != null ? tops.prefix16.topKey() : "distributed";
      out.addAll(
          s.incident.detected(
              iiiAfterMs,
              closedAt,
              worst,
              ratio,
              limit,
              "Login failure ratio on " + s.incident.channel + " at " + DetectAlert.pct(ratio),
              "The "
                  + s.incident.channel
                  + " login failure ratio was "
                  + DetectAlert.pct(ratio)
                  + " over "
                  + windowMs / 60_000
                  + " min ("
                  + s.failures
                  + " failures, about "
                  + tops.sources.estimate()
                  + " sources) against a baseline of "
                  + DetectAlert.pct(s.baselineFailureRatio)
                  + ": credential stuffing spread over many sources.",
              offenders(tops)));
    } else if (s.attempts >= 100 && !s.incident.isFiring()) {
      s.baselineFailureRatio = 0.9 * s.baselineFailureRatio + 0.1 * ratio;
    }
  }

  private static String offenders(CredentialStuffingTops tops) {
    List<String> all = new ArrayList<>(tops.ip.top(5));
    all.addAll(tops.prefix24.top(3));
    all.addAll(tops.prefix16.top(2));
    return String.join(", ", all) + " (distinct failed accounts)";
  }
}
