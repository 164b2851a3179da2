package io.cscmon.core.parse;

import java.util.Arrays;

/**
 * The strings of values that recur from line to line — centers, channels, queues, components,
 * agents, metric names: a few hundred distinct ones in millions of lines — kept in a small two-way
 * table, so that a line naming one again gets the same {@code String} instead of a new copy. That
 * spares the copy, and downstream the string's hash (cached in the instance) and most of {@code
 * equals} (same instance) on every key and map lookup it meets. One table per scanner, so per
 * thread; a value the table lost is simply copied again.
 *
 * <p>Two ways per set: a direct-mapped table lost a value to every other value hashed to its slot,
 * and two such values on alternating lines (agents, with a few hundred recurring values in all)
 * were copied afresh on every line. The value found or added goes first, the other second.
 */
final class RecentStrings {

  private static final int MASK = 1023;

  private final String[] strings = new String[MASK + 1];
  private final char[][] texts = new char[MASK + 1][];

  /** The string of {@code line[from, to)}, whose characters are also {@code chars[from, to)}. */
  String of(String line, char[] chars, int from, int to) {
    int first = set(chars, from, to);
    char[] known = texts[first];
    if (known != null && Chars.same(known, chars, from, to)) {
      return strings[first];
    }
    int second = first + 1;
    String value;
    char[] text;
    known = texts[second];
    if (known != null && Chars.same(known, chars, from, to)) {
      value = strings[second];
      text = known;
    } else {
      value = line.substring(from, to);
      text = Arrays.copyOfRange(chars, from, to);
    }
    strings[second] = strings[first];
    texts[second] = texts[first];
    strings[first] = value;
    texts[first] = text;
    return value;
  }

  /** The first slot of the pair {@code chars[from, to)} may be kept in. */
  static int set(char[] chars, int from, int to) {
    int hash = Chars.hash(chars, from, to);
    return (hash ^ (hash >>> 10) ^ (hash >>> 20)) & (MASK - 1);
  }
}
