package io.cscmon.core.parse;

import java.util.Arrays;

/**
 * The single pass of {@link ScannedFields} over one event line: checks that the line is one JSON
 * object of the plain kind this scanner vouches for, and records each known top-level field's value
 * as a span (and a kind, and an integer's value) in arrays indexed by {@link FieldSlots}. It works
 * on a copy of the line's characters in a reused {@code char[]}: the hot loops then index an array
 * instead of calling {@code String.charAt}, which checks the index and the string's coder per
 * character.
 *
 * <p>Anything it does not read cleanly — escapes, control characters and surrogates in strings,
 * nesting beyond {@link #MAX_DEPTH}, numbers of more than 18 digits or {@link #MAX_NUMBER_CHARS}
 * characters, duplicate keys, any syntax it does not expect — makes {@link #scan} answer false.
 */
final class LineScanner {

  /** Well within Jackson's limits (nesting 32, number length 64), which it then never meets. */
  static final int MAX_DEPTH = 16;

  static final int MAX_NUMBER_CHARS = 32;

  /** Keys per object compared pairwise for duplicates; beyond this Jackson's hash set does it. */
  static final int MAX_KEYS = 64;

  /** Integers of up to 18 digits fit a long whatever their digits. */
  private static final int MAX_LONG_DIGITS = 18;

  static final int FAIL = -1;
  private static final int NO_SLOT = FieldSlots.NONE;

  // The kinds of value a slot holds; ABSENT until the line names the field.
  static final byte ABSENT = 0;
  static final byte NULL = 1;
  static final byte STRING = 2; // span of the characters between the quotes
  static final byte INTEGER = 3; // up to 18 digits: value in integers[]
  static final byte BIG_INTEGER = 4;
  static final byte DECIMAL = 5; // a fraction or an exponent
  static final byte TRUE = 6;
  static final byte FALSE = 7;
  static final byte ARRAY = 8; // span from '[' to after ']'
  static final byte OBJECT = 9; // span from '{' to after '}'

  /** The line being read, and its characters in {@code chars[0, length)}. */
  String line;

  char[] chars = new char[512];
  int length;

  final byte[] kinds = new byte[FieldSlots.COUNT];
  final int[] starts = new int[FieldSlots.COUNT];
  final int[] ends = new int[FieldSlots.COUNT];
  final long[] integers = new long[FieldSlots.COUNT];
  private final int[] seen = new int[FieldSlots.COUNT];
  private int seenCount;

  /**
   * Per context and slot, the slot whose name followed it on the last line of that context (at
   * COUNT: the first name): lines of one type name their fields in the same order, so the guess
   * usually spares the name's hash and table lookup. The context is what the line said so far of
   * its kind — its {@code type} and, for calls, its {@code phase} — because what follows {@code
   * center} or {@code phase} differs between kinds: one table for all missed one name in ten.
   */
  private final int[] nextSlot = new int[CONTEXTS * ROW];

  /** Rows of guesses; a context is hashed into one (a collision only costs misses). */
  private static final int CONTEXTS = 64;

  private static final int ROW = FieldSlots.COUNT + 1;
  private static final int TYPE_SLOT = FieldSlots.of("type");
  private static final int PHASE_SLOT = FieldSlots.of("phase");

  private int previousSlot;

  /** The row of {@link #nextSlot} this line's guesses come from: {@code context * ROW}. */
  private int row;

  /** Spans (start, end) of the names of the objects being read, innermost last. */
  private int[] keys = new int[2 * 16];

  private int keyTop;

  /** The last number read: its kind and, for an INTEGER, its value. */
  byte numberKind;

  long numberValue;

  /** Forgets the last line's fields, so that the slots are ready for the next. */
  void clear() {
    for (int i = 0; i < seenCount; i++) {
      kinds[seen[i]] = ABSENT;
    }
    seenCount = 0;
    keyTop = 0;
    line = null;
  }

  /** Whether the line is one object this scanner read completely; its fields are then in slots. */
  boolean scan(String text) {
    line = text;
    length = text.length();
    if (chars.length < length) {
      chars = new char[Math.max(length, 2 * chars.length)];
    }
    text.getChars(0, length, chars, 0);
    previousSlot = FieldSlots.COUNT;
    row = 0;
    char[] c = chars;
    int i = skipSpace(0);
    if (i >= length || c[i] != '{') {
      return false;
    }
    i = skipSpace(i + 1);
    if (i < length && c[i] == '}') {
      return skipSpace(i + 1) == length;
    }
    while (true) {
      i = member(i);
      if (i == FAIL) {
        return false;
      }
      i = skipSpace(i);
      if (i >= length) {
        return false;
      }
      if (c[i] == '}') {
        return skipSpace(i + 1) == length;
      }
      if (c[i] != ',') {
        return false;
      }
      i = skipSpace(i + 1);
    }
  }

