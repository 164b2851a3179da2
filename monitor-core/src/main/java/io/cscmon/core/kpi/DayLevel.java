package io.cscmon.core.kpi;

/**
 * How busy today is compared with the baseline's usual day: offered ÷ expected since midnight,
 * leaving out the last {@link #DELAY_MINUTES} minutes so that a surge being detected does not
 * explain itself away. A busy Monday or a payday runs high all day and lifts the level within the
 * first hours; a surge of a quarter of an hour barely moves it. Starts at 1 (a prior worth {@link
 * #PRIOR_MINUTES} minutes of expected calls) and stays within [{@link #MIN}, {@link #MAX}], so a
 * day can never normalize an incident away. Public fields for Flink's POJO serializer.
 */
public final class DayLevel {
  static final int DELAY_MINUTES = 30;
  static final int PRIOR_MINUTES = 60;
  static final double MIN = 0.6;
  static final double MAX = 1.4;

  public long day = Long.MIN_VALUE;
  public double offered;
  public double expected;
  public double[] pendingOffered = new double[DELAY_MINUTES];
  public double[] pendingExpected = new double[DELAY_MINUTES];
  public int pendingNext;
  public double typicalPerMinute;

  public DayLevel() {}

  /**
   * Accounts one minute of day {@code epochDay}: what was offered and what the baseline expected.
   */
  public void add(long epochDay, double offeredMinute, double expectedMinute) {
    if (epochDay != day) {
      day = epochDay;
      offered = 0;
      expected = 0;
      java.util.Arrays.fill(pendingOffered, 0);
      java.util.Arrays.fill(pendingExpected, 0);
    }
    offered += pendingOffered[pendingNext];
    expected += pendingExpected[pendingNext];
    pendingOffered[pendingNext] = offeredMinute;
    pendingExpected[pendingNext] = expectedMinute;
    pendingNext = (pendingNext + 1) % DELAY_MINUTES;
    typicalPerMinute += (expectedMinute - typicalPerMinute) * 0.01;
  }

  /** Today's level: 1 for a usual day, about 1.2 on a busy Monday. */
  public double level() {
    double prior = PRIOR_MINUTES * typicalPerMinute;
    if (prior + expected <= 0) {
      return 1;
    }
    double level = (offered + prior) / (expected + prior);
    return Math.max(MIN, Math.min(MAX, level));
  }
}
