package io.cscmon.core.detect;

/**
 * HyperLogLog distinct counter (Flajolet et al. 2007) with the linear-counting correction for small
 * counts: {@code 2^p} one-byte registers, standard error {@code 1.04/sqrt(2^p)} (p = 12: 4 KiB,
 * 1.6%). POJO.
 */
public final class HyperLogLog {
  public int p;
  public byte[] registers;

  /**
   * How many registers hold each rank, kept up as registers rise (they only rise until {@link
   * #clear}), so that {@link #estimate} reads 65 counts instead of every register: the detectors
   * estimate once a minute or window per key, and the 4,096-register scan showed in profiles.
   * Transient: null after Flink restored or copied the sketch, then counted again from the
   * registers.
   */
  private transient int[] histogram;

  public HyperLogLog() {}

  public HyperLogLog(int p) {
    this.p = p;
    this.registers = new byte[1 << p];
  }

  public void add(long hash) {
    int idx = (int) (hash >>> (64 - p));
    int rank = Long.numberOfLeadingZeros((hash << p) | (1L << (p - 1))) + 1;
    if (rank > registers[idx]) {
      if (histogram != null) {
        histogram[registers[idx]]--;
        histogram[rank]++;
      }
      registers[idx] = (byte) rank;
    }
  }

  public long estimate() {
    int m = registers.length;
    int[] ranks = histogram();
    int maxRank = ranks.length - 1;
    while (maxRank > 0 && ranks[maxRank] == 0) {
      maxRank--;
    }
    double sum;
    if (m <= 1 << 16 && maxRank <= EXACT_RANKS) {
      // Every partial sum of at most 2^16 terms 2^-r (r <= 36) is a multiple of 2^-36 no larger
      // than 2^16, at most 2^52 units: exact in a double. So the sum by rank has the very bits of
      // the sequential sum, without a division per register.
      sum = 0;
      for (int r = 0; r <= maxRank; r++) {
        sum += ranks[r] * (1.0 / (1L << r));
      }
    } else {
      sum = sequentialSum();
    }
    int zeros = ranks[0];
    double alpha = 0.7213 / (1 + 1.079 / m);
    double e = alpha * m * m / sum;
    if (e <= 2.5 * m && zeros > 0) {
      e = m * Math.log((double) m / zeros);
    }
    return Math.round(e);
  }

  /** Ranks up to which {@link #estimate}'s sum by rank is exact (for at most 2^16 registers). */
  private static final int EXACT_RANKS = 36;

  private double sequentialSum() {
    double sum = 0;
    for (byte r : registers) {
      sum += 1.0 / (1L << r);
    }
    return sum;
  }

  /** {@link #histogram}, counted from the registers when unset. */
  private int[] histogram() {
    if (histogram == null) {
      int[] h = new int[65];
      for (byte r : registers) {
        h[r]++;
      }
      histogram = h;
    }
    return histogram;
  }

  public void clear() {
    java.util.Arrays.fill(registers, (byte) 0);
    if (histogram != null) {
      java.util.Arrays.fill(histogram, 0);
      histogram[0] = registers.length;
    }
  }

  public long byteSize() {
    return registers.length + 16;
  }
}
