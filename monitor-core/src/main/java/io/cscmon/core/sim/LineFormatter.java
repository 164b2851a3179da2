package io.cscmon.core.sim;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the lines of a {@link LineBuilder} tape as NDJSON, UTF-8, into one growing byte array:
 * hand-written ASCII for numbers, decimals, identifiers and timestamps (no {@link String}, no
 * {@link StringBuilder}, no character encoding per line). The bytes are exactly those the
 * simulator's strings would give: {@code Long.toString}, {@code Long.toHexString}, and three
 * decimals at most with the trailing zeros cut.
 */
final class LineFormatter {
  private static final long DAY = 86_400_000L;
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /**
   * Room every field gets without a check: its key (a constant name), punctuation and the longest
   * number or timestamp; fields with a reference also check for its length.
   */
  private static final int FIELD_ROOM = 128;

  private byte[] buf;
  private int len;

  private final byte[] centerField;
  private final long offsetMs;
  private final byte[] offsetText;
  private long cachedDay = Long.MIN_VALUE;
  private byte[] cachedDate;

  LineFormatter(String center, long offsetMs, int capacity) {
    this.centerField =
        (",\"center\":" + LineBuilder.quote(center)).getBytes(StandardCharsets.UTF_8);
    this.offsetMs = offsetMs;
    this.offsetText = offsetText(offsetMs).getBytes(StandardCharsets.US_ASCII);
    this.buf = new byte[Math.max(capacity, 1 << 12)];
  }

  byte[] buffer() {
    return buf;
  }

  int length() {
    return len;
  }

  void reset() {
    len = 0;
  }

  /** Appends line {@code line} of {@code tape} and its {@code '\n'}. */
  void append(LineBuilder tape, int line) {
    int[] ops = tape.ops;
    long[] nums = tape.nums;
    Object[] refs = tape.refs;
    byte[][] keys = LineBuilder.keyTable();
    for (int i = tape.lineStart(line), end = tape.lineEnds[line]; i < end; i++) {
      Object ref = refs[i];
      int word = ops[i];
      byte[] key = keys[word >>> LineBuilder.KEY_SHIFT];
      if (len + FIELD_ROOM > buf.length || ref != null) {
        ensure(FIELD_ROOM + centerField.length + refLength(ref));
      }
      if (key != null) {
        System.arraycopy(key, 0, buf, len, key.length);
        len += key.length;
      }
      long n = nums[i];
      int op = word & ((1 << LineBuilder.KEY_SHIFT) - 1);
      switch (op) {
        case LineBuilder.BEGIN -> {
          put((byte[]) ref);
          number(n);
          put(centerField);
        }
        case LineBuilder.BEGIN_RFC3339 -> {
          put((byte[]) ref);
          buf[len++] = '"';
          rfc3339(n);
          buf[len++] = '"';
          put(centerField);
        }
        case LineBuilder.STR -> {
          buf[len++] = '"';
          put((byte[]) ref);
          buf[len++] = '"';
        }
        case LineBuilder.TEXT -> {
          buf[len++] = '"';
          text((String) ref);
          buf[len++] = '"';
        }
        case LineBuilder.RAW -> put((byte[]) ref);
        case LineBuilder.NUM -> number(n);
        case LineBuilder.DEC -> decimal(Double.longBitsToDouble(n));
        case LineBuilder.BOOL -> put(n != 0 ? TRUE : FALSE);
        case LineBuilder.CALL_ID -> {
          buf[len++] = '"';
          buf[len++] = 'c';
          buf[len++] = '-';
          number(n);
          buf[len++] = '"';
        }
        case LineBuilder.DIGITS -> {
          buf[len++] = '"';
          number(n);
          buf[len++] = '"';
        }
        case LineBuilder.HEX -> {
          buf[len++] = '"';
          put((byte[]) ref);
          hex(n);
          buf[len++] = '"';
        }
        case LineBuilder.IPV4 -> ipv4(n);
        case LineBuilder.OPEN -> buf[len++] = '{';
        case LineBuilder.MEMBER_FIRST, LineBuilder.MEMBER -> {
          if (op == LineBuilder.MEMBER) {
            buf[len++] = ',';
          }
          buf[len++] = '"';
          put((byte[]) ref);
          buf[len++] = '"';
          buf[len++] = ':';
          decimal(Double.longBitsToDouble(n));
        }
        case LineBuilder.CLOSE -> buf[len++] = '}';
        default -> throw new IllegalStateException("unknown line operation " + op);
      }
    }
    ensure(2);
    buf[len++] = '}';
    buf[len++] = '\n';
  }

