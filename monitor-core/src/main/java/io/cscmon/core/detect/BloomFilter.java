package io.cscmon.core.detect;

/**
 * A Bloom filter over 64-bit hashes, to tell a first (source, account) pair from a repeat in fixed
 * space: a repeat is never taken for new; a new pair is taken for a repeat with probability {@code
 * fpp}, which only makes the distinct counts a little low. POJO.
 */
public final class BloomFilter {
  public long[] bits;
  public int k;

  /**
   * The words set from zero since the last {@link #clear}, while they are few: a window's filter
   * holds a few hundred pairs, and zeroing their words is far cheaper than zeroing a megabyte. Null
   * when unknown (after Flink restored or copied the filter: transient fields are not state) or
   * when too many words were set: then {@link #clear} zeroes every word.
   */
  private transient int[] setWords;

  private transient int setCount;

  public BloomFilter() {}

  /** Sized for {@code n} insertions at false-positive rate {@code fpp}. */
  public BloomFilter(long n, double fpp) {
    long m = (long) Math.ceil(-n * Math.log(fpp) / (Math.log(2) * Math.log(2)));
    m = Math.max(64, m);
    bits = new long[(int) ((m + 63) / 64)];
    k = Math.max(1, (int) Math.round((double) m / n * Math.log(2)));
    setWords = new int[setLogSize()];
  }

  /** A 64th of the words: a window that sets more of them is cleared by zeroing everything. */
  private int setLogSize() {
    return Math.max(16, bits.length / 64);
  }

  /** Adds the hash; true if it was not there before. */
  public boolean add(long hash) {
    long m = 64L * bits.length;
    long h1 = hash;
    long h2 = Hash64.mix(hash) | 1;
    boolean added = false;
    for (int i = 0; i < k; i++) {
      long bit = Math.floorMod(h1 + i * h2, m);
      int w = (int) (bit >>> 6);
      long mask = 1L << (bit & 63);
      if ((bits[w] & mask) == 0) {
        if (bits[w] == 0) {
          noteSet(w);
        }
        bits[w] |= mask;
        added = true;
      }
    }
    return added;
  }

  public void clear() {
    if (setWords != null) {
      for (int i = 0; i < setCount; i++) {
        bits[setWords[i]] = 0;
      }
    } else {
      java.util.Arrays.fill(bits, 0);
      setWords = new int[setLogSize()];
    }
    setCount = 0;
  }

  private void noteSet(int word) {
    if (setWords == null) {
      return;
    }
    if (setCount < setWords.length) {
      setWords[setCount++] = word;
    } else {
      setWords = null; // too many to list: the next clear zeroes every word
    }
  }

  public long byteSize() {
    return 8L * bits.length + 16;
  }
}
