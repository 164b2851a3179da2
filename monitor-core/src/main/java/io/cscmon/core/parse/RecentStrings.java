package io.cscmon.core.parse;

import java.util.Arrays;

/**
 * The strings of values that recur from line to line — centers, channels, queues, components,
 * agents, metric names: a few hundred distinct ones in millions of lines — kept in a small
 * direct-mapped table, so that a line naming one again gets the same {@code String} instead of a
 * new copy. That spares the copy, and downstream the string's hash (cached in the instance) and
 * most of {@code equals} (same instance) on every key and map lookup it meets. One table per
 * scanner, so per thread; a value the table lost is simply copied again.
 */
final class RecentStrings {

  private static final int MASK = 1023;

  private final String[] strings = new String[MASK + 1];
  private final char[][] texts = new char[MASK + 1][];

  /** The string of {@code line[from, to)}, whose characters are also {@code chars[from, to)}. */
  String of(String line, char[] chars, int from, int to) {
    int hash = Chars.hash(chars, from, to);
    int index = (hash ^ (hash >>> 10) ^ (hash >>> 20)) & MASK;
    char[] known = texts[index];
    if (known != null && Chars.same(known, chars, from, to)) {
      return strings[index];
    }
    String value = line.substring(from, to);
    strings[index] = value;
    texts[index] = Arrays.copyOfRange(chars, from, to);
    return value;
  }
}
