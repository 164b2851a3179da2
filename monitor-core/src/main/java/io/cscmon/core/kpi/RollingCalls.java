package io.cscmon.core.kpi;

/**
 * The last {@code size} one-minute {@link CallCounts} of one scope, as a ring, for the rolling view
 * (15 minutes by default). Minutes without calls leave no window and simply count as empty. Public
 * fields so that Flink keeps it in keyed state with its POJO serializer.
 */
public final class RollingCalls {
  public long[] minuteStarts;
  public CallCounts[] minutes;

  public RollingCalls() {}

  public RollingCalls(int size) {
    minuteStarts = new long[size];
    java.util.Arrays.fill(minuteStarts, Long.MIN_VALUE);
    minutes = new CallCounts[size];
  }

  /** Records the counts of the minute starting at {@code start}; minutes arrive in order. */
  public void add(long start, CallCounts counts) {
    int slot = (int) Math.floorMod(start / 60_000L, (long) minutes.length);
    minuteStarts[slot] = start;
    minutes[slot] = counts;
  }

  /** The counts of the minutes in {@code [end - size minutes, end)}. */
  public CallCounts sum(long end) {
    return sum(end, minutes.length);
  }

  /** The counts of the last {@code count} (at most the ring's size) minutes before {@code end}. */
  public CallCounts sum(long end, int count) {
    long from = end - Math.min(count, minutes.length) * 60_000L;
    CallCounts total = new CallCounts();
    for (int i = 0; i < minutes.length; i++) {
      if (minutes[i] != null && minuteStarts[i] >= from && minuteStarts[i] < end) {
        total.merge(minutes[i]);
      }
    }
    return total;
  }
}
