package io.cscmon.core.detect;

/**
 * A fast 64-bit string hash (per-char multiply, then the SplitMix64 finaliser) for the sketches.
 */
public final class Hash64 {
  private Hash64() {}

  public static long of(String s) {
    return of(s, 0);
  }

  public static long of(String s, long salt) {
    long h = 0x9E3779B97F4A7C15L ^ salt;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001B3L;
    }
    return mix(h ^ s.length());
  }

  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Two hashes combined, e.g. of a (source, account) pair. */
  public static long pair(String a, String b) {
    return mix(of(a) * 31 + of(b, 0x5bd1e995L));
  }
}
