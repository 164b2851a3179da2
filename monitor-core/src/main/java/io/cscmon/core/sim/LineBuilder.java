package io.cscmon.core.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds NDJSON event lines as UTF-8 bytes, straight into one reused buffer, and keeps the lines of
 * the simulator's current step there until they are read: no tree, no {@link StringBuilder}, no
 * char-to-byte encoding on the way to a file. Keys are constants and values are generated
 * identifiers, so only the configured names (center, queues, topics) need escaping, once, with
 * {@link #quote}; any non-ASCII character is still written as proper UTF-8.
 *
 * <p>Lines are appended with {@link #begin} … {@link #end}; each ends with {@code '\n'} in the
 * buffer. They are read in order with {@link #pollString} or {@link #drainTo}; when all are read
 * the buffer starts again at 0, so it only grows to the largest step.
 */
final class LineBuilder {
  private static final long DAY = 86_400_000L;

  private byte[] buf = new byte[1 << 14];
  private int len;

  // Finished lines: line i spans [starts[i], ends[i]) (without its '\n'), event time times[i].
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  private long[] times = new long[64];
  private int count;
  private int read;
  private int lineStart;

  private final byte[] centerField;
  private final long offsetMs;
  private final byte[] offsetText;
  private long cachedDay = Long.MIN_VALUE;
  private byte[] cachedDate;
  private final byte[] digits = new byte[20];
  private final java.util.HashMap<String, byte[]> keys = new java.util.HashMap<>();

  LineBuilder(String center, long offsetMs) {
    this.centerField = (",\"center\":" + quote(center)).getBytes(StandardCharsets.UTF_8);
    this.offsetMs = offsetMs;
    this.offsetText = offsetText(offsetMs).getBytes(StandardCharsets.US_ASCII);
  }

  // ------------------------------------------------------------------ building

  /** Starts a line: {@code {"type":…,"ts":…,"center":…}. */
  LineBuilder begin(String type, long ts, boolean rfc3339) {
    if (read == count) {
      count = read = 0;
      len = 0;
    }
    lineStart = len;
    ascii("{\"type\":\"");
    text(type);
    ascii("\",\"ts\":");
    if (rfc3339) {
      byte1('"');
      appendRfc3339(ts);
      byte1('"');
    } else {
      number(ts);
    }
    bytes(centerField);
    return this;
  }

  /** A string field whose value needs no escaping. */
  LineBuilder str(String key, String value) {
    key(key);
    byte1('"');
    text(value);
    byte1('"');
    return this;
  }

  /** A field whose value is already JSON (a quoted string, an array). */
  LineBuilder raw(String key, String json) {
    key(key);
    text(json);
    return this;
  }

  LineBuilder num(String key, long value) {
    key(key);
    number(value);
    return this;
  }

  LineBuilder bool(String key, boolean value) {
    key(key);
    ascii(value ? "true" : "false");
    return this;
  }

  /** A non-negative number with up to three decimals (never exponent notation). */
  LineBuilder dec(String key, double value) {
    key(key);
    appendDecimal(value);
    return this;
  }

  /** Opens a nested object field; follow with {@link #member} and {@link #close}. */
  LineBuilder open(String key) {
    key(key);
    byte1('{');
    return this;
  }

  LineBuilder member(boolean first, String key, double value) {
    if (!first) {
      byte1(',');
    }
    byte1('"');
    text(key);
    ascii("\":");
    appendDecimal(value);
    return this;
  }

  LineBuilder close() {
    byte1('}');
    return this;
  }

  /** Finishes the line begun last; its event time is {@code time}. */
  void end(long time) {
    byte1('}');
    if (count == starts.length) {
      starts = java.util.Arrays.copyOf(starts, count * 2);
      ends = java.util.Arrays.copyOf(ends, count * 2);
      times = java.util.Arrays.copyOf(times, count * 2);
    }
    starts[count] = lineStart;
    ends[count] = len;
    times[count] = time;
    count++;
    byte1('\n');
  }

  // ------------------------------------------------------------------ reading

  boolean isEmpty() {
    return read == count;
  }

  /** Event time of the next unread line. */
  long peekTime() {
    return times[read];
  }

  /** The next unread line, without its newline. */
  String pollString() {
    int i = read++;
    return new String(buf, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
  }

  /**
   * Writes the unread lines with event time before {@code endTime}, each with its newline, in one
   * write, and returns how many.
   */
  int drainTo(OutputStream os, long endTime) throws IOException {
    int from = read;
    int to = from;
    while (to < count && times[to] < endTime) {
      to++;
    }
    if (to > from) {
      os.write(buf, starts[from], ends[to - 1] + 1 - starts[from]);
      read = to;
    }
    return to - from;
  }

  // ------------------------------------------------------------------ bytes

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }

  private void byte1(char c) {
    ensure(1);
    buf[len++] = (byte) c;
  }

  private void bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  /** {@code ,"key":}, encoded once per key: keys are a few dozen constants. */
  private void key(String key) {
    byte[] b = keys.get(key);
    if (b == null) {
      b = (",\"" + key + "\":").getBytes(StandardCharsets.UTF_8);
      keys.put(key, b);
    }
    bytes(b);
  }

  /** A constant known to be ASCII. */
  private void ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  /** Any text, as UTF-8 (ASCII in practice: identifiers and configured names). */
  private void text(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        buf[len++] = (byte) c;
      } else {
        bytes(s.substring(i).getBytes(StandardCharsets.UTF_8));
        return;
      }
    }
  }

  private void number(long v) {
    if (v < 0) {
      if (v == Long.MIN_VALUE) {
        ascii(Long.toString(v));
        return;
      }
      byte1('-');
      v = -v;
    }
    int n = 0;
    while (v >= 100) { // two digits per division
      int r = (int) (v % 100);
      v /= 100;
      digits[n++] = (byte) ('0' + r % 10);
      digits[n++] = (byte) ('0' + r / 10);
    }
    do {
      digits[n++] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
    ensure(n);
    while (n > 0) {
      buf[len++] = digits[--n];
    }
  }

  private void appendDecimal(double value) {
    if (!(value >= 0) || value > 1e15) {
      value = value > 1e15 ? 1e15 : 0;
    }
    long thousandths = Math.round(value * 1000);
    long whole = thousandths / 1000;
    int frac = (int) (thousandths % 1000);
    number(whole);
    if (frac != 0) {
      byte1('.');
      if (frac < 100) {
        byte1('0');
      }
      if (frac < 10) {
        byte1('0');
      }
      while (frac % 10 == 0) {
        frac /= 10;
      }
      number(frac);
    }
  }

  /** {@code 2026-11-27T09:00:00.250+08:00}. */
  void appendRfc3339(long ts) {
    long local = ts + offsetMs;
    long day = Math.floorDiv(local, DAY);
    if (day != cachedDay) {
      cachedDay = day;
      cachedDate = civilDate(day).getBytes(StandardCharsets.US_ASCII);
    }
    int msOfDay = (int) Math.floorMod(local, DAY);
    bytes(cachedDate);
    byte1('T');
    two(msOfDay / 3_600_000);
    byte1(':');
    two(msOfDay / 60_000 % 60);
    byte1(':');
    two(msOfDay / 1000 % 60);
    byte1('.');
    int ms = msOfDay % 1000;
    ensure(3);
    buf[len++] = (byte) ('0' + ms / 100);
    buf[len++] = (byte) ('0' + ms / 10 % 10);
    buf[len++] = (byte) ('0' + ms % 10);
    bytes(offsetText);
  }

  private void two(int v) {
    ensure(2);
    buf[len++] = (byte) ('0' + v / 10);
    buf[len++] = (byte) ('0' + v % 10);
  }

  /** yyyy-MM-dd of an epoch day (proleptic Gregorian, years 0000–9999). */
  static String civilDate(long epochDay) {
    return java.time.LocalDate.ofEpochDay(epochDay).toString();
  }

  static String offsetText(long offsetMs) {
    long minutes = Math.abs(offsetMs) / 60_000;
    return String.format(
        java.util.Locale.ROOT, "%s%02d:%02d", offsetMs < 0 ? "-" : "+", minutes / 60, minutes % 60);
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
