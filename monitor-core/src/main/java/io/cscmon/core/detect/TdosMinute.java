package io.cscmon.core.detect;

/**
 * One event-time minute of {@link TdosState}: its arrivals, its short calls (counted in the minute
 * they left) and its distinct ANIs. POJO.
 */
public final class TdosMinute {
  public long start;
  public long arrivals;
  public long shortCalls;
  public HyperLogLog anis;

  public TdosMinute() {}

  TdosMinute(long start) {
    this.start = start;
    this.anis = new HyperLogLog(12);
  }

  /** Empties it for the minute at {@code newStart} (the sketch only if anything was added). */
  void reset(long newStart) {
    if (arrivals > 0) {
      anis.clear();
    }
    start = newStart;
    arrivals = 0;
    shortCalls = 0;
  }

  long byteSize() {
    return anis.byteSize() + 40;
  }
}
