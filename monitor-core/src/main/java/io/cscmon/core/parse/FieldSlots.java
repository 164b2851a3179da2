package io.cscmon.core.parse;

import java.util.Set;

/**
 * The field names some event type reads (CONTRACT §1), each with a slot number, so that {@link
 * ScannedFields} keeps a line's values in arrays indexed by slot and finds a name straight from the
 * line's characters, without making a string of it. A name missing here is not an error: the
 * scanner gives up on a line whose event asks for it, and Jackson reads that line.
 */
final class FieldSlots {
  private FieldSlots() {}

  private static final String[] NAMES = {
    "type",
    "ts",
    "center",
    // call
    "call_id",
    "phase",
    "channel",
    "ani",
    "topic",
    "ivr_outcome",
    "queue",
    "wait_ms",
    "agent_id",
    "handle_ms",
    "outcome",
    // agent
    "state",
    "queues",
    // health
    "component",
    "instance",
    "interval_ms",
    "up",
    "latency_p50_ms",
    "latency_p99_ms",
    "requests",
    "errors",
    "cpu",
    "memory",
    "metrics",
    // auth and access
    "source",
    "account",
    "result",
    "method",
    "endpoint",
    "status",
    "latency_ms",
    "count"
  };

  /** How many slots there are; slots are 0 to COUNT - 1. */
  static final int COUNT = NAMES.length;

  private static final char[][] NAME_CHARS = new char[COUNT][];

  /**
   * The fields whose values recur from line to line, a few hundred distinct ones in millions of
   * lines ({@code queues} and {@code metrics}: their elements and names), which {@link
   * RecentStrings} shares; ids of calls, callers, sources and accounts rarely recur. {@code result}
   * is one of two words, and the parser switches on it: a shared string has its hash cached.
   */
  private static final Set<String> RECURRING =
      Set.of(
          "center",
          "channel",
          "topic",
          "queue",
          "agent_id",
          "queues",
          "component",
          "instance",
          "metrics",
          "method",
          "endpoint",
          "result");

  private static final boolean[] RECURRING_SLOTS = new boolean[COUNT];

  static {
    for (int slot = 0; slot < COUNT; slot++) {
      NAME_CHARS[slot] = NAMES[slot].toCharArray();
      RECURRING_SLOTS[slot] = RECURRING.contains(NAMES[slot]);
    }
  }

  /** Whether the values of {@code slot} recur from line to line (see {@link RecentStrings}). */
  static boolean recurring(int slot) {
    return RECURRING_SLOTS[slot];
  }

  /** An open-addressing table four times the names: a probe rarely takes a second step. */
  private static final int MASK = 127;

  /** The slot {@link #of} answers for a name it does not know. */
  static final int NONE = -1;

  private static final String[] TABLE = new String[MASK + 1];
  private static final char[][] TABLE_CHARS = new char[MASK + 1][];
  private static final int[] SLOTS = new int[MASK + 1];

  static {
    for (int slot = 0; slot < COUNT; slot++) {
      int i = spread(NAMES[slot].hashCode());
      while (TABLE[i] != null) {
        i = (i + 1) & MASK;
      }
      TABLE[i] = NAMES[slot];
      TABLE_CHARS[i] = NAMES[slot].toCharArray();
      SLOTS[i] = slot;
    }
  }

  /** The slot of {@code name}, or NONE. */
  static int of(String name) {
    for (int i = spread(name.hashCode()); TABLE[i] != null; i = (i + 1) & MASK) {
      if (TABLE[i].equals(name)) {
        return SLOTS[i];
      }
    }
    return NONE;
  }

  /**
   * The slot of the name {@code text[from, to)}, or NONE: its {@link String#hashCode()} is summed
   * up from the characters, so that no string is made of them.
   */
  static int of(char[] text, int from, int to) {
    for (int i = spread(Chars.hash(text, from, to)); TABLE_CHARS[i] != null; i = (i + 1) & MASK) {
      if (Chars.same(TABLE_CHARS[i], text, from, to)) {
        return SLOTS[i];
      }
    }
    return NONE;
  }

  /**
   * Where the closing quote is if the string starting at {@code text[from]} (and ending before
   * {@code limit}) is the name of {@code slot}, else -1: one loop that both finds the end and
   * compares, where finding the end and then comparing read the name twice.
   */
  static int nameEnd(int slot, char[] text, int from, int limit) {
    char[] name = NAME_CHARS[slot];
    int end = from + name.length;
    if (end >= limit) {
      return -1;
    }
    for (int i = 0; i < name.length; i++) {
      if (name[i] != text[from + i]) {
        return -1;
      }
    }
    return text[end] == '"' ? end : -1;
  }

  private static int spread(int hash) {
    return (hash ^ (hash >>> 7) ^ (hash >>> 16)) & MASK;
  }
}
