package io.cscmon.core.detect;

/** What {@link DdosDetector} keeps for one online channel at one center. POJO. */
public final class DdosState {
  public static final long NONE = Long.MIN_VALUE;

  /** The minute being counted. */
  public long minuteStart = NONE;

  public long requests;
  public double latencySum;
  public long latencyCount;
  public CountMinSketch bySource;
  public SpaceSaving topSource;
  public SpaceSaving top16;
  public HyperLogLog sources;

  /** Requests per minute by time of week; requests per source and mean latency (EWMA). */
  public SeasonalBaseline volume;

  public double baselinePerSource = Double.NaN;
  public double baselineLatency = Double.NaN;

  public AttackIncident heavyHitter = new AttackIncident();
  public AttackIncident volumetric = new AttackIncident();

  public long byteSize() {
    return bySource.byteSize()
        + topSource.byteSize()
        + top16.byteSize()
        + sources.byteSize()
        + volume.byteSize()
        + 512;
  }
}
