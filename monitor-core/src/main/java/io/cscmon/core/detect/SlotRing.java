package io.cscmon.core.detect;

/**
 * The recent values of a series per time slot of a period (hour of day, hour of week), a ring of
 * {@code depth} floats per slot, and their median and MAD. POJO: primitive arrays only.
 */
public final class SlotRing {
  public long periodMs;
  public long slotMs;
  public int depth;
  public float[] values;
  public short[] count;
  public short[] next;

  /**
   * The last {@link #medianMad} answer and its slot, until an {@link #add} changes the ring: the
   * traffic-loss detector asks for the same slot once per minute of its window every minute.
   * Transient, so unset after Flink restored or copied the ring.
   */
  private transient boolean cached;

  private transient int cachedSlot;
  private transient double cachedMedian;
  private transient double cachedMad;

  public SlotRing() {}

  public SlotRing(long periodMs, long slotMs, int depth) {
    this.periodMs = periodMs;
    this.slotMs = slotMs;
    this.depth = depth;
    int slots = (int) (periodMs / slotMs);
    values = new float[slots * depth];
    count = new short[slots];
    next = new short[slots];
  }

  /** The slot of local time {@code localMs} (epoch ms shifted by the zone offset). */
  public int slot(long localMs) {
    return (int) (Math.floorMod(localMs, periodMs) / slotMs);
  }

  public void add(long localMs, double v) {
    int s = slot(localMs);
    values[s * depth + next[s]] = (float) v;
    next[s] = (short) ((next[s] + 1) % depth);
    if (count[s] < depth) {
      count[s]++;
    }
    cached = false;
  }

  public int count(long localMs) {
    return count[slot(localMs)];
  }

  /** {median, MAD} of the slot's values; NaN if it has none. */
  public double[] medianMad(long localMs) {
    int s = slot(localMs);
    if (!cached || cachedSlot != s) {
      double[] mm = computeMedianMad(s);
      cachedSlot = s;
      cachedMedian = mm[0];
      cachedMad = mm[1];
      cached = true;
    }
    return new double[] {cachedMedian, cachedMad};
  }

  private double[] computeMedianMad(int s) {
    int n = count[s];
    if (n == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = values[s * depth + i];
    }
    double median = Median.of(v);
    for (int i = 0; i < n; i++) {
      v[i] = Math.abs(v[i] - median);
    }
    return new double[] {median, Median.of(v)};
  }

  /** Bytes of the arrays: what one series' baseline costs in state. */
  public long byteSize() {
    return 4L * values.length + 2L * count.length + 2L * next.length;
  }
}
