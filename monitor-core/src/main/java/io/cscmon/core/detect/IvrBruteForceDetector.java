package io.cscmon.core.detect;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.rule.DetectorSettings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * IVR PIN brute force and account enumeration (issue 6): key the operator by center and pass the
 * {@code auth} events of channel {@code ivr} (source = ANI).
 *
 * <p>In tumbling windows of {@code windowMs} (10 min):
 *
 * <ul>
 *   <li>one ANI failing the PIN of at least 5 distinct accounts, most of its attempts failing:
 *       {@code source} = that ANI;
 *   <li>one account failing from at least 5 distinct ANIs (distributed guessing): {@code source} =
 *       {@code distributed}, the account in the {@code target_account} annotation, the worst ANIs
 *       in the top offenders.
 * </ul>
 *
 * A customer who calls back twice, from the same or another phone, or who holds two or three cards,
 * stays far below five.
 */
public final class IvrBruteForceDetector implements Serializable {

  public static final String ALERT = "IvrBruteForce";
  public static final String ATTACK_TYPE = "ivr_bruteforce";

  private final long windowMs;
  private final long clearMs;
  private final long minAccountsPerAni;
  private final long minAnisPerAccount;
  private final double minFailureShare;
  private final int cmsWidth;
  private final long iiiAfterMs;

  /** The shipped thresholds ({@code alert-rules/rules/attacks.yaml}). */
  public IvrBruteForceDetector() {
    this(DetectorSettings.defaults());
  }

  /** The thresholds of {@code settings.ivrBruteForce()} and {@code settings.attackLevels()}. */
  public IvrBruteForceDetector(DetectorSettings settings) {
    this(
        settings.ivrBruteForce().window().toMillis(),
        settings.ivrBruteForce().clearAfter().toMillis(),
        settings.ivrBruteForce().minAccountsPerAni(),
        settings.ivrBruteForce().minAnisPerAccount(),
        settings.ivrBruteForce().minFailureShare(),
        1 << 16,
        settings.attackLevels().iiiAfter().toMillis());
  }

  public IvrBruteForceDetector(
      long windowMs,
      long clearMs,
      long minAccountsPerAni,
      long minAnisPerAccount,
      double minFailureShare,
      int cmsWidth,
      long iiiAfterMs) {
    this.iiiAfterMs = iiiAfterMs;
    this.windowMs = windowMs;
    this.clearMs = clearMs;
    this.minAccountsPerAni = minAccountsPerAni;
    this.minAnisPerAccount = minAnisPerAccount;
    this.minFailureShare = minFailureShare;
    this.cmsWidth = cmsWidth;
  }

  public IvrBruteForceState newState(String center) {
    IvrBruteForceState s = new IvrBruteForceState();
    s.pairs = new BloomFilter(1_000_000, 0.01);
    s.attemptsByAni = new CountMinSketch(4, cmsWidth);
    s.failuresByAni = new CountMinSketch(4, cmsWidth);
    s.accountsByAni = new CountMinSketch(4, cmsWidth);
    s.anisByAccount = new CountMinSketch(4, cmsWidth);
    s.topAni = new SpaceSaving(32);
    s.topAccount = new SpaceSaving(32);
    s.topFailingAni = new SpaceSaving(32);
    AttackIncident.name(center, "ivr", ATTACK_TYPE, ALERT, s.byAni, s.byAccount);
    return s;
  }

  public List<Alert> onEvent(IvrBruteForceState s, AuthEvent e) {
    List<Alert> out = new ArrayList<>(roll(s, e.ts()));
    long ani = Hash64.of(e.source());
    long attempts = s.attemptsByAni.add(ani, 1);
    if (e.success() || e.account() == null) {
      return out;
    }
    long failures = s.failuresByAni.add(ani, 1);
    s.topFailingAni.offer(e.source(), 1);
    long accounts = s.accountsByAni.estimate(ani);
    if (s.pairs.add(Hash64.pair("a>" + e.source(), e.account()))) {
      accounts = s.accountsByAni.add(ani, 1);
      s.topAni.raise(e.source(), accounts);
    }
    long acct = Hash64.of(e.account(), 1);
    long anis = s.anisByAccount.estimate(acct);
    if (s.pairs.add(Hash64.pair("b>" + e.account(), e.source()))) {
      anis = s.anisByAccount.add(acct, 1);
      s.topAccount.raise(e.account(), anis);
    }
    if (accounts >= minAccountsPerAni && failures >= minFailureShare * attempts) {
      out.addAll(
          s.byAni.detected(
              iiiAfterMs,
              e.ts(),
              e.source(),
              accounts,
              minAccountsPerAni,
              "IVR PIN brute force from " + e.source(),
              "Caller "
                  + e.source()
                  + " failed the PIN of "
                  + accounts
                  + " distinct accounts within "
                  + windowMs / 60_000
                  + " min (threshold "
                  + minAccountsPerAni
                  + "): account enumeration through the IVR.",
              String.join(", ", s.topAni.top(5)) + " (distinct failed accounts)"));
    }
    if (anis >= minAnisPerAccount) {
      out.addAll(
          s.byAccount.detected(
              iiiAfterMs,
              e.ts(),
              "distributed",
              anis,
              minAnisPerAccount,
              "Distributed IVR PIN guessing on one account",
              "Account "
                  + e.account()
                  + " failed its PIN from "
                  + anis
                  + " distinct callers within "
                  + windowMs / 60_000
                  + " min (threshold "
                  + minAnisPerAccount
                  + "): guessing spread over many numbers.",
              String.join(", ", s.topFailingAni.top(5)) + " (PIN failures)"));
    }
    return out;
  }

  public List<Alert> onTimer(IvrBruteForceState s, long now) {
    return roll(s, now);
  }

  public long nextTimer(IvrBruteForceState s) {
    long w = s.windowStart == IvrBruteForceState.NONE ? Long.MAX_VALUE : s.windowStart + windowMs;
    return AttackIncident.earliestTimer(w, clearMs, iiiAfterMs, s.byAni, s.byAccount);
  }

  private List<Alert> roll(IvrBruteForceState s, long now) {
    long start = Math.floorDiv(now, windowMs) * windowMs;
    if (s.windowStart == IvrBruteForceState.NONE || start > s.windowStart) {
      if (s.windowStart != IvrBruteForceState.NONE) {
        s.pairs.clear();
        s.attemptsByAni.clear();
        s.failuresByAni.clear();
        s.accountsByAni.clear();
        s.anisByAccount.clear();
        s.topAni.clear();
        s.topAccount.clear();
        s.topFailingAni.clear();
      }
      s.windowStart = start;
    }
    return AttackIncident.tickAll(
        new ArrayList<>(), now, clearMs, iiiAfterMs, s.byAni, s.byAccount);
  }
}
