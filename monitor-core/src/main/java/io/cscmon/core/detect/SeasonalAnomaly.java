package io.cscmon.core.detect;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Robust seasonal anomaly detection on one series (issue 5, "Degradation"): the values of each
 * bucket (5 min) are reduced to their median, which is compared with the {@link SeasonalBaseline}
 * of past bucket medians in the same time-of-week slot: {@code z = (value − median) / (1.4826 ·
 * MAD)}, with the scale floored at {@code relFloor} of the median (and {@code absFloor}) so that a
 * series that never moves does not alarm on noise. {@code confirm} anomalous buckets in a row
 * confirm the anomaly, {@code clear} normal ones clear it. Flagged buckets and buckets while
 * confirmed are not learned. A slow drift crosses {@code k} long before it becomes an outage.
 */
public final class SeasonalAnomaly implements Serializable {

  /** Which side is bad. */
  public enum Direction {
    UP,
    DOWN,
    BOTH
  }

  /**
   * Before the series' slot has a baseline (a center's first day at that hour), an upward series
   * that asks for it is judged against its own recent buckets: their median over the hour ending
   * half an hour before (the gap keeps a ramp's first half hour out of its own reference), and it
   * must also reach {@link #FIRST_DAY_FACTOR} times that. A simulated first-day latency ramp to 8x
   * on the database raised nothing all day before.
   */
  static final int RECENT_BUCKETS = 12;

  static final int RECENT_GAP = 6;

  /** Buckets of the recent hour needed to judge by it. */
  static final int MIN_RECENT = 6;

  /**
   * Without a day of history nothing says how far load moves the series: the simulated database's
   * p99 latency runs 1.8x from 08:00 to 10:00, which the seasonal baseline knows and the recent
   * hour does not.
   */
  static final double FIRST_DAY_FACTOR = 3;

  private final Direction direction;
  private final boolean firstDay;
  private final double k;
  private final int confirm;
  private final int clear;
  private final long bucketMs;
  private final double relFloor;
  private final double absFloor;
  private final long zoneOffsetMs;

  /**
   * Defaults: 5-minute buckets; z above 4 (a robust 4 σ, about 1 in 16 000 buckets of a normal
   * series); 2 buckets to confirm, 2 to clear; scale at least 5% of the median.
   */
  public static SeasonalAnomaly defaults(Direction direction, long zoneOffsetMs) {
    return new SeasonalAnomaly(direction, 4.0, 2, 2, 300_000, 0.05, 1e-3, zoneOffsetMs, false);
  }

  /**
   * {@code firstDay} judges an upward series by its recent hour while its slot has no baseline yet
   * ({@link #FIRST_DAY_FACTOR}).
   */
  public SeasonalAnomaly(
      Direction direction,
      double k,
      int confirm,
      int clear,
      long bucketMs,
      double relFloor,
      double absFloor,
      long zoneOffsetMs,
      boolean firstDay) {
    if (firstDay && direction != Direction.UP) {
      throw new IllegalArgumentException("the first-day fallback judges upward series only");
    }
    this.firstDay = firstDay;
    this.direction = direction;
    this.k = k;
    this.confirm = confirm;
    this.clear = clear;
    this.bucketMs = bucketMs;
    this.relFloor = relFloor;
    this.absFloor = absFloor;
    this.zoneOffsetMs = zoneOffsetMs;
  }

  public double k() {
    return k;
  }

  public AnomalyState newState(String name) {
    AnomalyState s = new AnomalyState();
    s.name = name;
    // Hour slots of twelve 5-minute buckets: two weeks of each hour of the week, three days of each
    // hour of the day (about 19 KiB).
    s.baseline =
        new SeasonalBaseline(
            SeasonalBaseline.HOUR, (int) (3_600_000 / bucketMs), 2, 3, zoneOffsetMs);
    return s;
  }

