package io.cscmon.core.detect;

import io.cscmon.core.alert.Alert;
import io.cscmon.core.alert.EmergencyLevel;
import io.cscmon.core.alert.IncidentType;
import io.cscmon.core.alert.Labels;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallPhase;
import io.cscmon.core.rule.DetectorSettings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Silent traffic loss (issue 5): arrivals on a channel far below what that time of week expects — a
 * trunk, carrier or routing failure that no probe sees. Key the operator by {@code (center,
 * channel)}, pass every {@code arrived} call to {@link #onEvent} and fire {@link #onTimer} at
 * {@link #nextTimer} (every minute, so that a channel that has gone completely quiet is judged
 * too).
 *
 * <p>Each minute's arrivals are learned (a surge only up to twice the expected) into a {@link
 * SeasonalBaseline} (median per 30-minute slot of the week, falling back to the day). The channel
 * is lost when the last {@code window} minutes brought at most {@code ratio} of the expected
 * arrivals while at least {@code minExpected} were expected: 20% of at least 20 calls in 3 minutes
 * (a Poisson count of 20 falls to 4 about twice in a hundred thousand), so thin channels stay
 * silent while a voice trunk lost at night is seen. It fires {@code ChannelTrafficLoss} (incident
 * {@code outage}) from the first lost minute, escalates like any customer-facing outage ({@link
 * OutageLevels}) and resolves at the first minute back above half the expected. When a component
 * that carries the channel is down, {@link RootCauseTagger} ties this alert to it; when every probe
 * is up this alert is the only sign.
 */
public final class TrafficLossDetector implements Serializable {

  public static final String ALERT = "ChannelTrafficLoss";
  private static final long MINUTE = 60_000L;
  private static final int RING = 16;
  private static final int SLOT_MINUTES = 30;

  /** How far above the expected a minute teaches the baseline (see {@link #learnable}). */
  private static final double SURGE_FACTOR = 2;

  private static final double SURGE_FLOOR = 10;

  private final int window;
  private final double ratio;
  private final double minExpected;
  private final long latenessMs;
  private final long zoneOffsetMs;
  private final OutageLevels levels;

  /** The shipped thresholds ({@code alert-rules/rules/outages.yaml}). */
  public TrafficLossDetector(long zoneOffsetMs) {
    this(DetectorSettings.defaults(), zoneOffsetMs);
  }

  /** The traffic-loss thresholds and outage levels of {@code settings}. */
  public TrafficLossDetector(DetectorSettings settings, long zoneOffsetMs) {
    this(
        settings.trafficLoss().windowMinutes(),
        settings.trafficLoss().ratio(),
        settings.trafficLoss().minExpected(),
        settings.trafficLoss().lateness().toMillis(),
        zoneOffsetMs,
        settings.outageLevels());
  }

  public TrafficLossDetector(
      int window,
      double ratio,
      double minExpected,
      long latenessMs,
      long zoneOffsetMs,
      OutageLevels levels) {
    this.window = window;
    this.ratio = ratio;
    this.minExpected = minExpected;
    this.latenessMs = latenessMs;
    this.zoneOffsetMs = zoneOffsetMs;
    this.levels = levels;
  }

  public TrafficLossState newState(String center, String channel) {
    TrafficLossState s = new TrafficLossState();
    s.center = center;
    s.channel = channel;
    // One value a minute, 30 per slot; one week of each slot of the week, two days of the day.
    s.baseline = new SeasonalBaseline(SLOT_MINUTES * MINUTE, 30, 1, 2, zoneOffsetMs);
    s.minute = new long[RING];
    Arrays.fill(s.minute, Long.MIN_VALUE);
    s.arrivals = new long[RING];
    return s;
  }

  public List<Alert> onEvent(TrafficLossState s, CallEvent e) {
    if (e.phase() != CallPhase.ARRIVED) {
      return List.of();
    }
    long m = Math.floorDiv(e.ts(), MINUTE);
    if (s.judgedThrough == TrafficLossState.NONE) {
      s.judgedThrough = m - 1;
    }
    if (m > s.judgedThrough) {
      int i = (int) Math.floorMod(m, (long) RING);
      if (s.minute[i] != m) {
        s.minute[i] = m;
        s.arrivals[i] = 0;
      }
      s.arrivals[i]++;
    }
    return judge(s, e.ts() - latenessMs);
  }

  public List<Alert> onTimer(TrafficLossState s, long now) {
    return judge(s, now);
  }

  /** The end of the next minute to judge. */
  public long nextTimer(TrafficLossState s) {
    return s.judgedThrough == TrafficLossState.NONE
        ? Long.MAX_VALUE
        : (s.judgedThrough + 2) * MINUTE;
  }

  private long count(TrafficLossState s, long m) {
    int i = (int) Math.floorMod(m, (long) RING);
    return s.minute[i] == m ? s.arrivals[i] : 0;
  }