  /** Line {@code line} of {@code tape} as a string, without its newline (uses the buffer). */
  String toString(LineBuilder tape, int line) {
    reset();
    append(tape, line);
    return new String(buf, 0, len - 1, StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ bytes

  private static int refLength(Object ref) {
    if (ref instanceof byte[] b) {
      return b.length;
    }
    return ref instanceof String s ? 3 * s.length() : 0;
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      grow(more);
    }
  }

  // Out of line, like every rare path here: append is compiled once with all that it inlines.
  private void grow(int more) {
    buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
  }

  private void put(byte[] b) {
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  /** Any text, as UTF-8 (ASCII in practice: identifiers from scenarios). */
  private void text(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        buf[len++] = (byte) c;
      } else {
        put(s.substring(i).getBytes(StandardCharsets.UTF_8));
        return;
      }
    }
  }

  private void number(long v) {
    if (v < 0) {
      negative(v);
      return;
    }
    int n = digitCount(v);
    int end = len + n;
    int p = end;
    while (v >= 100) { // two digits per division
      int r = (int) (v % 100);
      v /= 100;
      buf[--p] = (byte) ('0' + r % 10);
      buf[--p] = (byte) ('0' + r / 10);
    }
    do {
      buf[--p] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
    len = end;
  }

  private static final long[] POWERS_OF_TEN = new long[19];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  /** Decimal digits of a non-negative {@code v}: from its bit length, then one comparison. */
  private void negative(long v) {
    if (v == Long.MIN_VALUE) {
      put(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
      return;
    }
    buf[len++] = '-';
    number(-v);
  }

  private static int digitCount(long v) {
    int guess = ((64 - Long.numberOfLeadingZeros(v)) * 1233) >>> 12; // × log10(2)
    return guess < POWERS_OF_TEN.length && v >= POWERS_OF_TEN[guess]
        ? guess + 1
        : Math.max(guess, 1);
  }

  /** {@code "a.b.c.d"} of the four octets in the low 32 bits of {@code v}. */
  private void ipv4(long v) {
    buf[len++] = '"';
    for (int shift = 24; shift >= 0; shift -= 8) {
      int octet = (int) (v >>> shift) & 0xff;
      if (octet >= 100) {
        buf[len++] = (byte) ('0' + octet / 100);
      }
      if (octet >= 10) {
        buf[len++] = (byte) ('0' + octet / 10 % 10);
      }
      buf[len++] = (byte) ('0' + octet % 10);
      buf[len++] = shift == 0 ? (byte) '"' : (byte) '.';
    }
  }

  /** {@code Long.toHexString(v)}: unsigned, lower case, no leading zeros. */
  private void hex(long v) {
    int n = Math.max(1, (67 - Long.numberOfLeadingZeros(v)) / 4);
    for (int p = len + n - 1; p >= len; p--) {
      buf[p] = HEX_DIGITS[(int) (v & 0xf)];
      v >>>= 4;
    }
    len += n;
  }

  private void decimal(double value) {
    if (!(value >= 0) || value > 1e15) {
      value = value > 1e15 ? 1e15 : 0;
    }
    long thousandths = Math.round(value * 1000);
    long whole = thousandths / 1000;
    int frac = (int) (thousandths % 1000);
    number(whole);
    if (frac != 0) {
      buf[len++] = '.';
      if (frac < 100) {
        buf[len++] = '0';
      }
      if (frac < 10) {
        buf[len++] = '0';
      }
      while (frac % 10 == 0) {
        frac /= 10;
      }
      number(frac);
    }
  }

  /** {@code 2026-11-27T09:00:00.250+08:00}. */
  private void rfc3339(long ts) {
    long local = ts + offsetMs;
    long day = Math.floorDiv(local, DAY);
    if (day != cachedDay) {
      newDay(day);
    }
    int msOfDay = (int) Math.floorMod(local, DAY);
    ensure(cachedDate.length + offsetText.length + 16);
    put(cachedDate);
    buf[len++] = 'T';
    two(msOfDay / 3_600_000);
    buf[len++] = ':';
    two(msOfDay / 60_000 % 60);
    buf[len++] = ':';
    two(msOfDay / 1000 % 60);
    buf[len++] = '.';
    int ms = msOfDay % 1000;
    buf[len++] = (byte) ('0' + ms / 100);
    buf[len++] = (byte) ('0' + ms / 10 % 10);
    buf[len++] = (byte) ('0' + ms % 10);
    put(offsetText);
  }

  private void newDay(long day) {
    cachedDay = day;
    cachedDate = civilDate(day).getBytes(StandardCharsets.US_ASCII);
  }

  private void two(int v) {
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
}
