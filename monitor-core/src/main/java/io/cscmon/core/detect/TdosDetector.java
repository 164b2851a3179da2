package io.cscmon.core.detect;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallPhase;
import io.cscmon.core.rule.DetectorSettings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Telephony denial of service (issue 6): floods of calls that hang up within seconds. Key the
 * operator by {@code (center, channel)} for the voice channel and pass every {@code call} event.
 *
 * <p>A call is short when it leaves (any phase after {@code arrived} that ends it in the IVR or the
 * queue: {@code ivr_exit} with {@code hangup}, {@code abandoned}) within {@code shortMs} (10 s) of
 * arriving; open calls sit in a fixed direct-mapped table (a collision forgets a call, which only
 * undercounts). Two patterns:
 *
 * <ul>
 *   <li><b>a few ANIs repeating</b>: an ANI with at least 10 arrivals in 10 minutes, most of them
 *       short — {@code source} = that ANI. A customer who calls back twice or three times is far
 *       below;
 *   <li><b>spoofed random ANIs</b>: a minute with arrivals at least 3× what that time of week
 *       expects and 60 above it (200 a minute while the baseline is still learning), at least half
 *       of them short and 3× the usual short share — {@code source} = {@code spoofed}, the
 *       distinct-ANI share in the description. A real surge (a market shock) has the normal
 *       call-length mix and stays silent.
 * </ul>
 */
public final class TdosDetector implements Serializable {

  public static final String ALERT = "TelephonyDos";
  public static final String ATTACK_TYPE = "tdos";
  private static final long MINUTE = 60_000L;

  /**
   * A flood is the repeat callers' while it has fewer distinct numbers than this share of its calls
   * (a spoofed one has about one number per call).
   */
  static final double SPOOFED_SHARE = 0.5;

  private final long shortMs;
  private final long repeatWindowMs;
  private final long minRepeats;
  private final double floodFactor;
  private final long floodExcess;
  private final long floodWithoutBaseline;
  private final double minShortShare;
  private final long clearMs;
  private final int tableSize;
  private final long iiiAfterMs;
  private final long zoneOffsetMs;

  /** The shipped thresholds ({@code alert-rules/rules/attacks.yaml}). */
  public TdosDetector(long zoneOffsetMs) {
    this(DetectorSettings.defaults(), zoneOffsetMs);
  }

  /** The thresholds of {@code settings.tdos()} and {@code settings.attackLevels()}. */
  public TdosDetector(DetectorSettings settings, long zoneOffsetMs) {
    this(
        settings.tdos().shortCall().toMillis(),
        settings.tdos().repeatWindow().toMillis(),
        settings.tdos().minRepeats(),
        settings.tdos().floodFactor(),
        settings.tdos().floodExcess(),
        settings.tdos().floodWithoutBaseline(),
        settings.tdos().minShortShare(),
        settings.tdos().clearAfter().toMillis(),
        1 << 16,
        settings.attackLevels().iiiAfter().toMillis(),
        zoneOffsetMs);
  }

  public TdosDetector(
      long shortMs,
      long repeatWindowMs,
      long minRepeats,
      double floodFactor,
      long floodExcess,
      long floodWithoutBaseline,
      double minShortShare,
      long clearMs,
      int tableSize,
      long iiiAfterMs,
      long zoneOffsetMs) {
    this.iiiAfterMs = iiiAfterMs;
    this.shortMs = shortMs;
    this.repeatWindowMs = repeatWindowMs;
    this.minRepeats = minRepeats;
    this.floodFactor = floodFactor;
    this.floodExcess = floodExcess;
    this.floodWithoutBaseline = floodWithoutBaseline;
    this.minShortShare = minShortShare;
    this.clearMs = clearMs;
    this.tableSize = tableSize;
    this.zoneOffsetMs = zoneOffsetMs;
  }

  public TdosState newState(String center, String channel) {
    TdosState s = new TdosState();
    s.callHash = new long[tableSize];
    s.callArrived = new long[tableSize];
    Arrays.fill(s.callArrived, TdosState.NONE);
    s.callAni = new long[tableSize];
    s.anis = new HyperLogLog(12);
    s.arrivalsByAni = new CountMinSketch(4, 1 << 14);
    s.shortByAni = new CountMinSketch(4, 1 << 14);
    s.topAni = new SpaceSaving(128);
    s.volume = new SeasonalBaseline(30 * MINUTE, 30, 1, 2, zoneOffsetMs);
    AttackIncident.name(center, channel, ATTACK_TYPE, ALERT, s.repeating, s.flood);
    return s;
  }

