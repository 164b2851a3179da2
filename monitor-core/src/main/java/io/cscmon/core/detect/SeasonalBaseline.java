package io.cscmon.core.detect;

/**
 * A robust seasonal baseline of one series, learned online: median and MAD per slot of the week,
 * falling back to the same slot of the day until the week has been seen (so that one day of warm-up
 * is enough), and to nothing before that. The caller decides what to learn: detectors learn only
 * values they did not flag and nothing while their alert fires, so an incident does not become the
 * new normal. POJO.
 */
public final class SeasonalBaseline {
  public static final long HOUR = 3_600_000L;
  public static final long DAY = 24 * HOUR;
  public static final long WEEK = 7 * DAY;

  public SlotRing weekly;
  public SlotRing daily;

  /** Shift from UTC to the center's local time (China: +8 h, no daylight saving). */
  public long zoneOffsetMs;

  public int minWeekly;
  public int minDaily;

  public SeasonalBaseline() {}

  /**
   * @param slotMs the slot length (an hour; 30 min where the daily shape moves fast)
   * @param perSlot how many values the series gives per slot (12 five-minute buckets an hour)
   * @param weeks how many weeks of each time-of-week slot to keep
   * @param days how many days of each time-of-day slot to keep
   */
  public SeasonalBaseline(long slotMs, int perSlot, int weeks, int days, long zoneOffsetMs) {
    this.weekly = new SlotRing(WEEK, slotMs, perSlot * weeks);
    this.daily = new SlotRing(DAY, slotMs, perSlot * days);
    this.zoneOffsetMs = zoneOffsetMs;
    this.minWeekly = perSlot;
    this.minDaily = Math.max(1, perSlot / 2);
  }

  public void learn(long ts, double v) {
    long local = ts + zoneOffsetMs;
    weekly.add(local, v);
    daily.add(local, v);
  }

  /** {median, MAD} expected at {@code ts}, or null while too little has been seen. */
  public double[] expected(long ts) {
    long local = ts + zoneOffsetMs;
    if (weekly.count(local) >= minWeekly) {
      return weekly.medianMad(local);
    }
    if (daily.count(local) >= minDaily) {
      return daily.medianMad(local);
    }
    return null;
  }

  /**
   * As {@link #expected}, once the slot has seen a full slot of values: half a slot learned today
   * is the first minutes of the very hour being judged, which a ramp within the hour teaches its
   * own start (a first-day latency ramp judged its second half against its first and stayed
   * silent).
   */
  public double[] expectedFromAFullSlot(long ts) {
    long local = ts + zoneOffsetMs;
    return weekly.count(local) >= minWeekly || daily.count(local) >= minWeekly
        ? expected(ts)
        : null;
  }

  public long byteSize() {
    return weekly.byteSize() + daily.byteSize();
  }
}
