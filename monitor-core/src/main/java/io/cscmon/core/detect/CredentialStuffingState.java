package io.cscmon.core.detect;

/**
 * What {@link CredentialStuffingDetector} keeps for one online channel at one center: the current
 * window's sketches (fixed size, however many sources), the failure-ratio baseline and the
 * incident. POJO.
 */
public final class CredentialStuffingState {
  public static final long NONE = Long.MIN_VALUE;

  /** The sketches' window: it starts anew when the first event of a later window comes. */
  public long windowStart = NONE;

  /**
   * The window judged for its failure ratio, in event time ({@link EventTimeMinutes}'s way, in
   * windows): its start, attempts and failures; and the next window's, which take the events that
   * come before it is judged.
   */
  public long ratioStart = NONE;

  public long attempts;
  public long failures;
  public long nextAttempts;
  public long nextFailures;

  /** The newest event's time: what {@link CredentialStuffingDetector#onEnd} judges up to. */
  public long newest = NONE;

  /** (prefix, account) failure pairs seen this window, to count distinct accounts per prefix. */
  public BloomFilter pairs;

  /**
   * Per source, /24 and /16 (keys salted by level): attempts, failures, distinct failed accounts.
   */
  public CountMinSketch attemptsBy;

  public CountMinSketch failuresBy;
  public CountMinSketch distinctBy;

  /** The sources and prefixes with the most distinct failed accounts this window, its sources. */
  public CredentialStuffingTops tops;

  /**
   * The previous window's, kept until its failure ratio is judged (they name and describe that
   * alert); then cleared for the next window.
   */
  public CredentialStuffingTops closedTops;

  /** Long-run failure ratio of windows without an attack (EWMA); starts at the usual 4%. */
  public double baselineFailureRatio = 0.04;

  /**
   * Successful logins of the current event-time minute and of the minute before it (minutes roll on
   * arrival: a gate, not an alert), and how many a minute is usual (EWMA of minutes when logins
   * were not failing for everyone; NaN until the first is learned). See {@link
   * CredentialStuffingDetector#failingForEveryone}.
   */
  public long successMinute = NONE;

  public long successes;
  public long successesBefore = -1;
  public double usualSuccesses = Double.NaN;

  public AttackIncident incident = new AttackIncident();

  public long byteSize() {
    return pairs.byteSize()
        + attemptsBy.byteSize()
        + failuresBy.byteSize()
        + distinctBy.byteSize()
        + tops.byteSize()
        + closedTops.byteSize()
        + 256;
  }
}