  /**
   * The arrivals expected in minute {@code m}: its slot's median, or, for a slot not learned yet
   * (the first day, a file that starts the same morning), the slot before it's. Without that, a
   * trunk failing in a new slot of the first day went unseen, and a loss firing into one could
   * never resolve (the sweep's 30-hour file: a 10-minute trunk failure at 12:00, missed).
   */
  private double expect(TrafficLossState s, long m) {
    double[] mm = s.baseline.expected(m * MINUTE);
    if (mm == null) {
      mm = s.baseline.expected((m - SLOT_MINUTES) * MINUTE);
    }
    return mm == null ? Double.NaN : mm[0];
  }

  private List<Alert> judge(TrafficLossState s, long upTo) {
    List<Alert> out = new ArrayList<>();
    if (s.judgedThrough == TrafficLossState.NONE) {
      return out;
    }
    long last = Math.floorDiv(upTo, MINUTE) - 1; // minutes that have ended
    // After a long silence of the whole stream, judge at most a week of minutes.
    long from = Math.max(s.judgedThrough + 1, last - 7 * 24 * 60);
    for (long m = from; m <= last; m++) {
      judgeMinute(s, m, out);
      s.judgedThrough = m;
    }
    return out;
  }

  private void judgeMinute(TrafficLossState s, long m, List<Alert> out) {
    long c = count(s, m);
    double e = expect(s, m);
    double obs = 0;
    double exp = 0;
    long firstLow = Long.MAX_VALUE;
    for (long k = m - window + 1; k <= m; k++) {
      double ek = expect(s, k);
      if (Double.isNaN(ek)) {
        exp = Double.NaN;
        break;
      }
      long ck = count(s, k);
      obs += ck;
      exp += ek;
      if (ck <= ratio * ek && firstLow == Long.MAX_VALUE) {
        firstLow = k;
      }
    }
    boolean lost = !Double.isNaN(exp) && exp >= minExpected && obs <= ratio * exp;
    if (s.firingSince == TrafficLossState.NONE) {
      if (lost) {
        s.firingSince = (firstLow == Long.MAX_VALUE ? m : firstLow) * MINUTE;
        s.observed = obs;
        s.expected = exp;
        s.level = null;
      } else if (Double.isNaN(e) || c > ratio * e) {
        // Only minutes that look normal teach it (a slot not yet seen: by the one before).
        s.baseline.learn(m * MINUTE, learnable(c, e));
      }
    } else if (!Double.isNaN(e) && c >= 0.5 * e) {
      out.add(builder(s).resolved(s.firingSince, m * MINUTE));
      s.firingSince = TrafficLossState.NONE;
      s.level = null;
      return;
    }
    if (s.firingSince != TrafficLossState.NONE) {
      EmergencyLevel level = levels.level((m + 1) * MINUTE - s.firingSince, 1, true);
      if (s.level == null || level.moreSevereThan(EmergencyLevel.fromLabel(s.level))) {
        s.level = level.label();
        out.add(builder(s).firing(s.firingSince));
      }
    }
  }

  /**
   * A minute's count as the baseline learns it: a surge no higher than {@link #SURGE_FACTOR} times
   * the expected (or {@link #SURGE_FLOOR} calls above it, for thin slots). A flood of short calls
   * (a TDoS at 16 times the usual arrivals for a quarter of an hour) otherwise became what the slot
   * expected, and its end — the usual traffic back — read as a loss at level III (a black-box sweep
   * of the tdos scenario). A slot not yet learned (a file that starts the same morning) is capped
   * by the slot before it, else a flood at the start of a slot would be all it knew. A lasting rise
   * is still learned: capped each time, the median climbs by up to that factor per pass over the
   * slot's values. Nothing to go by (the first slot seen): learned as it is.
   */
  private static double learnable(long c, double expected) {
    if (Double.isNaN(expected)) {
      return c;
    }
    return Math.min(c, Math.max(SURGE_FACTOR * expected, expected + SURGE_FLOOR));
  }

  private DetectAlert builder(TrafficLossState s) {
    EmergencyLevel level = EmergencyLevel.fromLabel(s.level);
    return DetectAlert.of(ALERT, IncidentType.OUTAGE, s.center)
        .label(Labels.CHANNEL, s.channel)
        .level(level, DetectAlert.severityOf(level, IncidentType.OUTAGE.label()))
        .summary(
            "Arrivals on "
                + s.channel
                + " at center "
                + s.center
                + " have nearly stopped: "
                + Math.round(s.observed)
                + " in "
                + window
                + " min, "
                + Math.round(s.expected)
                + " expected")
        .description(
            "Calls on the "
                + s.channel
                + " channel arrive at under "
                + DetectAlert.pct(ratio)
                + " of what this time of the week brings, while the probes may still say up:"
                + " check trunks, the carrier and routing. Escalates like an outage: IV at 5 min,"
                + " III at 30 min, II at 3 h, I at 6 h.")
        .value(s.observed)
        .threshold(ratio * s.expected);
  }
}
