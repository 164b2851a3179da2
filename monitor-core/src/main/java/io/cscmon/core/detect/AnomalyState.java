package io.cscmon.core.detect;

/** One series of {@link SeasonalAnomaly}: its baseline, the bucket filling now, its verdicts. */
public final class AnomalyState {
  public static final long NONE = Long.MIN_VALUE;

  public String name;
  public SeasonalBaseline baseline;

  /** Start of the bucket being filled, and its values so far (at most {@code values.length}). */
  public long bucketStart = NONE;

  public float[] values = new float[64];
  public int n;

  /** Consecutive anomalous / normal closed buckets. */
  public int anomalousRun;

  public int normalRun;

  /** Start of the first bucket of the anomalous run; whether the series is confirmed anomalous. */
  public long anomalousSince = NONE;

  public boolean confirmed;

  /** The last closed bucket's value, expected median and robust z-score. */
  public double value = Double.NaN;

  public double median = Double.NaN;
  public double z = Double.NaN;

  /**
   * The recent learned buckets' values and numbers (epoch bucket), a ring, for the first-day
   * fallback of {@link SeasonalAnomaly}; null until it learns one.
   */
  public float[] recent;

  public long[] recentBucket;
}
