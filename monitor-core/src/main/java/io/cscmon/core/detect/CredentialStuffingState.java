package io.cscmon.core.detect;

/**
 * What {@link CredentialStuffingDetector} keeps for one online channel at one center: the current
 * window's sketches (fixed size, however many sources), the failure-ratio baseline and the
 * incident. POJO.
 */
public final class CredentialStuffingState {
  public static final long NONE = Long.MIN_VALUE;

  public long windowStart = NONE;
  public long attempts;
  public long failures;

  /** (prefix, account) failure pairs seen this window, to count distinct accounts per prefix. */
  public BloomFilter pairs;

  /**
   * Per source, /24 and /16 (keys salted by level): attempts, failures, distinct failed accounts.
   */
  public CountMinSketch attemptsBy;

  public CountMinSketch failuresBy;
  public CountMinSketch distinctBy;

  /** The sources and prefixes with the most distinct failed accounts this window. */
  public SpaceSaving topIp;

  public SpaceSaving top24;
  public SpaceSaving top16;

  /** Distinct sources this window. */
  public HyperLogLog sources;

  /** Long-run failure ratio of windows without an attack (EWMA); starts at the usual 4%. */
  public double baselineFailureRatio = 0.04;

  public AttackIncident incident = new AttackIncident();

  public long byteSize() {
    return pairs.byteSize()
        + attemptsBy.byteSize()
        + failuresBy.byteSize()
        + distinctBy.byteSize()
        + topIp.byteSize()
        + top24.byteSize()
        + top16.byteSize()
        + sources.byteSize()
        + 256;
  }
}
