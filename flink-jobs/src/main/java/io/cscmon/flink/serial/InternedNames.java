package io.cscmon.flink.serial;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One {@code String} per distinct short Latin-1 value read from the wire, for the fields whose
 * values come from small sets: a receiver then gets the same instance for every record of a center,
 * channel or component, with its hash computed once, instead of a fresh string to allocate, hash
 * and compare char by char in the key selector and the keyed state.
 *
 * <p>Bounded, and shared by every thread without locks: a table of pairs of slots (two values whose
 * hashes meet share a pair without evicting each other), a miss evicts one of the pair. An entry is
 * immutable, so a thread that reads a slot another is writing sees the old entry, the new one or
 * none — each a correct answer, since an entry is only used when its bytes match.
 */
final class InternedNames {
  /** Longer values are not interned (the sets' values are names, a few dozen chars at most). */
  static final int MAX_LENGTH = 64;

  private static final int SLOTS = 1024; // a power of two

  private record Entry(byte[] bytes, String value) {}

  private final Entry[] slots = new Entry[SLOTS];

  /**
   * @param bytes the value's Latin-1 bytes, at most {@link #MAX_LENGTH}; kept by the cache on a
   *     miss, so the caller must not change them afterwards
   */
  String intern(byte[] bytes) {
    int h = hash(bytes);
    int pair = h & (SLOTS - 2);
    Entry first = slots[pair];
    if (first != null && Arrays.equals(first.bytes, bytes)) {
      return first.value;
    }
    Entry second = slots[pair + 1];
    if (second != null && Arrays.equals(second.bytes, bytes)) {
      return second.value;
    }
    String value = new String(bytes, StandardCharsets.ISO_8859_1);
    value.hashCode(); // computed once here, cached in the instance every reader gets
    int victim = first == null ? pair : second == null ? pair + 1 : pair + ((h >>> 16) & 1);
    slots[victim] = new Entry(bytes, value);
    return value;
  }

  private static int hash(byte[] bytes) {
    int h = 0;
    for (byte b : bytes) {
      h = 31 * h + (b & 0xFF);
    }
    return h ^ (h >>> 11);
  }
}
