package io.cscmon.core.sim;

/**
 * The expected contact volume over the week, relative to the mean: an intraday shape per local
 * minute (mean 1 over the day) times a day-of-week factor (mean 1 over the week).
 *
 * <p>The intraday shape is a night floor (the center is 7x24, never zero), a business-day plateau
 * from about 08:00 to 21:00 and two peaks, 09:00–11:30 and 14:00–16:30, the morning one higher; the
 * dip between them is lunch. The peak minute is about 2.5× the daily mean, the quietest about
 * 0.25×. Monday is the busiest day, the weekend the quietest.
 */
public final class LoadProfile {

  /** Day-of-week factors, Monday first; they sum to 7. */
  static final double[] WEEKLY = {1.18, 1.06, 1.02, 1.00, 1.04, 0.86, 0.84};

  private static final long MINUTE = 60_000L;
  private static final long DAY = 86_400_000L;
  private static final double[] SHAPE = buildShape();
  private static final double MAX_SHAPE = max(SHAPE);
  private static final double MAX_WEEKLY = max(WEEKLY);

  private final long offsetMs;

  /**
   * @param offsetMs the center's UTC offset in milliseconds (local = UTC + offset)
   */
  public LoadProfile(long offsetMs) {
    this.offsetMs = offsetMs;
  }

  /** The relative load at {@code t} (epoch ms): intraday shape × weekly factor; mean 1. */
  public double factor(long t) {
    long local = t + offsetMs;
    long day = Math.floorDiv(local, DAY);
    int minute = (int) (Math.floorMod(local, DAY) / MINUTE);
    return SHAPE[minute] * WEEKLY[dayOfWeek(day)];
  }

  /** The mean relative load over [from, from + spanMs), sampled per minute. */
  public double meanFactor(long from, long spanMs) {
    double sum = 0;
    int n = 0;
    for (long t = from; t < from + spanMs; t += MINUTE) {
      sum += factor(t);
      n++;
    }
    return n == 0 ? factor(from) : sum / n;
  }

  /** The weekly factor of the local day containing {@code t}. */
  public double weeklyFactor(long t) {
    return WEEKLY[dayOfWeek(Math.floorDiv(t + offsetMs, DAY))];
  }

  /** An upper bound of {@link #factor}. */
  public static double maxFactor() {
    return MAX_SHAPE * MAX_WEEKLY;
  }

  /** Monday = 0 … Sunday = 6 for a local epoch day (1970-01-01 was a Thursday). */
  static int dayOfWeek(long epochDay) {
    return (int) Math.floorMod(epochDay + 3, 7L);
  }

  private static double[] buildShape() {
    double[] s = new double[1440];
    double sum = 0;
    for (int m = 0; m < s.length; m++) {
      double h = (m + 0.5) / 60.0;
      double plateau = 0.60 * smoothstep(7.0, 9.0, h) * (1 - smoothstep(20.0, 22.5, h));
      double v = 0.12 + plateau + 0.55 * bump(h, 9.0, 11.5) + 0.45 * bump(h, 14.0, 16.5);
      s[m] = v;
      sum += v;
    }
    double mean = sum / s.length;
    for (int m = 0; m < s.length; m++) {
      s[m] /= mean;
    }
    return s;
  }

  private static double smoothstep(double a, double b, double x) {
    if (x <= a) {
      return 0;
    }
    if (x >= b) {
      return 1;
    }
    double u = (x - a) / (b - a);
    return u * u * (3 - 2 * u);
  }

  /** A raised-cosine bump: 0 outside [a, b], 1 in the middle. */
  private static double bump(double h, double a, double b) {
    if (h <= a || h >= b) {
      return 0;
    }
    return 0.5 * (1 - Math.cos(2 * Math.PI * (h - a) / (b - a)));
  }

  private static double max(double[] values) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      m = Math.max(m, v);
    }
    return m;
  }
}