  /** A top-level {@code "name": value} at {@code i}; the index after it, or FAIL. */
  private int member(int i) {
    char[] c = chars;
    if (i >= length || c[i] != '"') {
      return FAIL;
    }
    int start = i + 1;
    int guess = nextSlot[row + previousSlot];
    int end = FieldSlots.nameEnd(guess, c, start, length);
    int slot = guess;
    if (end == FAIL) {
      end = stringEnd(start);
      if (end == FAIL) {
        return FAIL;
      }
      slot = FieldSlots.of(c, start, end);
    }
    int j = skipSpace(end + 1);
    if (j >= length || c[j] != ':') {
      return FAIL;
    }
    j = skipSpace(j + 1);
    if (slot == NO_SLOT) {
      // An unknown field: ignored, but its name counts for duplicates and its value must be JSON.
      return pushKey(0, start, end) ? value(j, NO_SLOT, 1) : FAIL;
    }
    if (kinds[slot] != ABSENT) {
      return FAIL; // the same name twice: Jackson rejects the line
    }
    seen[seenCount++] = slot;
    nextSlot[row + previousSlot] = slot;
    previousSlot = slot;
    int after = value(j, slot, 1);
    if ((slot == TYPE_SLOT || slot == PHASE_SLOT) && after != FAIL && kinds[slot] == STRING) {
      row = context(row / ROW, starts[slot], ends[slot]) * ROW;
    }
    return after;
  }

  /**
   * The context after a kind-telling value {@code chars[from, to)}: its first character and length
   * tell the types and phases of CONTRACT §1 apart, and a guess is checked anyway.
   */
  private int context(int context, int from, int to) {
    int first = from < to ? chars[from] : 0;
    return (context * 31 + first + 7 * (to - from)) & (CONTEXTS - 1);
  }

  /**
   * The value at {@code i} inside a container at {@code depth}, recorded in {@code slot} unless it
   * is NO_SLOT; the index after it, or FAIL.
   */
  private int value(int i, int slot, int depth) {
    if (i >= length) {
      return FAIL;
    }
    int end;
    byte kind;
    switch (chars[i]) {
      case '"' -> {
        end = stringEnd(i + 1);
        if (end == FAIL) {
          return FAIL;
        }
        record(slot, STRING, i + 1, end);
        return end + 1;
      }
      case '[' -> {
        end = skipArray(i + 1, depth + 1);
        kind = ARRAY;
      }
      case '{' -> {
        end = skipObject(i + 1, depth + 1);
        kind = OBJECT;
      }
      case 't' -> {
        end = literal(i, "true");
        kind = TRUE;
      }
      case 'f' -> {
        end = literal(i, "false");
        kind = FALSE;
      }
      case 'n' -> {
        end = literal(i, "null");
        kind = NULL;
      }
      default -> {
        end = number(i);
        kind = numberKind;
        if (end != FAIL && slot != NO_SLOT) {
          integers[slot] = numberValue;
        }
      }
    }
    if (end != FAIL) {
      record(slot, kind, i, end);
    }
    return end;
  }

  /** The index after {@code word} if the line has it at {@code i}, else FAIL. */
  private int literal(int i, String word) {
    int n = word.length();
    if (length - i < n) {
      return FAIL;
    }
    for (int k = 1; k < n; k++) { // the first character chose the word
      if (chars[i + k] != word.charAt(k)) {
        return FAIL;
      }
    }
    return i + n;
  }

  private void record(int slot, byte kind, int start, int end) {
    if (slot != NO_SLOT) {
      kinds[slot] = kind;
      starts[slot] = start;
      ends[slot] = end;
    }
  }

  /** The closing quote of a string whose first character is at {@code i}, or FAIL. */
  int stringEnd(int i) {
    char[] c = chars;
    for (int n = length; i < n; i++) {
      char ch = c[i];
      if (ch == '"') {
        return i;
      }
      // Not a character that stands for itself: an escape, a control character, a surrogate.
      if (ch < 0x20 || ch == '\\' || Character.isSurrogate(ch)) {
        return FAIL;
      }
    }
    return FAIL;
  }

