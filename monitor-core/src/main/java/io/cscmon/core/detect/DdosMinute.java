package io.cscmon.core.detect;

/**
 * One event-time minute of {@link DdosState}: its requests and mean latency, requests per source
 * (count-min sketch), the top sources and /16s, the distinct sources. POJO.
 */
public final class DdosMinute {
  public long start;
  public long requests;
  public double latencySum;
  public long latencyCount;
  public CountMinSketch bySource;
  public SpaceSaving topSource;
  public SpaceSaving top16;
  public HyperLogLog sources;

  public DdosMinute() {}

  DdosMinute(long start, int cmsWidth) {
    this.start = start;
    this.bySource = new CountMinSketch(4, cmsWidth);
    this.topSource = new SpaceSaving(32);
    this.top16 = new SpaceSaving(32);
    this.sources = new HyperLogLog(12);
  }

  /** Empties it for the minute at {@code newStart} (the sketches only if anything was added). */
  void reset(long newStart) {
    if (requests > 0) {
      bySource.clear();
      topSource.clear();
      top16.clear();
      sources.clear();
    }
    start = newStart;
    requests = 0;
    latencySum = 0;
    latencyCount = 0;
  }

  long byteSize() {
    return bySource.byteSize() + topSource.byteSize() + top16.byteSize() + sources.byteSize() + 48;
  }
}
