package io.cscmon.core.detect;

/**
 * The median of a few dozen values, as sorting them would give it, by selection: the seasonal
 * anomalies take one per closed 5-minute bucket and two per baseline slot, and sorting each bucket
 * (an insertion sort at these sizes) was a third of that operator's CPU (docs/benchmarks.md, round
 * 7). The order is {@link Double#compare}'s, the one {@code Arrays.sort(double[])} sorts by, so the
 * answer is the same double bit for bit, -0.0 below 0.0 included.
 */
final class Median {
  private Median() {}

  /** The median of {@code v}, whose order it changes; NaN-free input. */
  static double of(double[] v) {
    int n = v.length;
    int upper = n / 2;
    select(v, upper);
    if (n % 2 == 1) {
      return v[upper];
    }
    // Everything before the upper middle is at most it: the lower middle is their maximum.
    double lower = v[0];
    for (int i = 1; i < upper; i++) {
      if (less(lower, v[i])) {
        lower = v[i];
      }
    }
    return (lower + v[upper]) / 2;
  }

  /**
   * Moves the {@code k}-th smallest value to {@code v[k]}, the smaller ones before it and the
   * others after it (Hoare's selection, the middle of three as pivot).
   */
  static void select(double[] v, int k) {
    int lo = 0;
    int hi = v.length - 1;
    while (hi > lo) {
      int mid = (lo + hi) >>> 1;
      // Order v[lo], v[mid], v[hi]; the middle one is the pivot, the outer two guard the scans.
      if (less(v[mid], v[lo])) {
        swap(v, mid, lo);
      }
      if (less(v[hi], v[lo])) {
        swap(v, hi, lo);
      }
      if (less(v[hi], v[mid])) {
        swap(v, hi, mid);
      }
      if (hi - lo <= 2) {
        return; // three or fewer values: now in order
      }
      double pivot = v[mid];
      swap(v, mid, hi - 1);
      int i = lo;
      int j = hi - 1;
      while (true) {
        do {
          i++;
        } while (less(v[i], pivot));
        do {
          j--;
        } while (less(pivot, v[j]));
        if (i >= j) {
          break;
        }
        swap(v, i, j);
      }
      swap(v, i, hi - 1); // the pivot to its place
      if (k < i) {
        hi = i - 1;
      } else if (k > i) {
        lo = i + 1;
      } else {
        return;
      }
    }
  }

  /** {@code Double.compare(a, b) < 0} for values that are not NaN. */
  private static boolean less(double a, double b) {
    return a < b || (a == b && Double.doubleToRawLongBits(a) < Double.doubleToRawLongBits(b));
  }

  private static void swap(double[] v, int i, int j) {
    double t = v[i];
    v[i] = v[j];
    v[j] = t;
  }
}
