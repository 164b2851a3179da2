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
 * <p>Memory is fixed per channel (about 4.3 MiB with the defaults) whatever the number of sources.
 */
public final class CredentialStuffingDetector implements Serializable {

  public static final String ALERT = "CredentialStuffing";
  public static final String ATTACK_TYPE = "credential_stuffing";
  private static final String[] LEVEL = {"ip", "/24", "/16"};

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
    s.topIp = new SpaceSaving(32);
    s.top24 = new SpaceSaving(32);
    s.top16 = new SpaceSaving(32);
    s.sources = new HyperLogLog(12);
    s.incident.center = center;
    s.incident.channel = channel;
    s.incident.attackType = ATTACK_TYPE;
    s.incident.alertname = ALERT;
    return s;
  }

  public List<Alert> onEvent(CredentialStuffingState s, AuthEvent e) {
    List<Alert> out = new ArrayList<>(roll(s, e.ts()));
    String[] keys = {e.source(), IpPrefix.narrow(e.source()), IpPrefix.wide(e.source())};
    SpaceSaving[] tops = {s.topIp, s.top24, s.top16};
    long[] hashes = {Hash64.of(keys[0], 0), Hash64.of(keys[1], 1), Hash64.of(keys[2], 2)};
    s.attempts++;
    s.sources.add(hashes[0]); // the source's own hash: level 0 is salted with 0
    if (e.success()) {
      for (int l = 0; l < 3; l++) {
        s.attemptsBy.add(hashes[l], 1);
      }
      return out;
    }
    s.failures++;
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
    if (worst != null) {
      out.addAll(
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
              offenders(s)));
    }
    return out;
  }

  public List<Alert> onTimer(CredentialStuffingState s, long now) {
    return roll(s, now);
  }

  public long nextTimer(CredentialStuffingState s) {
    long w =
        s.windowStart == CredentialStuffingState.NONE ? Long.MAX_VALUE : s.windowStart + windowMs;
    return Math.min(w, s.incident.nextTimer(clearMs, iiiAfterMs));
  }

  /**
   * Closes the window if {@code now} is past it (judging its failure ratio), ticks the incident.
   */
  private List<Alert> roll(CredentialStuffingState s, long now) {
    List<Alert> out = new ArrayList<>();
    long start = Math.floorDiv(now, windowMs) * windowMs;
    if (s.windowStart == CredentialStuffingState.NONE) {
      s.windowStart = start;
    } else if (start > s.windowStart) {
      double ratio = s.attempts == 0 ? 0 : (double) s.failures / s.attempts;
      double limit =
          Math.max(ratioFactor * s.baselineFailureRatio, s.baselineFailureRatio + ratioMargin);
      long closedAt = s.windowStart + windowMs - 1;
      if (s.failures >= minFailures && ratio >= limit) {
        String worst = s.top16.topKey() != null ? s.top16.topKey() : "distributed";
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
                    + s.sources.estimate()
                    + " sources) against a baseline of "
                    + DetectAlert.pct(s.baselineFailureRatio)
                    + ": credential stuffing spread over many sources.",
                offenders(s)));
      } else if (s.attempts >= 100 && !s.incident.isFiring()) {
        s.baselineFailureRatio = 0.9 * s.baselineFailureRatio + 0.1 * ratio;
      }
      s.windowStart = start;
      s.attempts = 0;
      s.failures = 0;
      s.pairs.clear();
      s.attemptsBy.clear();
      s.failuresBy.clear();
      s.distinctBy.clear();
      s.topIp.clear();
      s.top24.clear();
      s.top16.clear();
      s.sources.clear();
    }
    out.addAll(s.incident.tick(now, clearMs, iiiAfterMs));
    return out;
  }

  private static String offenders(CredentialStuffingState s) {
    List<String> all = new ArrayList<>(s.topIp.top(5));
    all.addAll(s.top24.top(3));
    all.addAll(s.top16.top(2));
    return String.join(", ", all) + " (distinct failed accounts)";
  }
}
