package io.cscmon.core.detect;

/**
 * The events and bad events of a {@link BurnRateState}'s ring over windows of several lengths (in
 * buckets) that all end at one bucket, {@link #last}, kept up to date as the ring changes instead
 * of re-adding up to 180 buckets per health sample: {@link #add} and {@link #remove} apply a
 * bucket's counts entering or leaving the ring, {@link #moveTo} slides the windows forward a few
 * buckets. In longs, so the sums are exact whatever the order (see {@link #exact}).
 *
 * <p>Held in a transient field of the state: after Flink restored or copied the state it is null,
 * and {@link BurnRateDetector} builds it again from the ring.
 */
final class BucketSums {
  /** 2^53: every integer up to it is exact in a double. */
  static final long EXACT_MAX = 1L << 53;

  private final int[] lengths;
  private final int slots;
  private long last;
  private final long[] total;
  private final long[] bad;

  /** Every count that went into the sums, OR-ed: a bit at 2^53 or above (or the sign) is set. */
  private long seen;

  /** The sums of the windows of {@code lengths} (ascending) ending at bucket {@code last}. */
  BucketSums(BurnRateState s, int[] lengths, int slots, long last) {
    this.lengths = lengths;
    this.slots = slots;
    this.total = new long[lengths.length];
    this.bad = new long[lengths.length];
    recompute(s, last);
  }

  /** Whether these are the sums of this detector's windows (not of one whose settings changed). */
  boolean over(int[] windowLengths) {
    return windowLengths == lengths;
  }

  long last() {
    return last;
  }

  long total(int e) {
    return total[e];
  }

  long bad(int e) {
    return bad[e];
  }

  /**
   * Whether each sum converts to the very double that adding its buckets' counts one by one in
   * doubles gives, in any order: no count was negative or 2^53 or more and no sum exceeds 2^53, so
   * every partial sum is an integer a double holds exactly.
   */
  boolean exact() {
    return (seen & -EXACT_MAX) == 0
        && total[total.length - 1] <= EXACT_MAX
        && bad[bad.length - 1] <= EXACT_MAX;
  }

  /** Bucket {@code bucket} gained {@code t} events, {@code b} of them bad. */
  void add(long bucket, long t, long b) {
    seen |= t | b;
    shift(bucket, t, b);
  }

  /** Bucket {@code bucket}, with {@code t} events and {@code b} bad ones, left the ring. */
  void remove(long bucket, long t, long b) {
    shift(bucket, -t, -b);
  }

  private void shift(long bucket, long t, long b) {
    for (int e = 0; e < lengths.length; e++) {
      if (bucket <= last && bucket > last - lengths[e]) {
        total[e] += t;
        bad[e] += b;
      }
    }
  }

  /**
   * Ends the windows at {@code to}: slides them bucket by bucket while that is cheaper than adding
   * the longest window afresh, otherwise (or backwards) recomputes from the ring.
   */
  void moveTo(BurnRateState s, long to) {
    long steps = to - last;
    if (steps < 0 || steps * 2 * lengths.length >= lengths[lengths.length - 1]) {
      recompute(s, to);
      return;
    }
    while (last < to) {
      long in = last + 1;
      int inSlot = (int) Math.floorMod(in, (long) slots);
      boolean held = s.bucket[inSlot] == in;
      for (int e = 0; e < lengths.length; e++) {
        if (lengths[e] == 0) {
          continue;
        }
        if (held) {
          total[e] += s.total[inSlot];
          bad[e] += s.bad[inSlot];
        }
        long out = in - lengths[e];
        int outSlot = (int) Math.floorMod(out, (long) slots);
        if (s.bucket[outSlot] == out) {
          total[e] -= s.total[outSlot];
          bad[e] -= s.bad[outSlot];
        }
      }
      if (held) {
        seen |= s.total[inSlot] | s.bad[inSlot];
      }
      last = in;
    }
  }

  /**
   * Adds every window afresh, each bucket once: a window is shorter than the ring, and each adds
   * the stretch the shorter one before it left out, in plain ascending runs of the ring.
   */
  private void recompute(BurnRateState s, long to) {
    last = to;
    long[] acc = new long[3]; // events, bad events, counts OR-ed
    int done = 0;
    for (int e = 0; e < lengths.length; e++) {
      if (lengths[e] > done) {
        long first = to - lengths[e] + 1;
        long stretchEnd = to - done;
        int lo = (int) Math.floorMod(first, (long) slots);
        int hi = (int) Math.floorMod(stretchEnd, (long) slots);
        if (lo <= hi) {
          addRun(s, first, stretchEnd, lo, hi, acc);
        } else {
          addRun(s, first, stretchEnd, 0, hi, acc);
          addRun(s, first, stretchEnd, lo, slots - 1, acc);
        }
        done = lengths[e];
      }
      total[e] = acc[0];
      bad[e] = acc[1];
    }
    seen = acc[2];
  }

  /**
   * Adds slots {@code from..to} whose bucket lies in {@code [first, lastBucket]} to {@code acc}.
   */
  private static void addRun(
      BurnRateState s, long first, long lastBucket, int from, int to, long[] acc) {
    long t = acc[0];
    long b = acc[1];
    long seen = acc[2];
    for (int i = from; i <= to; i++) {
      long k = s.bucket[i];
      if (k >= first && k <= lastBucket) {
        long ti = s.total[i];
        long bi = s.bad[i];
        t += ti;
        b += bi;
        seen |= ti | bi;
      }
    }
    acc[0] = t;
    acc[1] = b;
    acc[2] = seen;
  }
}
