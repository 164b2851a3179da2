package io.cscmon.core.detect;

/**
 * Count-min sketch (Cormode and Muthukrishnan 2005) with conservative update: point estimates that
 * never undercount and overcount by at most {@code e/width} of the total with probability {@code 1
 * − e^-depth}. Fixed size whatever the number of distinct keys. POJO.
 */
public final class CountMinSketch {
  public int depth;
  public int width;
  public int[] counts;

  public CountMinSketch() {}

  /** {@code width} must be a power of two. */
  public CountMinSketch(int depth, int width) {
    if (Integer.bitCount(width) != 1) {
      throw new IllegalArgumentException("width must be a power of two");
    }
    this.depth = depth;
    this.width = width;
    this.counts = new int[depth * width];
  }

  private int index(int row, long hash) {
    long h = hash + row * Hash64.mix(hash ^ 0x632BE59BD9B4E019L);
    return row * width + (int) (Hash64.mix(h) & (width - 1));
  }

  /** Adds {@code c} to the key; returns its new estimate. */
  public long add(long hash, long c) {
    long est = estimate(hash) + c;
    int capped = (int) Math.min(Integer.MAX_VALUE, est);
    for (int r = 0; r < depth; r++) {
      int i = index(r, hash);
      if (counts[i] < capped) {
        counts[i] = capped; // conservative update: raise only the rows below the new estimate
      }
    }
    return est;
  }

  public long estimate(long hash) {
    long min = Long.MAX_VALUE;
    for (int r = 0; r < depth; r++) {
      min = Math.min(min, counts[index(r, hash)]);
    }
    return min;
  }

  public void clear() {
    java.util.Arrays.fill(counts, 0);
  }

  public long byteSize() {
    return 4L * counts.length + 16;
  }
}
