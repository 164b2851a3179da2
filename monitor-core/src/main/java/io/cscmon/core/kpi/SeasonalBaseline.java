package io.cscmon.core.kpi;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Expected calls per minute of one scope for each 15-minute slot of the day, learned online. The
 * daily shape (the morning and afternoon peaks) is what makes a raw threshold useless: the same
 * volume is a flood at 03:00 and a quiet moment at 10:00. Slots are shared by all days, so one day
 * of history already gives a usable baseline; weekday differences (Monday about +20%) stay inside
 * the alert thresholds rather than in the baseline.
 *
 * <p>Learning is robust to the incidents it alerts on: a minute outside [½, 1.3] × expected is
 * clipped to that band before it is learned (winsorizing), so a surge or an outage barely moves the
 * baseline while a lasting shift still gets through, slowly. The band is never narrower than
 * Poisson noise (3 √expected either side): minutes are counts, and at a few calls a minute the
 * relative band clipped ordinary minutes, which biased small scopes low and held a slot anchored by
 * an unlucky first minute there for days (a simulated 100,000-contact center: voice's 04:45 slot
 * learned 5 calls in its first minute, expected 12.5 a minute two days later against 16 offered,
 * and PeakLoad read a quiet night as 168%). The first observations of a slot are averaged; after
 * that an exponentially weighted mean with a memory of about two days of that slot. Public fields
 * so that Flink checkpoints it with its POJO serializer; replaying history bootstraps it.
 */
public final class SeasonalBaseline {

  public static final int SLOTS_PER_DAY = 96;

  /** Minutes per slot: a day of 96 quarter-hours. */
  public static final int SLOT_MINUTES = 15;

  static final double ALPHA = 0.03;
  static final int AVERAGE_FIRST = 30;
  static final double CLIP_LOW = 0.5;
  static final double CLIP_HIGH = 1.3;

  /** The clip band is at least this many Poisson standard deviations (√expected) either side. */
  static final double NOISE_SIGMAS = 3;

  private static final long SECONDS_PER_DAY = 86_400L;

  /** Expected calls per minute, per slot. */
  public double[] expected;

  /** Minutes learned, per slot. */
  public int[] learned;

  public SeasonalBaseline() {
    expected = new double[SLOTS_PER_DAY];
    learned = new int[SLOTS_PER_DAY];
  }

  public static int slot(long minuteStart, ZoneId zone) {
    return minuteOfDay(minuteStart, zone) / SLOT_MINUTES;
  }

  /**
   * Minutes since local midnight of {@code epochMs} in {@code zone}: what {@code hour * 60 +
   * minute} of its {@link java.time.ZonedDateTime} is, from the zone's offset at that instant
   * alone. The baselines ask this about twenty times per scope and minute; building a date-time
   * each time was most of their cost.
   */
  public static int minuteOfDay(long epochMs, ZoneId zone) {
    return (int) (Math.floorMod(localSecond(epochMs, zone), SECONDS_PER_DAY) / 60);
  }

  /**
   * The local date of {@code epochMs} in {@code zone}, as {@link java.time.LocalDate#toEpochDay}.
   */
  public static long epochDay(long epochMs, ZoneId zone) {
    return Math.floorDiv(localSecond(epochMs, zone), SECONDS_PER_DAY);
  }

  /** Seconds since the local epoch: the instant's epoch second plus the zone's offset then. */
  private static long localSecond(long epochMs, ZoneId zone) {
    int offset = zone.getRules().getOffset(Instant.ofEpochMilli(epochMs)).getTotalSeconds();
    return Math.floorDiv(epochMs, 1000L) + offset;
  }

  /** Whether the slot has seen enough minutes to be trusted (a full slot of one day by default). */
  public boolean knows(int slot, int minMinutes) {
    return learned[slot] >= minMinutes;
  }

  public double expected(int slot) {
    return expected[slot];
  }

  /**
   * Expected calls in minute {@code minuteOfDay} of a day ({@link #minuteOfDay}), interpolated
   * linearly between the centres of the neighbouring slots (a neighbour not yet known counts as
   * this slot). A slot is the mean of its 15 minutes: on the steep morning ramp the last minutes of
   * a slot run well above that mean and the first minutes below, which a 5-minute ratio against the
   * flat slot value would misread as a surge (or hide one).
   */
  public double expectedMinute(int minuteOfDay, int minMinutes) {
    double position = (minuteOfDay + 0.5) / SLOT_MINUTES - 0.5;
    int slot = minuteOfDay / SLOT_MINUTES;
    int left = (int) Math.floor(position);
    double frac = position - left;
    int a = Math.floorMod(left, SLOTS_PER_DAY);
    int b = Math.floorMod(left + 1, SLOTS_PER_DAY);
    double va = knows(a, minMinutes) ? expected[a] : expected[slot];
    double vb = knows(b, minMinutes) ? expected[b] : expected[slot];
    return va + (vb - va) * frac;
  }

  /**
   * Whether {@code offered} calls against {@code expected} are a surge beyond noise: {@link
   * #CLIP_HIGH} × and {@link #NOISE_SIGMAS} Poisson deviations over it (noise alone at 1.3×,
   * learned clipped, biased quiet night slots low and a payday's midnight paged).
   */
  public static boolean surging(double offered, double expected) {
    return offered >= CLIP_HIGH * expected
        && offered - expected >= NOISE_SIGMAS * Math.sqrt(expected);
  }

  /** Learns one minute's volume in its slot, in a scope that is not surging. */
  public void learn(int slot, double perMinute) {
    learn(slot, perMinute, false);
  }

  /**
   * Learns one minute's volume in its slot.
   *
   * @param surging the scope runs well above the baseline now ({@link #surging} over its recent
   *     view): the minute is clipped to the relative band alone, so that an incident teaches the
   *     baseline little. The Poisson-wide band let a ×2 wealth shock through unclipped on its
   *     second day, when a slot still averages its first minutes, and the shock read 1.3 by the
   *     slot's end.
   */
  public void learn(int slot, double perMinute, boolean surging) {
    int n = learned[slot];
    if (n == 0) {
      expected[slot] = perMinute;
    } else {
      double e = expected[slot];
      double noise = surging ? 0 : NOISE_SIGMAS * Math.sqrt(e);
      double clipped =
          e > 0
              ? Math.min(
                  Math.max(perMinute, Math.min(e * CLIP_LOW, e - noise)),
                  Math.max(e * CLIP_HIGH, e + noise))
              : perMinute;
      double weight = n < AVERAGE_FIRST ? 1.0 / (n + 1) : ALPHA;
      expected[slot] = e + weight * (clipped - e);
    }
    if (n < Integer.MAX_VALUE) {
      learned[slot] = n + 1;
    }
  }
}
