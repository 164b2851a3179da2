package io.cscmon.core.detect;

/** What {@link DdosDetector} keeps for one online channel at one center. POJO. */
public final class DdosState {
  public static final long NONE = Long.MIN_VALUE;

  /**
   * The minute being counted, judged at its end once its late events are in ({@link
   * EventTimeMinutes}), and the one after it, which takes the events that come before then.
   */
  public DdosMinute open;

  public DdosMinute next;

  /** The newest event's time: what {@link DdosDetector#onEnd} judges up to. */
  public long newest = NONE;

  /** Requests per minute by time of week; requests per source and mean latency (EWMA). */
  public SeasonalBaseline volume;

  public double baselinePerSource = Double.NaN;
  public double baselineLatency = Double.NaN;

  /**
   * Requests per minute of the recent minutes (EWMA, about 20 minutes): what a minute is judged
   * against while the time of week has no baseline yet (a channel's first day).
   */
  public double recentRequests = Double.NaN;

  public AttackIncident heavyHitter = new AttackIncident();
  public AttackIncident volumetric = new AttackIncident();

  public long byteSize() {
    return open.byteSize() + next.byteSize() + volume.byteSize() + 512;
  }
}
