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
 *
 * <p>In event time, whatever the arrival order within CONTRACT §1's 30 s ({@link
 * EventTimeMinutes}): each call counts in its own minute (a short call in the minute it left), and
 * a minute is judged at {@link #nextTimer} at its end, run when the watermark passes it or for an
 * event at least {@link #lateness()} newer, so a flood's alert comes up to 30 s after its first
 * minute ends (live; a replay decides the same). A leaving that comes before its call's arrival
 * waits for it in the table. The repeating callers are judged per event, at the call that crosses
 * the threshold, which the order of events within the window can move a little.
 */
public final class TdosDetector implements Serializable {

  public static final String ALERT = "TelephonyDos";
  public static final String ATTACK_TYPE = "tdos";
  private static final long MINUTE = EventTimeMinutes.MINUTE;

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
    s.open = new TdosMinute(TdosState.NONE);
    s.next = new TdosMinute(TdosState.NONE);
    s.arrivalsByAni = new CountMinSketch(4, 1 << 14);
    s.shortByAni = new CountMinSketch(4, 1 << 14);
    s.topAni = new SpaceSaving(128);
    s.volume = new SeasonalBaseline(30 * MINUTE, 30, 1, 2, zoneOffsetMs);
    AttackIncident.name(center, channel, ATTACK_TYPE, ALERT, s.repeating, s.flood);
    return s;
  }

  /**
   * Takes a call event in: counts it into its own minute, matches a leaving with its arrival in
   * either order, and judges the repeating callers at once. Allocates nothing unless something is
   * due or detected.
   */
  public List<Alert> onEvent(TdosState s, CallEvent e) {
    // What an operator runs ahead of the watermark for this event anyway, every step of it: the
    // event then falls in the open minute or the next.
    List<Alert> out = advance(s, e.ts() - EventTimeMinutes.LATENESS_MS, null);
    if (s.open.start == TdosState.NONE) {
      s.open.start = EventTimeMinutes.firstOpen(e.ts());
      s.next.start = s.open.start + MINUTE;
    }
    s.newest = Math.max(s.newest, e.ts());
    rollRepeatWindow(s, e.ts());
    long callHash = Hash64.of(e.callId());
    int slot = (int) (callHash & (tableSize - 1));
    if (e.phase() == CallPhase.ARRIVED) {
      return arrived(s, e, callHash, slot, out);
    }
    boolean leaves =
        e.phase() == CallPhase.ABANDONED
            || (e.phase() == CallPhase.IVR_EXIT
                && e.ivrOutcome() == io.cscmon.core.event.IvrOutcome.HANGUP);
    if (!leaves && e.phase() != CallPhase.IVR_EXIT) {
      return LazyAlerts.orEmpty(
          out); // queued, answered, ended: past the IVR, where a TDoS call never gets
    }
    if (s.callHash[slot] != callHash) {
      // Its arrival is still on its way (events out of order by up to 30 s: a 2 s call's two
      // events swap often), or was forgotten: keep the leaving for it.
      s.callHash[slot] = callHash;
      s.callArrived[slot] = leaves ? TdosState.LEFT_FIRST : TdosState.NONE;
      s.callAni[slot] = e.ts();
      return LazyAlerts.orEmpty(out);
    }
    long arrived = s.callArrived[slot];
    if (arrived == TdosState.NONE || arrived == TdosState.LEFT_FIRST) {
      return LazyAlerts.orEmpty(out); // its length is known already
    }
    s.callArrived[slot] = TdosState.NONE;
    return leaves ? left(s, arrived, e.ts(), s.callAni[slot], out) : LazyAlerts.orEmpty(out);
  }

  /** An arrival: counted in its minute and repeat window; opens the call unless it left first. */
  private List<Alert> arrived(TdosState s, CallEvent e, long callHash, int slot, List<Alert> out) {
    String ani = e.ani() == null ? "unknown" : e.ani();
    long h = Hash64.of(ani);
    TdosMinute m = minuteOf(s, e.ts());
    m.arrivals++;
    m.anis.add(h);
    s.arrivalsByAni.add(h, 1);
    s.topAni.offer(ani, 1);
    boolean seen = s.callHash[slot] == callHash;
    long was = s.callArrived[slot];
    long leftAt = s.callAni[slot];
    s.callHash[slot] = callHash;
    s.callAni[slot] = h;
    if (seen && was == TdosState.LEFT_FIRST) {
      s.callArrived[slot] = TdosState.NONE;
      return left(s, e.ts(), leftAt, h, out);
    }
    // Seen closed already: it went on from the IVR before its arrival came.
    s.callArrived[slot] = seen && was == TdosState.NONE ? TdosState.NONE : e.ts();
    return LazyAlerts.orEmpty(out);
  }

  /**
   * A call that arrived at {@code arrived} left at {@code leftAt}: a short one counts in the minute
   * it left, and towards its ANI's repeats.
   */
  private List<Alert> left(TdosState s, long arrived, long leftAt, long aniHash, List<Alert> out) {
    if (leftAt - arrived > shortMs) {
      return LazyAlerts.orEmpty(out);
    }
    minuteOf(s, leftAt).shortCalls++;
    long shorts = s.shortByAni.add(aniHash, 1);
    long calls = s.arrivalsByAni.estimate(aniHash);
    String top = topAniOf(s, aniHash);
    if (top == null || calls < minRepeats || shorts < minShortShare * calls) {
      return LazyAlerts.orEmpty(out);
    }
    // A detection after the clear time starts a new incident, as it did when every event ticked the
    // incidents: the timer that ends this one may still be waiting for the watermark.
    out = LazyAlerts.add(out, s.repeating.tick(leftAt, clearMs, iiiAfterMs));
    out =
        LazyAlerts.add(
            out,
            s.repeating.detected(
                iiiAfterMs,
                leftAt,
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
    return LazyAlerts.orEmpty(out);
  }

  /**
   * The minute {@code ts} counts in: the open one or the next; an event later than CONTRACT §1
   * allows, whose minute is judged already, counts in the open one.
   */
  private static TdosMinute minuteOf(TdosState s, long ts) {
    return ts >= s.next.start ? s.next : s.open;
  }

  private static String topAniOf(TdosState s, long hash) {
    for (int i = 0; i < s.topAni.size; i++) {
      if (Hash64.of(s.topAni.keys[i]) == hash) {
        return s.topAni.keys[i];
      }
    }
    return null;
  }

  /** Called at {@code now}, up to which the key's data is complete (the watermark). */
  public List<Alert> onTimer(TdosState s, long now) {
    return LazyAlerts.orEmpty(advance(s, now, null));
  }

  /** The end of the open minute, or an incident's escalation or clear time. */
  public long nextTimer(TdosState s) {
    long m = s.open.start == TdosState.NONE ? Long.MAX_VALUE : s.open.start + MINUTE;
    return AttackIncident.earliestTimer(m, clearMs, iiiAfterMs, s.repeating, s.flood);
  }

  /** How long a minute waits for its late events before it is judged ({@link EventTimeMinutes}). */
  public long lateness() {
    return EventTimeMinutes.LATENESS_MS;
  }

  /**
   * The input ended: the minutes that ended by its newest event are judged (no more late events can
   * come); the minute it falls in is not, being incomplete.
   */
  public List<Alert> onEnd(TdosState s) {
    return LazyAlerts.orEmpty(advance(s, s.newest, null));
  }

  /**
   * Runs, in time order, every minute judgment and incident timer due at or before {@code until}: a
   * clear time before a minute's end ends the incident before that minute can extend it.
   */
  private List<Alert> advance(TdosState s, long until, List<Alert> out) {
    for (long t = nextTimer(s); t <= until; t = nextTimer(s)) {
      if (out == null) {
        out = new ArrayList<>();
      }
      if (t == s.open.start + MINUTE) {
        judgeMinute(s, out);
        // Minutes with no calls at all are not learned: traffic loss is another detector's
        // business. The judged minute's counters become the one after the next.
        TdosMinute judged = s.open;
        s.open = s.next;
        s.next = judged;
        judged.reset(s.open.start + MINUTE);
      }
      AttackIncident.tickAll(out, t, clearMs, iiiAfterMs, s.repeating, s.flood);
    }
    return out;
  }

  /**
   * Starts a new repeat window when {@code ts} is past the current one. Events of the previous
   * window that come after that count in the new one: the repeat counts are per-event thresholds
   * over sketches, a little order dependent by nature.
   */
  private void rollRepeatWindow(TdosState s, long ts) {
    long repeat = Math.floorDiv(ts, repeatWindowMs) * repeatWindowMs;
    if (s.repeatStart == TdosState.NONE || repeat > s.repeatStart) {
      if (s.repeatStart != TdosState.NONE) {
        s.arrivalsByAni.clear();
        s.shortByAni.clear();
        s.topAni.clear();
      }
      s.repeatStart = repeat;
    }
  }

  /** The open minute, complete now: a spoofed flood, or a minute to learn. */
  private void judgeMinute(TdosState s, List<Alert> out) {
    TdosMinute m = s.open;
    if (m.arrivals == 0) {
      return; // nothing to flag or learn
    }
    double[] mm = s.volume.expected(m.start);
    // Without a baseline for the time of week (a first day), the fixed floor or the recent
    // minutes: a flood comes within a minute, a morning's ramp over an hour (a 2-call/s spoofed
    // flood, three times the voice arrivals, went unseen all day under the floor of 200).
    double expected = mm != null ? mm[0] : s.recentArrivals;
    boolean surge =
        (!Double.isNaN(expected)
                && m.arrivals >= floodFactor * expected
                && m.arrivals - expected >= floodExcess)
            || (mm == null && m.arrivals >= floodWithoutBaseline);
    double share = (double) m.shortCalls / m.arrivals;
    boolean shortMix = share >= Math.max(minShortShare, floodFactor * s.baselineShortShare);
    long distinct = m.anis.estimate();
    // A few numbers redialling, already alerted by name, make the surge too: the same attack, not a
    // second, spoofed one (a sweep: five repeating ANIs paged as a caller and as "spoofed").
    boolean theRepeaters = s.repeating.isFiring() && distinct < SPOOFED_SHARE * m.arrivals;
    if (surge && shortMix && !theRepeaters) {
      out.addAll(
          s.flood.detected(
              iiiAfterMs,
              m.start + MINUTE - 1,
              "spoofed",
              m.arrivals,
              Double.isNaN(expected)
                  ? floodWithoutBaseline
                  : mm == null
                      ? Math.min(floodWithoutBaseline, floodFactor * expected)
                      : floodFactor * expected,
              "TDoS: a flood of short calls on " + s.flood.channel,
              m.arrivals
                  + " calls in one minute against "
                  + (mm != null
                      ? Math.round(expected) + " expected"
                      : Double.isNaN(expected)
                          ? "no baseline yet"
                          : Math.round(expected) + " in the recent minutes (no baseline yet)")
                  + ", "
                  + DetectAlert.pct(share)
                  + " hanging up within "
                  + shortMs / 1000
                  + " s; about "
                  + distinct
                  + " distinct ANIs ("
                  + DetectAlert.pct(Math.min(1, (double) distinct / m.arrivals))
                  + " seen once: spoofed random numbers).",
              String.join(", ", s.topAni.top(5)) + " (calls)"));
    } else if (!s.flood.isFiring() && !theRepeaters) {
      s.volume.learn(m.start, m.arrivals);
      s.recentArrivals =
          Double.isNaN(s.recentArrivals) ? m.arrivals : 0.95 * s.recentArrivals + 0.05 * m.arrivals;
      if (m.arrivals >= 20) {
        s.baselineShortShare = 0.95 * s.baselineShortShare + 0.05 * share;
      }
    }
  }
}
