package io.cscmon.core.rule;

/**
 * What a rule remembers about one series between windows. Mutable with public fields so that Flink
 * keeps it in keyed state with its POJO serializer. Times are event time, epoch ms; {@link #NONE}
 * marks an unset time.
 */
public final class ConditionState {
  public static final long NONE = Long.MIN_VALUE;

  /** Start of the first window of the current unbroken run of breaching windows. */
  public long pendingSince = NONE;

  /** {@code startsAt} of the firing alert, or {@link #NONE} while not firing. */
  public long firingSince = NONE;

  /** The emergency level the firing alert carries (escalates, never de-escalates). */
  public String level;

  /** End of the last window seen, to notice gaps in the data. */
  public long lastWindowEnd = NONE;

  /** End of the last window with enough observations to count as evidence. */
  public long lastEvidenceEnd = NONE;

  /** Start of the current unbroken run of windows past the clear threshold, while firing. */
  public long clearingSince = NONE;

  /** The value the firing alert was last raised with; a resolve reports it unchanged. */
  public double firingValue = Double.NaN;

  public boolean isFiring() {
    return firingSince != NONE;
  }

  /** Nothing left worth keeping: the state can be cleared. */
  public boolean isIdle() {
    return pendingSince == NONE && firingSince == NONE;
  }
}
