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

  /** The cells raised from zero since the last {@link #clear} (null after a restore or copy). */
  private transient TouchedSlots raised;

  private transient int[] cells;

  public CountMinSketch() {}

  /** {@code width} must be a power of two. */
  public CountMinSketch(int depth, int width) {
    if (Integer.bitCount(width) != 1) {
      throw new IllegalArgumentException("width must be a power of two");
    }
    this.depth = depth;
    this.width = width;
    this.counts = new int[depth * width];
    this.raised = new TouchedSlots(counts.length);
  }

  /**
   * Row {@code row}'s cell of the key. {@code step} is {@link #step} of the key's hash: it is the
   * same for every row, so callers compute it once per key instead of once per row.
   */
  private int index(int row, long hash, long step) {
    long h = hash + row * step;
    return row * width + (int) (Hash64.mix(h) & (width - 1));
  }

  private static long step(long hash) {
    return Hash64.mix(hash ^ 0x632BE59BD9B4E019L);
  }

  /**
   * Adds {@code c} to the key; returns its new estimate. One pass: each row's cell is located once,
   * read for the estimate and raised, rather than located again after a separate estimate.
   */
  public long add(long hash, long c) {
    int[] cells = cells();
    long step = step(hash);
    long min = Long.MAX_VALUE;
    for (int r = 0; r < depth; r++) {
      int i = index(r, hash, step);
      cells[r] = i;
      min = Math.min(min, counts[i]);
    }
    long est = min + c;
    int capped = (int) Math.min(Integer.MAX_VALUE, est);
    for (int r = 0; r < depth; r++) {
      int i = cells[r];
      if (counts[i] < capped) {
        if (counts[i] == 0 && raised != null) {
          raised.note(i);
        }
        counts[i] = capped; // conservative update: raise only the rows below the new estimate
      }
    }
    return est;
  }

  public long estimate(long hash) {
    long step = step(hash);
    long min = Long.MAX_VALUE;
    for (int r = 0; r < depth; r++) {
      min = Math.min(min, counts[index(r, hash, step)]);
    }
    return min;
  }

  /** Scratch for {@link #add}'s cell indexes; transient, so made again after a restore or copy. */
  private int[] cells() {
    if (cells == null || cells.length < depth) {
      cells = new int[depth];
    }
    return cells;
  }

  public void clear() {
    if (raised != null && raised.zeroNoted(slot -> counts[slot] = 0)) {
      return;
    }
    java.util.Arrays.fill(counts, 0);
    if (raised == null) {
      raised = new TouchedSlots(counts.length);
    } else {
      raised.reset();
    }
  }

  public long byteSize() {
    return 4L * counts.length + 16;
  }
}
