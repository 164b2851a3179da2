package io.cscmon.core.parse;

import io.cscmon.core.event.Event;
import io.cscmon.core.event.WireEnums;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads the event lines of CONTRACT §1 — one flat JSON object of strings, numbers and booleans,
 * with {@code queues} an array and {@code metrics} an object — in a single pass over the line's
 * characters ({@link LineScanner}), into value spans indexed by {@link FieldSlots}: no tokens, no
 * tree, no string for a field name, an enum, a number or a boolean. Only the values an event keeps
 * become strings, and those that recur from line to line are shared ({@link RecentStrings}).
 *
 * <p>It only vouches for what it reads cleanly. It gives up on anything else — escapes, control
 * characters and surrogates in strings, objects nested in unknown fields, nesting beyond {@link
 * LineScanner#MAX_DEPTH}, numbers of more than 18 digits or {@link LineScanner#MAX_NUMBER_CHARS}
 * characters, a field that fails its check, any syntax it does not expect — and {@link EventParser}
 * then reads the line with Jackson as before, which accepts it or names its problem: the rejections
 * are Jackson's alone. {@code ScannedFieldsTest} compares the two readers over generated and
 * mutated lines.
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

  /** Decimals of up to 15 digits and no exponent: the digits and the power of ten are exact. */
  private static final int MAX_EXACT_DIGITS = 15;

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
  };

  private static final int FAIL = LineScanner.FAIL;
  private static final String[] NO_STRINGS = new String[0];

  private static final byte ABSENT = LineScanner.ABSENT;
  private static final byte NULL = LineScanner.NULL;
  private static final byte STRING = LineScanner.STRING;
  private static final byte INTEGER = LineScanner.INTEGER;
  private static final byte DECIMAL = LineScanner.DECIMAL;
  private static final byte TRUE = LineScanner.TRUE;
  private static final byte FALSE = LineScanner.FALSE;
  private static final byte ARRAY = LineScanner.ARRAY;
  private static final byte OBJECT = LineScanner.OBJECT;

  private final LineScanner scanner = new LineScanner();
  private final RecentStrings recent = new RecentStrings();

  // The scanner's slots, read by every accessor below.
  private final byte[] kinds = scanner.kinds;
  private final int[] starts = scanner.starts;
  private final int[] ends = scanner.ends;
  private final long[] integers = scanner.integers;

  private ScannedFields() {}

  /**
   * The event on {@code line}, or {@code null} where Jackson must read the line (the scanner does
   * not vouch for it, or the line is not a valid event). The event is not checked against the
   * timestamp guard.
   */
  static Event read(String line) {
    ScannedFields fields = READERS.get();
    try {
      return fields.scanner.scan(line) ? EventParser.toEvent(fields) : null;
    } catch (RuntimeException e) {
      // NotFast, a field the event rejects, or anything unforeseen: Jackson names the problem.
      return null;
    } finally {
      fields.scanner.clear();
    }
  }

  // ---- typed access, as EventParser.Fields does it, but giving up instead of rejecting ---------

  /** The slot of a field the event asks for; a field the table lacks is left to Jackson. */
  private static int slot(FieldName field) {
    int slot = field.slot();
    if (slot == FieldSlots.NONE) {
      throw NOT_FAST;
    }
    return slot;
  }

  private static boolean absent(byte kind) {
    return kind == ABSENT || kind == NULL;
  }

  @Override
  public String requiredString(FieldName field) {
    int slot = slot(field);
    if (kinds[slot] != STRING) {
      throw NOT_FAST;
    }
    return text(slot, starts[slot], ends[slot]);
  }

  @Override
  public String optionalString(FieldName field) {
    return absent(kinds[slot(field)]) ? null : requiredString(field);
  }

  @Override
  public String requiredId(FieldName field) {
    int slot = slot(field);
    if (kinds[slot] != STRING) {
      throw NOT_FAST;
    }
    return id(slot, starts[slot], ends[slot]);
  }

  @Override
  public String optionalId(FieldName field, String fallback) {
    return absent(kinds[slot(field)]) ? fallback : requiredId(field);
  }

  private String id(int slot, int from, int to) {
    if (to == from || to - from > EventParser.MAX_ID_CHARS) {
      throw NOT_FAST;
    }
    return text(slot, from, to);
  }

  /** The string of the line's characters {@code [from, to)}, a value or a name of {@code slot}. */
  private String text(int slot, int from, int to) {
    return FieldSlots.recurring(slot)
        ? recent.of(scanner.line, scanner.chars, from, to)
        : scanner.line.substring(from, to);
  }

  @Override
  public String[] optionalIdArray(FieldName field) {
    int slot = slot(field);
    if (absent(kinds[slot])) {
      return NO_STRINGS.clone();
    }
    if (kinds[slot] != ARRAY) {
      throw NOT_FAST;
    }
    // The scan checked the array's syntax: here only its elements' kinds are in question.
    char[] chars = scanner.chars;
    String[] out = NO_STRINGS;
    int size = 0;
    int i = scanner.skipSpace(starts[slot] + 1);
    while (chars[i] != ']') {
      if (chars[i] != '"') {
        throw NOT_FAST;
      }
      int end = scanner.stringEnd(i + 1);
      if (size == out.length) {
        out = Arrays.copyOf(out, Math.max(4, 2 * size));
      }
      out[size++] = id(slot, i + 1, end);
      i = scanner.skipSpace(end + 1);
      if (chars[i] == ',') {
        i = scanner.skipSpace(i + 1);
      }
    }
    return size == out.length ? out : Arrays.copyOf(out, size);
  }

  @Override
  public <E extends Enum<E>> E requiredEnum(FieldName field, Class<E> type, RejectReason unknown) {
    int slot = slot(field);
    E value =
        kinds[slot] == STRING
            ? WireEnums.find(type, scanner.chars, starts[slot], ends[slot])
            : null;
    if (value == null) {
      throw NOT_FAST;
    }
    return value;
  }

  @Override
  public <E extends Enum<E>> E optionalEnum(FieldName field, Class<E> type) {
    return absent(kinds[slot(field)])
        ? null
        : requiredEnum(field, type, RejectReason.UNKNOWN_VALUE);
  }

  @Override
  public boolean requiredBoolean(FieldName field) {
    byte kind = kinds[slot(field)];
    if (kind != TRUE && kind != FALSE) {
      throw NOT_FAST;
    }
    return kind == TRUE;
  }

  @Override
  public Long requiredLong(FieldName field, long min, long max) {
    int slot = slot(field);
    if (kinds[slot] != INTEGER || integers[slot] < min || integers[slot] > max) {
      throw NOT_FAST;
    }
    return integers[slot];
  }

  @Override
  public Long optionalLong(FieldName field, long min) {
    return absent(kinds[slot(field)]) ? null : requiredLong(field, min, Long.MAX_VALUE);
  }

  @Override
  public Double optionalDouble(FieldName field, double min, double max) {
    int slot = slot(field);
    byte kind = kinds[slot];
    if (absent(kind)) {
      return null;
    }
    return checked(toDouble(kind, starts[slot], ends[slot], integers[slot]), min, max);
  }

  @Override
  public Map.Entry<String[], double[]> optionalNumberMap(FieldName field) {
    int slot = slot(field);
    if (absent(kinds[slot])) {
      return Map.entry(NO_STRINGS.clone(), new double[0]);
    }
    if (kinds[slot] != OBJECT) {
      throw NOT_FAST;
    }
    // The scan checked the object's syntax and its keys for duplicates; not its values' kinds.
    char[] chars = scanner.chars;
    String[] names = new String[4];
    double[] values = new double[4];
    int size = 0;
    int i = scanner.skipSpace(starts[slot] + 1);
    while (chars[i] != '}') {
      int nameEnd = scanner.stringEnd(i + 1);
      String name = id(slot, i + 1, nameEnd);
      i = scanner.skipSpace(scanner.skipSpace(nameEnd + 1) + 1); // past the ':'
      int end = scanner.number(i);
      if (end == FAIL) {
        throw NOT_FAST;
      }
      if (size == names.length) {
        names = Arrays.copyOf(names, 2 * size);
        values = Arrays.copyOf(values, 2 * size);
      }
      names[size] = name;
      values[size++] =
          checked(
              toDouble(scanner.numberKind, i, end, scanner.numberValue),
              -Double.MAX_VALUE,
              Double.MAX_VALUE);
      i = scanner.skipSpace(end);
      if (chars[i] == ',') {
        i = scanner.skipSpace(i + 1);
      }
    }
    return Map.entry(Arrays.copyOf(names, size), Arrays.copyOf(values, size));
  }

  @Override
  public long timestamp() {
    int slot = slot(FieldName.TS);
    if (kinds[slot] == INTEGER) {
      return integers[slot];
    }
    long millis =
        kinds[slot] == STRING
            ? Rfc3339.epochMillis(scanner.line, starts[slot], ends[slot])
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
    char[] chars = scanner.chars;
    int i = start;
    boolean negative = chars[i] == '-';
    if (negative) {
      i++;
    }
    long digits = 0;
    int count = 0;
    int fraction = -1; // digits after the point, once it is passed
    for (; i < end; i++) {
      char c = chars[i];
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
      return Double.parseDouble(scanner.line.substring(start, end));
    }
    double value = digits / POWERS_OF_TEN[Math.max(fraction, 0)];
    return negative ? -value : value;
  }
}
