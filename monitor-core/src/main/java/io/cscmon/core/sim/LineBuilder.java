package io.cscmon.core.sim;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Records the simulator's event lines as a tape of field operations — a key, a kind and a value (a
 * number or a reference to pre-encoded bytes) — instead of bytes: the simulation thread only stores
 * three words per field, and the number, timestamp and identifier formatting happens later in
 * {@link LineFormatter}, on another thread when writing a file ({@link PipelinedWriter}). Keys and
 * constant values are UTF-8 bytes encoded once ({@link #key}, {@link #ascii}); identifiers that
 * were strings (call ids, phone numbers, accounts, IP addresses) are kept as numbers and written by
 * the formatter exactly as their strings were.
 *
 * <p>Lines are appended with {@link #begin} … {@link #end} and read in order: {@link #peekTime} and
 * {@link #poll} one at a time, or a whole tape by the formatter. When every line has been read the
 * tape starts again at 0, so it only grows to the largest step. Not thread-safe: a tape is handed
 * between threads whole.
 */
final class LineBuilder {
  // Operations; the formatter's switch follows this order.
  static final int BEGIN = 0; // ref: {"type":"…","ts":  num: ts
  static final int BEGIN_RFC3339 = 1; // the same with the ts as an RFC 3339 string
  static final int STR = 2; // ref: byte[] value, written quoted
  static final int TEXT = 3; // ref: String value, written quoted (identifiers: no escaping)
  static final int RAW = 4; // ref: byte[] JSON value
  static final int NUM = 5; // num
  static final int DEC = 6; // num: the double's bits; at most three decimals
  static final int BOOL = 7; // num: 0 or 1
  static final int CALL_ID = 8; // num: n of "c-n"
  static final int DIGITS = 9; // num, written quoted
  static final int HEX = 10; // ref: byte[] prefix, num: unsigned, written quoted "prefix<hex>"
  static final int IPV4 = 11; // num: the four octets, big-endian, written quoted
  static final int OPEN = 12; // ,"key":{
  static final int MEMBER_FIRST = 13; // ref: byte[] name, num: double bits → "name":value
  static final int MEMBER = 14; // the same after a ','
  static final int CLOSE = 15; // }

  /** Bits of an operation word below its key's number. */
  static final int KEY_SHIFT = 8;

  // Operation i: ops[i] (the operation, its key's number << KEY_SHIFT), nums[i], refs[i].
  int[] ops;
  long[] nums;
  Object[] refs;
  int opCount;

  // Line j: operations [j == 0 ? 0 : lineEnds[j - 1], lineEnds[j]), event time times[j].
  int[] lineEnds;
  long[] times;
  int lineCount;
  private int read;

  // The keys: number n is {@code ,"key":} as UTF-8; 0 is no key. Keys are a few dozen constants.
  private static final Map<String, Integer> KEY_NUMBERS = new HashMap<>();
  private static volatile byte[][] keyTable = {null};

  /** The number of a constant key: the tape stores it in the operation's word, not a reference. */
  static synchronized int key(String key) {
    Integer n = KEY_NUMBERS.get(key);
    if (n == null) {
      byte[][] table = Arrays.copyOf(keyTable, keyTable.length + 1);
      n = table.length - 1;
      table[n] = (",\"" + key + "\":").getBytes(StandardCharsets.UTF_8);
      KEY_NUMBERS.put(key, n);
      keyTable = table;
    }
    return n;
  }

  /** Every key's bytes by number (a key registered later gives a longer table). */
  static byte[][] keyTable() {
    return keyTable;
  }

  /** A tape with room for {@code lines} lines of the usual length before it grows. */
  LineBuilder(int lines) {
    ops = new int[lines * 10];
    nums = new long[lines * 10];
    refs = new Object[lines * 10];
    lineEnds = new int[lines];
    times = new long[lines];
  }

  LineBuilder() {
    this(128);
  }

  /** {@code {"type":"TYPE","ts":}, for a constant line type. */
  static byte[] type(String type) {
    return ("{\"type\":\"" + type + "\",\"ts\":").getBytes(StandardCharsets.UTF_8);
  }

  /** A constant value's bytes (identifiers: written between quotes without escaping). */
  static byte[] ascii(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ building

  /** Starts a line of {@link #type type} at {@code ts}, its ts a number or an RFC 3339 string. */
  LineBuilder begin(byte[] type, long ts, boolean rfc3339) {
    if (read == lineCount && read > 0) {
      clear();
    }
    return op(rfc3339 ? BEGIN_RFC3339 : BEGIN, 0, ts, type);
  }

  /** A string field whose value is constant bytes. */
  LineBuilder str(int key, byte[] value) {
    return op(STR, key, 0, value);
  }

  /** A string field whose value needs no escaping. */
  LineBuilder str(int key, String value) {
    return op(TEXT, key, 0, value);
  }

  /** A field whose value is already JSON (a quoted string, an array). */
  LineBuilder raw(int key, byte[] json) {
    return op(RAW, key, 0, json);
  }

  LineBuilder num(int key, long value) {
    return op(NUM, key, value, null);
  }

  LineBuilder bool(int key, boolean value) {
    return op(BOOL, key, value ? 1 : 0, null);
  }

  /** A non-negative number with up to three decimals (never exponent notation). */
  LineBuilder dec(int key, double value) {
    return op(DEC, key, Double.doubleToRawLongBits(value), null);
  }

  /** The string {@code "c-N"}. */
  LineBuilder callId(int key, long n) {
    return op(CALL_ID, key, n, null);
  }

  /** The decimal digits of a non-negative {@code n}, as a string. */
  LineBuilder digits(int key, long n) {
    return op(DIGITS, key, n, null);
  }

  /** The string {@code prefix + Long.toHexString(n)}. */
  LineBuilder hex(int key, byte[] prefix, long n) {
    return op(HEX, key, n, prefix);
  }

  /** The dotted IPv4 address of {@code octets} (big-endian in the low 32 bits), as a string. */
  LineBuilder ipv4(int key, long octets) {
    return op(IPV4, key, octets, null);
  }

  /** Opens a nested object field; follow with {@link #member} and {@link #close}. */
  LineBuilder open(int key) {
    return op(OPEN, key, 0, null);
  }

  /** A member {@code "name":value} of the object opened last; {@code name} from {@link #ascii}. */
  LineBuilder member(boolean first, byte[] name, double value) {
    return op(first ? MEMBER_FIRST : MEMBER, 0, Double.doubleToRawLongBits(value), name);
  }

  LineBuilder close() {
    return op(CLOSE, 0, 0, null);
  }

  /** Finishes the line begun last; its event time is {@code time}. */
  void end(long time) {
    if (lineCount == lineEnds.length) {
      growLines();
    }
    lineEnds[lineCount] = opCount;
    times[lineCount] = time;
    lineCount++;
  }

  // Small enough to be inlined at each of the simulator's many call sites; growing is out of line
  // (inlining it everywhere made the simulator's methods large and their compilation slow).
  private LineBuilder op(int op, int key, long num, Object ref) {
    int i = opCount;
    if (i == ops.length) {
      growOps();
    }
    ops[i] = op | key << KEY_SHIFT;
    nums[i] = num;
    refs[i] = ref;
    opCount = i + 1;
    return this;
  }

  private void growOps() {
    int n = ops.length * 2;
    ops = Arrays.copyOf(ops, n);
    nums = Arrays.copyOf(nums, n);
    refs = Arrays.copyOf(refs, n);
  }

  private void growLines() {
    lineEnds = Arrays.copyOf(lineEnds, lineCount * 2);
    times = Arrays.copyOf(times, lineCount * 2);
  }

  // ------------------------------------------------------------------ reading

  /** Lines recorded (read or not). */
  int size() {
    return lineCount;
  }

  boolean isEmpty() {
    return read == lineCount;
  }

  /** Event time of the next unread line. */
  long peekTime() {
    return times[read];
  }

  /** Index of the next unread line, marking it read. */
  int poll() {
    return read++;
  }

  /** First operation of line {@code line}. */
  int lineStart(int line) {
    return line == 0 ? 0 : lineEnds[line - 1];
  }

  /** Forgets every line. */
  void clear() {
    opCount = 0;
    lineCount = 0;
    read = 0;
  }

  /** A JSON string literal of {@code s}. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
