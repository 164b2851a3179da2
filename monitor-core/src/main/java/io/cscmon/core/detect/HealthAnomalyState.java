package io.cscmon.core.detect;

/** What {@link HealthAnomalyDetector} keeps for one component instance. POJO. */
public final class HealthAnomalyState {
  public static final long NONE = Long.MIN_VALUE;

  public String center;
  public String component;
  public String instance;
  public AnomalyState[] series = new AnomalyState[0];

  /** {@code startsAt} of the firing {@code ComponentAnomaly}, or NONE. */
  public long firingSince = NONE;

  /** The anomalous series when it fired, for the resolve. */
  public String detail;

  public double firingValue;

  /** Bytes of the baselines, the bulk of this state. */
  public long byteSize() {
    long b = 0;
    for (AnomalyState a : series) {
      b += a.baseline.byteSize() + 4L * a.values.length + 64;
    }
    return b;
  }
}
