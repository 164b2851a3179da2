package io.cscmon.core.parse;

import io.cscmon.core.event.Event;
import io.cscmon.core.event.WireEnums;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads the event lines of CONTRACT §1 — one flat JSON object of strings, numbers and booleans,
 * with {@code queues} an array and {@code metrics} an object — in a single pass over the line's
 * characters, into value spans indexed by {@link FieldSlots}: no tokens, no tree, no string for a
 * field name, an enum, a number or a boolean. Only the values an event keeps become strings.
 *
 * <p>It only vouches for what it reads cleanly. It gives up on anything else — escapes, control
 * characters and surrogates in strings, objects nested in unknown fields, nesting beyond {@link
 * #MAX_DEPTH}, numbers of more than 18 digits or {@link #MAX_NUMBER_CHARS} characters, a field that
 * fails its check, any syntax it does not expect — and {@link EventParser} then reads the line with
 * Jackson as before, which accepts it or names its problem: the rejections are Jackson's alone.
 * {@code ScannedFieldsTest} compares the two readers over generated and mutated lines.
 *
 * <p>One instance per thread ({@link #read} keeps them), reused line after line.
 */
final class ScannedFields implements EventFields {

  /** Thrown where the scanner cannot vouch for a value; caught in {@link #read}. */
  private static final class NotFast extends RuntimeException {
    NotFast() {
      super(null, null, false, false);
    }
  }

  private static final NotFast NOT_FAST = new NotFast();

  private static final ThreadLocal<ScannedFields> READERS =
      ThreadLocal.withInitial(ScannedFields::new);

  /** Well within Jackson's limits (nesting 32, number length 64), which it then never meets. */
  static final int MAX_DEPTH = 16;

  static final int MAX_NUMBER_CHARS = 32;

  /** Keys per object compared pairwise for duplicates; beyond this Jackson's hash set does it. */
  static final int MAX_KEYS = 64;

  /** Integers of up to 18 digits fit a long whatever their digits. */
  private static final int MAX_LONG_DIGITS = 18;

  /** Decimals of up to 15 digits and no exponent: the digits and the power of ten are exact. */
  private static final int MAX_EXACT_DIGITS = 15;

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
  };

  private static final int FAIL = -1;
  private static final int NO_SLOT = -1;
  private static final String[] NO_STRINGS = new String[0];

  // The kinds of value a slot holds; ABSENT until the line names the field.
  private static final byte ABSENT = 0;
  private static final byte NULL = 1;
  private static final byte STRING = 2;
  private static final byte INTEGER = 3; // up to 18 digits: value in integers[]
  private static final byte BIG_INTEGER = 4;
  private static final byte DECIMAL = 5; // a fraction or an exponent
  private static final byte TRUE = 6;
  private static final byte FALSE = 7;
  private static final byte ARRAY = 8; // span from '[' to after ']'
  private static final byte OBJECT = 9; // span from '{' to after '}'

  private String line;
  private int length;
  private final byte[] kinds = new byte[FieldSlots.COUNT];
  private final int[] starts = new int[FieldSlots.COUNT];
  private final int[] ends = new int[FieldSlots.COUNT];
  private final long[] integers = new long[FieldSlots.COUNT];
  private final int[] seen = new int[FieldSlots.COUNT];
  private int seenCount;

  /** Spans (start, end) of the names of the objects being read, innermost last. */
  private int[] keys = new int[2 * 16];

  private int keyTop;

  /** The last number read: its kind and, for an INTEGER, its value. */
  private byte numberKind;

  private long numberValue;

  private ScannedFields() {}

  /**
   * The event on {@code line}, or {@code null} where Jackson must read the line (the scanner does
   * not vouch for it, or the line is not a valid event). The event is not checked against the
   * timestamp guard.
   */
  static Event read(String line) {
    ScannedFields fields = READERS.get();
    try {
      return fields.scan(line) ? EventParser.toEvent(fields) : null;
    } catch (RuntimeException e) {
      // NotFast, a field the event rejects, or anything unforeseen: Jackson names the problem.
      return null;
    } finally {
      fields.clear();
    }
  }

  private void clear() {
    for (int i = 0; i < seenCount; i++) {
      kinds[seen[i]] = ABSENT;
    }
    seenCount = 0;
    keyTop = 0;
    line = null;
  }

  // ---- the single pass over the line -------------------------------------------------------

  /** Whether the line is one object this scanner read completely; its fields are then in slots. */
  private boolean scan(String text) {
    line = text;
    length = text.length();
    int i = skipSpace(0);
    if (i >= length || text.charAt(i) != '{') {
      return false;
    }
    i = skipSpace(i + 1);
    if (i < length && text.charAt(i) == '}') {
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
      char c = text.charAt(i);
      if (c == '}') {
        return skipSpace(i + 1) == length;
      }
      if (c != ',') {
        return false;
      }
      i = skipSpace(i + 1);
    }
  }

  /** A top-level {@code "name": value} at {@code i}; the index after it, or FAIL. */
  private int member(int i) {
    if (i >= length || line.charAt(i) != '"') {
      return FAIL;
    }
    int start = i + 1;
    int hash = 0;
    int j = start;
    while (true) {
      if (j >= length) {
        return FAIL;
      }
      char c = line.charAt(j);
      if (c == '"') {
        break;
      }
      if (!plain(c)) {
        return FAIL;
      }
      hash = 31 * hash + c;
      j++;
    }
    int end = j;
    j = skipSpace(j + 1);
    if (j >= length || line.charAt(j) != ':') {
      return FAIL;
    }
    j = skipSpace(j + 1);
    int slot = FieldSlots.of(line, start, end, hash);
    if (slot == NO_SLOT) {
      // An unknown field: ignored, but its name counts for duplicates and its value must be JSON.
      return pushKey(0, start, end) ? value(j, NO_SLOT, 1) : FAIL;
    }
    if (kinds[slot] != ABSENT) {
      return FAIL; // the same name twice: Jackson rejects the line
    }
    seen[seenCount++] = slot;
    return value(j, slot, 1);
  }

  /**
   * The value at {@code i} inside a container at {@code depth}, recorded in {@code slot} unless it
   * is NO_SLOT; the index after it, or FAIL.
   */
  private int value(int i, int slot, int depth) {
    if (i >= length) {
      return FAIL;
    }
    char c = line.charAt(i);
    int end;
    byte kind;
    switch (c) {
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
        end = line.startsWith("true", i) ? i + 4 : FAIL;
        kind = TRUE;
      }
      case 'f' -> {
        end = line.startsWith("false", i) ? i + 5 : FAIL;
        kind = FALSE;
      }
      case 'n' -> {
        end = line.startsWith("null", i) ? i + 4 : FAIL;
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

  private void record(int slot, byte kind, int start, int end) {
    if (slot != NO_SLOT) {
      kinds[slot] = kind;
      starts[slot] = start;
      ends[slot] = end;
    }
  }

  /** The closing quote of a string whose first character is at {@code i}, or FAIL. */
  private int stringEnd(int i) {
    for (; i < length; i++) {
      char c = line.charAt(i);
      if (c == '"') {
        return i;
      }
      if (!plain(c)) {
        return FAIL;
      }
    }
    return FAIL;
  }

  /** A string character that stands for itself: no escape, no control character, no surrogate. */
  private static boolean plain(char c) {
    return c >= 0x20 && c != '\\' && !Character.isSurrogate(c);
  }

  /**
   * A JSON number at {@code i} (RFC 8259: no leading zeros, no plus, digits on both sides of the
   * point); the index after it, or FAIL. Sets {@link #numberKind} and {@link #numberValue}.
   */
  private int number(int i) {
    int start = i;
    boolean negative = line.charAt(i) == '-';
    if (negative) {
      i++;
    }
    if (i >= length) {
      return FAIL;
    }
    long value = 0;
    int digits = 0;
    char c = line.charAt(i);
    if (c == '0') {
      i++;
      digits = 1;
    } else if (c >= '1' && c <= '9') {
      while (i < length && (c = line.charAt(i)) >= '0' && c <= '9') {
        value = value * 10 + (c - '0'); // wraps beyond 18 digits: then BIG_INTEGER, value unused
        digits++;
        i++;
      }
    } else {
      return FAIL;
    }
    boolean decimal = false;
    if (i < length && line.charAt(i) == '.') {
      i = digits(i + 1);
      decimal = true;
    }
    if (i != FAIL && i < length && (line.charAt(i) == 'e' || line.charAt(i) == 'E')) {
      i++;
      if (i < length && (line.charAt(i) == '+' || line.charAt(i) == '-')) {
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
    while (i < length && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
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
    if (i < length && line.charAt(i) == ']') {
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
      char c = line.charAt(i);
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
      if (i < length && line.charAt(i) == '}') {
        return i + 1;
      }
      while (true) {
        if (i >= length || line.charAt(i) != '"') {
          return FAIL;
        }
        int end = stringEnd(i + 1);
        if (end == FAIL || !pushKey(base, i + 1, end)) {
          return FAIL;
        }
        i = skipSpace(end + 1);
        if (i >= length || line.charAt(i) != ':') {
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
        char c = line.charAt(i);
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
   * Adds the key {@code line[from, to)} to the object whose keys start at {@code base}; false if
   * the object already has it, or has too many keys to compare them pairwise.
   */
  private boolean pushKey(int base, int from, int to) {
    int size = to - from;
    for (int k = base; k < keyTop; k += 2) {
      if (keys[k + 1] - keys[k] == size && line.regionMatches(keys[k], line, from, size)) {
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
  private int skipSpace(int i) {
    while (i < length) {
      char c = line.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return i;
      }
      i++;
    }
    return i;
  }

  // ---- typed access, as EventParser.Fields does it, but giving up instead of rejecting ---------

  /** The slot of a field the event asks for; a field the table lacks is left to Jackson. */
  private static int slot(String field) {
    int slot = FieldSlots.of(field);
    if (slot == NO_SLOT) {
      throw NOT_FAST;
    }
    return slot;
  }

  private static boolean absent(byte kind) {
    return kind == ABSENT || kind == NULL;
  }

  @Override
  public String requiredString(String field) {
    int slot = slot(field);
    if (kinds[slot] != STRING) {
      throw NOT_FAST;
    }
    return line.substring(starts[slot], ends[slot]);
  }

  @Override
  public String optionalString(String field) {
    return absent(kinds[slot(field)]) ? null : requiredString(field);
  }

  @Override
  public String requiredId(String field) {
    int slot = slot(field);
    if (kinds[slot] != STRING) {
      throw NOT_FAST;
    }
    return id(starts[slot], ends[slot]);
  }

  @Override
  public String optionalId(String field, String fallback) {
    return absent(kinds[slot(field)]) ? fallback : requiredId(field);
  }

  private String id(int from, int to) {
    if (to == from || to - from > EventParser.MAX_ID_CHARS) {
      throw NOT_FAST;
    }
    return line.substring(from, to);
  }

  @Override
  public String[] optionalIdArray(String field) {
    int slot = slot(field);
    if (absent(kinds[slot])) {
      return NO_STRINGS.clone();
    }
    if (kinds[slot] != ARRAY) {
      throw NOT_FAST;
    }
    // The scan checked the array's syntax: here only its elements' kinds are in question.
    String[] out = NO_STRINGS;
    int size = 0;
    int i = skipSpace(starts[slot] + 1);
    while (line.charAt(i) != ']') {
      if (line.charAt(i) != '"') {
        throw NOT_FAST;
      }
      int end = stringEnd(i + 1);
      if (size == out.length) {
        out = Arrays.copyOf(out, Math.max(4, 2 * size));
      }
      out[size++] = id(i + 1, end);
      i = skipSpace(end + 1);
      if (line.charAt(i) == ',') {
        i = skipSpace(i + 1);
      }
    }
    return size == out.length ? out : Arrays.copyOf(out, size);
  }

  @Override
  public <E extends Enum<E>> E requiredEnum(String field, Class<E> type, RejectReason unknown) {
    int slot = slot(field);
    E value = kinds[slot] == STRING ? WireEnums.find(type, line, starts[slot], ends[slot]) : null;
    if (value == null) {
      throw NOT_FAST;
    }
    return value;
  }

  @Override
  public <E extends Enum<E>> E optionalEnum(String field, Class<E> type) {
    return absent(kinds[slot(field)])
        ? null
        : requiredEnum(field, type, RejectReason.UNKNOWN_VALUE);
  }

  @Override
  public boolean requiredBoolean(String field) {
    byte kind = kinds[slot(field)];
    if (kind != TRUE && kind != FALSE) {
      throw NOT_FAST;
    }
    return kind == TRUE;
  }

  @Override
  public Long requiredLong(String field, long min, long max) {
    int slot = slot(field);
    if (kinds[slot] != INTEGER || integers[slot] < min || integers[slot] > max) {
      throw NOT_FAST;
    }
    return integers[slot];
  }

  @Override
  public Long optionalLong(String field, long min) {
    return absent(kinds[slot(field)]) ? null : requiredLong(field, min, Long.MAX_VALUE);
  }

  @Override
  public Double optionalDouble(String field, double min, double max) {
    int slot = slot(field);
    byte kind = kinds[slot];
    if (absent(kind)) {
      return null;
    }
    return checked(toDouble(kind, starts[slot], ends[slot], integers[slot]), min, max);
  }

  @Override
  public Map.Entry<String[], double[]> optionalNumberMap(String field) {
    int slot = slot(field);
    if (absent(kinds[slot])) {
      return Map.entry(NO_STRINGS.clone(), new double[0]);
    }
    if (kinds[slot] != OBJECT) {
      throw NOT_FAST;
    }
    // The scan checked the object's syntax and its keys for duplicates; not its values' kinds.
    String[] names = new String[4];
    double[] values = new double[4];
    int size = 0;
    int i = skipSpace(starts[slot] + 1);
    while (line.charAt(i) != '}') {
      int nameEnd = stringEnd(i + 1);
      String name = id(i + 1, nameEnd);
      i = skipSpace(skipSpace(nameEnd + 1) + 1); // past the ':'
      int end = number(i);
      if (end == FAIL) {
        throw NOT_FAST;
      }
      if (size == names.length) {
        names = Arrays.copyOf(names, 2 * size);
        values = Arrays.copyOf(values, 2 * size);
      }
      names[size] = name;
      values[size++] =
          checked(toDouble(numberKind, i, end, numberValue), -Double.MAX_VALUE, Double.MAX_VALUE);
      i = skipSpace(end);
      if (line.charAt(i) == ',') {
        i = skipSpace(i + 1);
      }
    }
    return Map.entry(Arrays.copyOf(names, size), Arrays.copyOf(values, size));
  }

  @Override
  public long timestamp() {
    int slot = slot("ts");
    if (kinds[slot] == INTEGER) {
      return integers[slot];
    }
    long millis =
        kinds[slot] == STRING
            ? Rfc3339.epochMillis(line, starts[slot], ends[slot])
            : Rfc3339.NOT_SIMPLE;
    if (millis == Rfc3339.NOT_SIMPLE) {
      throw NOT_FAST;
    }
    return millis;
  }

  private static double checked(double value, double min, double max) {
    if (!Double.isFinite(value) || value < min || value > max) {
      throw NOT_FAST;
    }
    return value;
  }

  /**
   * A number's value as Jackson's node gives it: an integer converted, a decimal correctly rounded.
   * Decimals of up to 15 digits without exponent are the quotient of two exact doubles, which IEEE
   * division rounds correctly; the others go to {@link Double#parseDouble}, as Jackson's do.
   */
  private double toDouble(byte kind, int start, int end, long integer) {
    if (kind == INTEGER) {
      return integer;
    }
    if (kind != DECIMAL) {
      throw NOT_FAST;
    }
    int i = start;
    boolean negative = line.charAt(i) == '-';
    if (negative) {
      i++;
    }
    long digits = 0;
    int count = 0;
    int fraction = -1; // digits after the point, once it is passed
    for (; i < end; i++) {
      char c = line.charAt(i);
      if (c == '.') {
        fraction = 0;
      } else if (c >= '0' && c <= '9') {
        digits = digits * 10 + (c - '0');
        count++;
        if (fraction >= 0) {
          fraction++;
        }
      } else {
        break; // an exponent
      }
    }
    if (i < end || count > MAX_EXACT_DIGITS) {
      return Double.parseDouble(line.substring(start, end));
    }
    double value = digits / POWERS_OF_TEN[Math.max(fraction, 0)];
    return negative ? -value : value;
  }
}
