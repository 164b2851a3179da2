package io.cscmon.core.detect;

/** What {@link TrafficLossDetector} keeps for one channel at one center. POJO. */
public final class TrafficLossState {
  public static final long NONE = Long.MIN_VALUE;

  public String center;
  public String channel;

  /** Arrivals per minute, by 30-minute slot of the week and of the day. */
  public SeasonalBaseline baseline;

  /** A ring of recent minutes: which minute (epoch ms / 60 000) each slot holds, its arrivals. */
  public long[] minute;

  public long[] arrivals;

  /** The last minute judged. */
  public long judgedThrough = NONE;

  public long firingSince = NONE;
  public String level;
  public double observed;
  public double expected;
}
