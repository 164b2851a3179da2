package io.cscmon.core.detect;

/** What {@link ComponentHealthDetector} remembers of one component instance. POJO for Flink. */
public final class InstanceHealth {
  public static final long NONE = Long.MIN_VALUE;

  public String instance;

  /** Event time of the newest sample. */
  public long lastSeen = NONE;

  /** The instance's reporting interval, from its newest sample. */
  public long intervalMs;

  /** The newest sample's {@code up}. */
  public boolean lastUp;

  /** Event time of the first {@code up: false} sample of the current run of them, or NONE. */
  public long downSince = NONE;

  public InstanceHealth() {}

  InstanceHealth(String instance) {
    this.instance = instance;
  }

  /**
   * The heartbeat deadline: with no sample by then the instance counts as down. Half an interval
   * past the missed ones, so that a probe a few hundred milliseconds late after two lost samples (a
   * collector restart) is not a 20-second "outage".
   */
  long deadline(int missedIntervals) {
    return lastSeen + missedIntervals * intervalMs + intervalMs / 2;
  }

  /** Since when the instance is down at {@code now}, or NONE if it is up. */
  long downAt(long now, int missedIntervals) {
    if (!lastUp) {
      return downSince;
    }
    if (now >= deadline(missedIntervals)) {
      return lastSeen + intervalMs; // the first sample that did not come
    }
    return NONE;
  }
}
