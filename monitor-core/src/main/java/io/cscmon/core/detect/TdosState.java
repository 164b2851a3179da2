package io.cscmon.core.detect;

/** What {@link TdosDetector} keeps for one voice channel at one center. POJO. */
public final class TdosState {
  public static final long NONE = Long.MIN_VALUE;

  /**
   * {@link #callArrived} of a call whose leaving (hangup in the IVR, abandoned) came before its
   * arrival (events out of order): {@link #callAni} holds the time it left until the arrival comes.
   */
  public static final long LEFT_FIRST = Long.MIN_VALUE + 1;

  /**
   * Calls, direct-mapped by call-id hash: the id's hash, arrival time, ANI hash. The arrival time
   * is {@link #NONE} once the call's length is known (it left or went on from the IVR, before or
   * after its arrival came), {@link #LEFT_FIRST} while its leaving waits for its arrival.
   */
  public long[] callHash;

  public long[] callArrived;
  public long[] callAni;

  /**
   * The minute being counted, judged at its end once its late events are in ({@link
   * EventTimeMinutes}), and the one after it, which takes the events that come before then.
   */
  public TdosMinute open;

  public TdosMinute next;

  /** The newest event's time: what {@link TdosDetector#onEnd} judges up to. */
  public long newest = NONE;

  /** The repeat window (10 min): arrivals and short calls per ANI, the most frequent ANIs. */
  public long repeatStart = NONE;

  public CountMinSketch arrivalsByAni;
  public CountMinSketch shortByAni;
  public SpaceSaving topAni;

  /** Arrivals per minute by time of week; the usual short-call share (EWMA). */
  public SeasonalBaseline volume;

  public double baselineShortShare = 0.05;

  /**
   * Arrivals per minute of the recent minutes (EWMA, about 20 minutes): what a minute is judged
   * against, beside the fixed floor, while the time of week has no baseline yet.
   */
  public double recentArrivals = Double.NaN;

  public AttackIncident repeating = new AttackIncident();
  public AttackIncident flood = new AttackIncident();

  public long byteSize() {
    return 24L * callHash.length
        + open.byteSize()
        + next.byteSize()
        + arrivalsByAni.byteSize()
        + shortByAni.byteSize()
        + topAni.byteSize()
        + volume.byteSize()
        + 512;
  }
}
