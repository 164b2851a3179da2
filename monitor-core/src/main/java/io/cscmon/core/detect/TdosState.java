package io.cscmon.core.detect;

/** What {@link TdosDetector} keeps for one voice channel at one center. POJO. */
public final class TdosState {
  public static final long NONE = Long.MIN_VALUE;

  /** Open calls, direct-mapped by call-id hash: the id's hash, arrival time, ANI hash. */
  public long[] callHash;

  public long[] callArrived;
  public long[] callAni;

  /** The minute being counted: arrivals, short calls, distinct ANIs. */
  public long minuteStart = NONE;

  public long arrivals;
  public long shortCalls;
  public HyperLogLog anis;

  /** The repeat window (10 min): arrivals and short calls per ANI, the most frequent ANIs. */
  public long repeatStart = NONE;

  public CountMinSketch arrivalsByAni;
  public CountMinSketch shortByAni;
  public SpaceSaving topAni;

  /** Arrivals per minute by time of week; the usual short-call share (EWMA). */
  public SeasonalBaseline volume;

  public double baselineShortShare = 0.05;

  public AttackIncident repeating = new AttackIncident();
  public AttackIncident flood = new AttackIncident();

  public long byteSize() {
    return 24L * callHash.length
        + anis.byteSize()
        + arrivalsByAni.byteSize()
        + shortByAni.byteSize()
        + topAni.byteSize()
        + volume.byteSize()
        + 512;
  }
}
