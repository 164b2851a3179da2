package io.cscmon.core.detect;

/**
 * HyperLogLog distinct counter (Flajolet et al. 2007) with the linear-counting correction for small
 * counts: {@code 2^p} one-byte registers, standard error {@code 1.04/sqrt(2^p)} (p = 12: 4 KiB,
 * 1.6%). POJO.
 */
public final class HyperLogLog {
  public int p;
  public byte[] registers;

  public HyperLogLog() {}

  public HyperLogLog(int p) {
    this.p = p;
    this.registers = new byte[1 << p];
  }

  public void add(long hash) {
    int idx = (int) (hash >>> (64 - p));
    int rank = Long.numberOfLeadingZeros((hash << p) | (1L << (p - 1))) + 1;
    if (rank > registers[idx]) {
      registers[idx] = (byte) rank;
    }
  }

  public long estimate() {
    int m = registers.length;
    double sum = 0;
    int zeros = 0;
    for (byte r : registers) {
      sum += 1.0 / (1L << r);
      if (r == 0) {
        zeros++;
      }
    }
    double alpha = 0.7213 / (1 + 1.079 / m);
    double e = alpha * m * m / sum;
    if (e <= 2.5 * m && zeros > 0) {
      e = m * Math.log((double) m / zeros);
    }
    return Math.round(e);
  }

  public void clear() {
    java.util.Arrays.fill(registers, (byte) 0);
  }

  public long byteSize() {
    return registers.length + 16;
  }
}
