package io.cscmon.flink.operators;

import java.io.Serializable;

/**
 * Keys made of two to four fields joined with {@code '|'} — exactly the {@code String} that {@code
 * a + '|' + b} gives, {@code "null"} for a null field — built once per distinct combination and
 * handed out again. A key selector runs for every record twice, at the sender's partitioner and at
 * the receiver's key context; a fresh concatenation each time costs an allocation, a hash over all
 * its chars at both ends and a char-by-char {@code equals} against the keyed state's stored key,
 * where the reused key has its hash cached and is the stored key itself.
 *
 * <p>Bounded: a table of pairs of slots, a miss evicts one of the pair, so a key selector over many
 * distinct keys costs at most what concatenating did plus a probe. A key selector may be shared by
 * threads; an entry is immutable, so a racing reader sees a whole entry or none, and uses one only
 * when its fields match.
 */
final class JoinedKeys implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final int SLOTS = 1024; // a power of two

  private record Entry(int arity, String a, String b, String c, String d, String key) {}

  /** Built lazily: not part of a key selector's serialized form. */
  private transient Entry[] slots;

  String join(String a, String b) {
    return find(2, a, b, null, null);
  }

  String join(String a, String b, String c) {
    return find(3, a, b, c, null);
  }

  String join(String a, String b, String c, String d) {
    return find(4, a, b, c, d);
  }

  private String find(int arity, String a, String b, String c, String d) {
    Entry[] table = slots;
    if (table == null) {
      slots = table = new Entry[SLOTS];
    }
    int h = ((hash(a) * 31 + hash(b)) * 31 + hash(c)) * 31 + hash(d);
    h ^= h >>> 16;
    int pair = h & (SLOTS - 2);
    Entry first = table[pair];
    if (matches(first, arity, a, b, c, d)) {
      return first.key;
    }
    Entry second = table[pair + 1];
    if (matches(second, arity, a, b, c, d)) {
      return second.key;
    }
    String key =
        switch (arity) {
          case 2 -> a + '|' + b;
          case 3 -> a + '|' + b + '|' + c;
          default -> a + '|' + b + '|' + c + '|' + d;
        };
    key.hashCode(); // computed once here, cached in the instance both ends get from now on
    int victim = first == null ? pair : second == null ? pair + 1 : pair + ((h >>> 8) & 1);
    table[victim] = new Entry(arity, a, b, c, d, key);
    return key;
  }

  private static boolean matches(Entry e, int arity, String a, String b, String c, String d) {
    return e != null
        && e.arity == arity
        && same(e.a, a)
        && same(e.b, b)
        && same(e.c, c)
        && same(e.d, d);
  }

  private static boolean same(String x, String y) {
    return x == y || (x != null && x.equals(y));
  }

  private static int hash(String s) {
    return s == null ? 0 : s.hashCode();
  }
}