  /**
   * Adds one observation; returns true when it closed a bucket and the series' confirmed state
   * changed.
   */
  public boolean observe(AnomalyState s, long ts, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return false;
    }
    long start = Math.floorDiv(ts, bucketMs) * bucketMs;
    boolean changed = false;
    if (s.bucketStart != AnomalyState.NONE && start > s.bucketStart) {
      changed = close(s);
    }
    if (s.bucketStart == AnomalyState.NONE || start > s.bucketStart) {
      s.bucketStart = start;
      s.n = 0;
    }
    if (start == s.bucketStart && s.n < s.values.length) {
      s.values[s.n++] = (float) v;
    }
    return changed;
  }

  /** Closes the bucket if {@code now} is past its end; true if the confirmed state changed. */
  public boolean advance(AnomalyState s, long now) {
    if (s.bucketStart != AnomalyState.NONE && now >= s.bucketStart + bucketMs && s.n > 0) {
      boolean changed = close(s);
      s.n = 0;
      return changed;
    }
    return false;
  }

  public long bucketEnd(AnomalyState s) {
    return s.bucketStart == AnomalyState.NONE || s.n == 0
        ? Long.MAX_VALUE
        : s.bucketStart + bucketMs;
  }

  private boolean close(AnomalyState s) {
    if (s.n == 0) {
      return false;
    }
    double[] v = new double[s.n];
    for (int i = 0; i < s.n; i++) {
      v[i] = s.values[i];
    }
    double value = Median.of(v);
    double[] mm =
        firstDay
            ? s.baseline.expectedFromAFullSlot(s.bucketStart)
            : s.baseline.expected(s.bucketStart);
    long bucket = Math.floorDiv(s.bucketStart, bucketMs);
    double recent = mm == null && firstDay ? recentMedian(s, bucket) : Double.NaN;
    s.value = value;
    boolean anomalous = false;
    if (!Double.isNaN(recent)) {
      double scale = Math.max(relFloor * Math.abs(recent), absFloor);
      s.median = recent;
      s.z = (value - recent) / scale;
      anomalous = s.z > k && value >= FIRST_DAY_FACTOR * recent;
    } else if (mm != null) {
      double scale = Math.max(1.4826 * mm[1], Math.max(relFloor * Math.abs(mm[0]), absFloor));
      double z = (value - mm[0]) / scale;
      s.median = mm[0];
      s.z = z;
      anomalous =
          switch (direction) {
            case UP -> z > k;
            case DOWN -> z < -k;
            case BOTH -> Math.abs(z) > k;
          };
    } else {
      s.median = Double.NaN;
      s.z = Double.NaN;
    }
    boolean was = s.confirmed;
    if (anomalous) {
      if (s.anomalousRun == 0 && !s.confirmed) {
        s.anomalousSince = s.bucketStart;
      }
      s.anomalousRun++;
      s.normalRun = 0;
      if (s.anomalousRun >= confirm) {
        s.confirmed = true;
      }
    } else {
      s.anomalousRun = 0;
      s.normalRun++;
      if (s.confirmed && s.normalRun >= clear) {
        s.confirmed = false;
      }
      if (!s.confirmed) {
        s.anomalousSince = AnomalyState.NONE;
        s.baseline.learn(s.bucketStart, value);
        if (firstDay) {
          remember(s, bucket, value);
        }
      }
    }
    return was != s.confirmed;
  }

  /** Keeps a learned bucket's value in the recent ring. */
  private static void remember(AnomalyState s, long bucket, double value) {
    if (s.recent == null) {
      s.recent = new float[RECENT_GAP + RECENT_BUCKETS];
      s.recentBucket = new long[RECENT_GAP + RECENT_BUCKETS];
      Arrays.fill(s.recentBucket, AnomalyState.NONE);
    }
    int cell = (int) Math.floorMod(bucket, (long) s.recent.length);
    s.recent[cell] = (float) value;
    s.recentBucket[cell] = bucket;
  }

  /**
   * The median of the learned buckets in the hour ending {@link #RECENT_GAP} buckets before {@code
   * bucket}, or NaN with fewer than {@link #MIN_RECENT} of them.
   */
  private static double recentMedian(AnomalyState s, long bucket) {
    if (s.recent == null) {
      return Double.NaN;
    }
    double[] values = new double[RECENT_BUCKETS];
    int n = 0;
    for (int i = 0; i < s.recent.length; i++) {
      long b = s.recentBucket[i];
      if (b >= bucket - RECENT_GAP - RECENT_BUCKETS && b < bucket - RECENT_GAP) {
        values[n++] = s.recent[i];
      }
    }
    return n < MIN_RECENT ? Double.NaN : Median.of(Arrays.copyOf(values, n));
  }
}
