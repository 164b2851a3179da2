package io.cscmon.core.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Shared validation and helpers of scenarios. */
final class Scenarios {
  private Scenarios() {}

  /** First octets of the hosting and VPS ranges attackers rent (plausible, not real data). */
  private static final int[] HOSTING_OCTETS = {45, 89, 91, 103, 146, 176, 185, 193, 194, 195};

  static void checkWindow(Duration startOffset, Duration duration) {
    if (startOffset == null || startOffset.isNegative()) {
      throw new IllegalArgumentException("startOffset must be >= 0");
    }
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be > 0");
    }
  }

  /**
   * A random stream fixed by the scenario's kind and start, so that the attackers' addresses are
   * known before the run (for the label file) and differ between two attacks of one run.
   */
  static SplittableRandom fixedRng(String kind, Duration startOffset) {
    return new SplittableRandom(kind.hashCode() * 0x9E3779B97F4A7C15L + startOffset.toMillis());
  }

  /** {@code n} distinct mobile numbers. */
  static List<String> mobileNumbers(SplittableRandom rng, int n) {
    List<String> out = new ArrayList<>(n);
    while (out.size() < n) {
      String s = "1" + (3 + rng.nextInt(7)) + (100_000_000L + rng.nextLong(900_000_000L));
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** {@code n} distinct /24 prefixes ({@code a.b.c}) in hosting ranges. */
  static List<String> prefixes(SplittableRandom rng, int n) {
    List<String> out = new ArrayList<>(n);
    while (out.size() < n) {
      String p =
          HOSTING_OCTETS[rng.nextInt(HOSTING_OCTETS.length)]
              + "."
              + rng.nextInt(256)
              + "."
              + rng.nextInt(256);
      if (!out.contains(p)) {
        out.add(p);
      }
    }
    return out;
  }

  static int poisson(SplittableRandom rng, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 40) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
    }
    double l = Math.exp(-mean);
    int k = 0;
    double p = rng.nextDouble();
    while (p > l) {
      k++;
      p *= rng.nextDouble();
    }
    return k;
  }
}
