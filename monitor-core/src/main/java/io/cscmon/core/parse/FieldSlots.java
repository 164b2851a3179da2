package io.cscmon.core.parse;

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

  /** An open-addressing table four times the names: a probe rarely takes a second step. */
  private static final int MASK = 127;

  private static final String[] TABLE = new String[MASK + 1];
  private static final int[] SLOTS = new int[MASK + 1];

  static {
    for (int slot = 0; slot < COUNT; slot++) {
      int i = spread(NAMES[slot].hashCode());
      while (TABLE[i] != null) {
        i = (i + 1) & MASK;
      }
      TABLE[i] = NAMES[slot];
      SLOTS[i] = slot;
    }
  }

  /** The slot of {@code name}, or -1. */
  static int of(String name) {
    for (int i = spread(name.hashCode()); TABLE[i] != null; i = (i + 1) & MASK) {
      if (TABLE[i].equals(name)) {
        return SLOTS[i];
      }
    }
    return -1;
  }

  /**
   * The slot of the name {@code text[from, to)}, or -1; {@code hash} is that name's {@link
   * String#hashCode()}, which the scanner sums up as it reads the name.
   */
  static int of(String text, int from, int to, int hash) {
    int length = to - from;
    for (int i = spread(hash); TABLE[i] != null; i = (i + 1) & MASK) {
      String name = TABLE[i];
      if (name.length() == length && text.regionMatches(from, name, 0, length)) {
        return SLOTS[i];
      }
    }
    return -1;
  }

  private static int spread(int hash) {
    return (hash ^ (hash >>> 7) ^ (hash >>> 16)) & MASK;
  }
}