  public List<Alert> onEvent(TdosState s, CallEvent e) {
    List<Alert> out = new ArrayList<>(roll(s, e.ts()));
    long callHash = Hash64.of(e.callId());
    int slot = (int) (callHash & (tableSize - 1));
    if (e.phase() == CallPhase.ARRIVED) {
      s.callHash[slot] = callHash;
      s.callArrived[slot] = e.ts();
      String ani = e.ani() == null ? "unknown" : e.ani();
      long h = Hash64.of(ani);
      s.callAni[slot] = h;
      s.arrivals++;
      s.anis.add(h);
      s.arrivalsByAni.add(h, 1);
      s.topAni.offer(ani, 1);
      return out;
    }
    boolean leaves =
        e.phase() == CallPhase.ABANDONED
            || (e.phase() == CallPhase.IVR_EXIT
                && e.ivrOutcome() == io.cscmon.core.event.IvrOutcome.HANGUP);
    if (s.callHash[slot] != callHash || s.callArrived[slot] == TdosState.NONE) {
      return out;
    }
    long arrived = s.callArrived[slot];
    long aniHash = s.callAni[slot];
    if (e.phase() == CallPhase.IVR_EXIT || leaves) {
      s.callArrived[slot] = TdosState.NONE; // its length is known now
    }
    if (leaves && e.ts() - arrived <= shortMs) {
      s.shortCalls++;
      long shorts = s.shortByAni.add(aniHash, 1);
      long calls = s.arrivalsByAni.estimate(aniHash);
      String top = topAniOf(s, aniHash);
      if (top != null && calls >= minRepeats && shorts >= minShortShare * calls) {
        out.addAll(
            s.repeating.detected(
                iiiAfterMs,
                e.ts(),
                top,
                calls,
                minRepeats,
                "TDoS: caller " + top + " floods " + s.repeating.channel + " with short calls",
                "Caller "
                    + top
                    + " placed "
                    + calls
                    + " calls within "
                    + repeatWindowMs / 60_000
                    + " min, "
                    + shorts
                    + " of them hanging up within "
                    + shortMs / 1000
                    + " s (threshold "
                    + minRepeats
                    + " calls).",
                String.join(", ", s.topAni.top(5)) + " (calls)"));
      }
    }
    return out;
  }

  private static String topAniOf(TdosState s, long hash) {
    for (int i = 0; i < s.topAni.size; i++) {
      if (Hash64.of(s.topAni.keys[i]) == hash) {
        return s.topAni.keys[i];
      }
    }
    return null;
  }

  public List<Alert> onTimer(TdosState s, long now) {
    return roll(s, now);
  }

  public long nextTimer(TdosState s) {
    long m = s.minuteStart == TdosState.NONE ? Long.MAX_VALUE : s.minuteStart + MINUTE;
    return AttackIncident.earliestTimer(m, clearMs, iiiAfterMs, s.repeating, s.flood);
  }

  private List<Alert> roll(TdosState s, long now) {
    List<Alert> out = new ArrayList<>();
    long minute = Math.floorDiv(now, MINUTE) * MINUTE;
    if (s.minuteStart == TdosState.NONE) {
      s.minuteStart = minute;
    } else if (minute > s.minuteStart) {
      judgeMinute(s, out);
      // Minutes with no calls at all are not learned: traffic loss is another detector's business.
      s.minuteStart = minute;
      s.arrivals = 0;
      s.shortCalls = 0;
      s.anis.clear();
    }
    long repeat = Math.floorDiv(now, repeatWindowMs) * repeatWindowMs;
    if (s.repeatStart == TdosState.NONE || repeat > s.repeatStart) {
      if (s.repeatStart != TdosState.NONE) {
        s.arrivalsByAni.clear();
        s.shortByAni.clear();
        s.topAni.clear();
      }
      s.repeatStart = repeat;
    }
    return AttackIncident.tickAll(out, now, clearMs, iiiAfterMs, s.repeating, s.flood);
  }

  private void judgeMinute(TdosState s, List<Alert> out) {
    double[] mm = s.volume.expected(s.minuteStart);
    double expected = mm == null ? Double.NaN : mm[0];
    double share = s.arrivals == 0 ? 0 : (double) s.shortCalls / s.arrivals;
    boolean surge =
        mm == null
            ? s.arrivals >= floodWithoutBaseline
            : s.arrivals >= floodFactor * expected && s.arrivals - expected >= floodExcess;
    boolean shortMix = share >= Math.max(minShortShare, floodFactor * s.baselineShortShare);
    long distinct = s.anis.estimate();
    // A few numbers redialling, already alerted by name, make the surge too: the same attack, not a
    // second, spoofed one (a sweep: five repeating ANIs paged as a caller and as "spoofed").
    boolean theRepeaters = s.repeating.isFiring() && distinct < SPOOFED_SHARE * s.arrivals;
    if (surge && shortMix && !theRepeaters) {
      out.addAll(
          s.flood.detected(
              iiiAfterMs,
              s.minuteStart + MINUTE - 1,
              "spoofed",
              s.arrivals,
              mm == null ? floodWithoutBaseline : floodFactor * expected,
              "TDoS: a flood of short calls on " + s.flood.channel,
              s.arrivals
                  + " calls in one minute against "
                  + (mm == null ? "no baseline yet" : Math.round(expected) + " expected")
                  + ", "
                  + DetectAlert.pct(share)
                  + " hanging up within "
                  + shortMs / 1000
                  + " s; about "
                  + distinct
                  + " distinct ANIs ("
                  + DetectAlert.pct(Math.min(1, (double) distinct / s.arrivals))
                  + " seen once: spoofed random numbers).",
              String.join(", ", s.topAni.top(5)) + " (calls)"));
    } else if (s.arrivals > 0 && !s.flood.isFiring() && !theRepeaters) {
      s.volume.learn(s.minuteStart, s.arrivals);
      if (s.arrivals >= 20) {
        s.baselineShortShare = 0.95 * s.baselineShortShare + 0.05 * share;
      }
    }
  }
}
