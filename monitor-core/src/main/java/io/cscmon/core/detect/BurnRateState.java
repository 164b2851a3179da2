package io.cscmon.core.detect;

/**
 * The recent good/bad counts of one SLI in fixed buckets (a ring over the longest window) and the
 * alert {@link BurnRateDetector} raised. POJO.
 */
public final class BurnRateState {
  public static final long NONE = Long.MIN_VALUE;

  public String center;
  public String scopeLabel;
  public String scope;

  /** Per ring slot: which bucket (epoch ms / bucket length) it holds, its events and bad events. */
  public long[] bucket;

  public long[] total;
  public long[] bad;

  public long firingSince = NONE;
  public String severity;
  public double firingValue;
  public double firingThreshold;

  /** While firing: since when no window pair has burned above its factor, or NONE. */
  public long clearingSince = NONE;

  /** Newest event time seen. */
  public long latest = NONE;

  /** Newest time evaluated. */
  public long evaluatedAt = NONE;

  /**
   * The ring's sums over the detector's windows, kept up to date as it changes ({@link
   * BucketSums}); transient, so null after Flink restored or copied the state, and built again.
   */
  transient BucketSums sums;

  public boolean isIdle() {
    return firingSince == NONE;
  }
}
