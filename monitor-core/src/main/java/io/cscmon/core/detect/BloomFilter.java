package io.cscmon.core.detect;

/**
 * A Bloom filter over 64-bit hashes, to tell a first (source, account) pair from a repeat in fixed
 * space: a repeat is never taken for new; a new pair is taken for a repeat with probability {@code
 * fpp}, which only makes the distinct counts a little low. POJO.
 */
public final class BloomFilter {
  public long[] bits;
  public int k;

  /** The words set from zero since the last {@link #clear} (null after a restore or copy). */
  private transient TouchedSlots setWords;

  public BloomFilter() {}

  /** Sized for {@code n} insertions at false-positive rate {@code fpp}. */
  public BloomFilter(long n, double fpp) {
    long m = (long) Math.ceil(-n * Math.log(fpp) / (Math.log(2) * Math.log(2)));
    m = Math.max(64, m);
    bits = new long[(int) ((m + 63) / 64)];
    k = Math.max(1, (int) Math.round((double) m / n * Math.log(2)));
    setWords = new TouchedSlots(bits.length);
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
        if (bits[w] == 0 && setWords != null) {
          setWords.note(w);
        }
        bits[w] |= mask;
        added = true;
      }
    }
    return added;
  }

  public void clear() {
    if (setWords != null && setWords.zeroNoted(slot -> bits[slot] = 0)) {
      return;
    }
    java.util.Arrays.fill(bits, 0);
    if (setWords == null) {
      setWords = new TouchedSlots(bits.length);
    } else {
      setWords.reset();
    }
  }

  public long byteSize() {
    return 8L * bits.length + 16;
  }
}