  /**
   * A JSON number at {@code i} (RFC 8259: no leading zeros, no plus, digits on both sides of the
   * point); the index after it, or FAIL. Sets {@link #numberKind} and {@link #numberValue}.
   */
  int number(int i) {
    char[] s = chars;
    int n = length;
    int start = i;
    boolean negative = s[i] == '-';
    if (negative) {
      i++;
    }
    if (i >= n) {
      return FAIL;
    }
    long value = 0;
    int digits = 0;
    char c = s[i];
    if (c == '0') {
      i++;
      digits = 1;
    } else if (c >= '1' && c <= '9') {
      while (i < n && (c = s[i]) >= '0' && c <= '9') {
        value = value * 10 + (c - '0'); // wraps beyond 18 digits: then BIG_INTEGER, value unused
        digits++;
        i++;
      }
    } else {
      return FAIL;
    }
    boolean decimal = false;
    if (i < n && s[i] == '.') {
      i = digits(i + 1);
      decimal = true;
    }
    if (i != FAIL && i < n && (s[i] == 'e' || s[i] == 'E')) {
      i++;
      if (i < n && (s[i] == '+' || s[i] == '-')) {
        i++;
      }
      i = digits(i);
      decimal = true;
    }
    if (i == FAIL || i - start > MAX_NUMBER_CHARS) {
      return FAIL;
    }
    numberKind = decimal ? DECIMAL : digits > MAX_LONG_DIGITS ? BIG_INTEGER : INTEGER;
    numberValue = negative ? -value : value;
    return i;
  }

  /** At least one digit at {@code i}; the index after the last, or FAIL. */
  private int digits(int i) {
    int start = i;
    while (i < length && chars[i] >= '0' && chars[i] <= '9') {
      i++;
    }
    return i > start ? i : FAIL;
  }

  /** The rest of an array whose '[' is before {@code i}; the index after its ']', or FAIL. */
  private int skipArray(int i, int depth) {
    if (depth > MAX_DEPTH) {
      return FAIL;
    }
    i = skipSpace(i);
    if (i < length && chars[i] == ']') {
      return i + 1;
    }
    while (true) {
      i = value(i, NO_SLOT, depth);
      if (i == FAIL) {
        return FAIL;
      }
      i = skipSpace(i);
      if (i >= length) {
        return FAIL;
      }
      char c = chars[i];
      if (c == ']') {
        return i + 1;
      }
      if (c != ',') {
        return FAIL;
      }
      i = skipSpace(i + 1);
    }
  }

  /**
   * The rest of an object whose '{' is before {@code i}, its keys checked for duplicates as
   * Jackson's strict duplicate detection does at every level; the index after its '}', or FAIL.
   */
  private int skipObject(int i, int depth) {
    if (depth > MAX_DEPTH) {
      return FAIL;
    }
    int base = keyTop;
    try {
      i = skipSpace(i);
      if (i < length && chars[i] == '}') {
        return i + 1;
      }
      while (true) {
        if (i >= length || chars[i] != '"') {
          return FAIL;
        }
        int end = stringEnd(i + 1);
        if (end == FAIL || !pushKey(base, i + 1, end)) {
          return FAIL;
        }
        i = skipSpace(end + 1);
        if (i >= length || chars[i] != ':') {
          return FAIL;
        }
        i = value(skipSpace(i + 1), NO_SLOT, depth);
        if (i == FAIL) {
          return FAIL;
        }
        i = skipSpace(i);
        if (i >= length) {
          return FAIL;
        }
        char c = chars[i];
        if (c == '}') {
          return i + 1;
        }
        if (c != ',') {
          return FAIL;
        }
        i = skipSpace(i + 1);
      }
    } finally {
      keyTop = base;
    }
  }

  /**
   * Adds the key {@code chars[from, to)} to the object whose keys start at {@code base}; false if
   * the object already has it, or has too many keys to compare them pairwise.
   */
  private boolean pushKey(int base, int from, int to) {
    for (int k = base; k < keyTop; k += 2) {
      if (Arrays.equals(chars, keys[k], keys[k + 1], chars, from, to)) {
        return false;
      }
    }
    if (keyTop - base >= 2 * MAX_KEYS) {
      return false;
    }
    if (keyTop == keys.length) {
      keys = Arrays.copyOf(keys, 2 * keys.length);
    }
    keys[keyTop++] = from;
    keys[keyTop++] = to;
    return true;
  }

  /** The first index from {@code i} that is not JSON whitespace. */
  int skipSpace(int i) {
    char[] s = chars;
    for (int n = length; i < n; i++) {
      char c = s[i];
      if (c > ' ' || (c != ' ' && c != '\t' && c != '\n' && c != '\r')) {
        return i;
      }
    }
    return i;
  }
}
