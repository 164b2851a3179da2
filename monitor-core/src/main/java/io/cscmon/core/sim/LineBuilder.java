package io.cscmon.core.sim;

/**
 * Builds one NDJSON event line in a reused {@link StringBuilder}: no tree, one String per line.
 * Keys are constants and values are generated identifiers, so only the configured names (center,
 * queues, topics) need escaping, once, with {@link #quote}.
 */
final class LineBuilder {
  private static final long DAY = 86_400_000L;

  private final StringBuilder sb = new StringBuilder(256);
  private final String centerField;
  private final long offsetMs;
  private final String offsetText;
  private long cachedDay = Long.MIN_VALUE;
  private String cachedDate;

  LineBuilder(String center, long offsetMs) {
    this.centerField = ",\"center\":" + quote(center);
    this.offsetMs = offsetMs;
    this.offsetText = offsetText(offsetMs);
  }

  /** Starts a line: {@code {"type":…,"ts":…,"center":…}. */
  LineBuilder begin(String type, long ts, boolean rfc3339) {
    sb.setLength(0);
    sb.append("{\"type\":\"").append(type).append("\",\"ts\":");
    if (rfc3339) {
      sb.append('"');
      appendRfc3339(ts);
      sb.append('"');
    } else {
      sb.append(ts);
    }
    sb.append(centerField);
    return this;
  }

  /** A string field whose value needs no escaping. */
  LineBuilder str(String key, String value) {
    sb.append(",\"").append(key).append("\":\"").append(value).append('"');
    return this;
  }

  /** A field whose value is already JSON (a quoted string, an array). */
  LineBuilder raw(String key, String json) {
    sb.append(",\"").append(key).append("\":").append(json);
    return this;
  }

  LineBuilder num(String key, long value) {
    sb.append(",\"").append(key).append("\":").append(value);
    return this;
  }

  LineBuilder bool(String key, boolean value) {
    sb.append(",\"").append(key).append("\":").append(value);
    return this;
  }

  /** A non-negative number with up to three decimals (never exponent notation). */
  LineBuilder dec(String key, double value) {
    sb.append(",\"").append(key).append("\":");
    appendDecimal(value);
    return this;
  }

  /** Opens a nested object field; follow with {@link #member} and {@link #close}. */
  LineBuilder open(String key) {
    sb.append(",\"").append(key).append("\":{");
    return this;
  }

  LineBuilder member(boolean first, String key, double value) {
    if (!first) {
      sb.append(',');
    }
    sb.append('"').append(key).append("\":");
    appendDecimal(value);
    return this;
  }

  LineBuilder close() {
    sb.append('}');
    return this;
  }

  String end() {
    sb.append('}');
    return sb.toString();
  }

  private void appendDecimal(double value) {
    if (!(value >= 0) || value > 1e15) {
      value = value > 1e15 ? 1e15 : 0;
    }
    long thousandths = Math.round(value * 1000);
    long whole = thousandths / 1000;
    int frac = (int) (thousandths % 1000);
    sb.append(whole);
    if (frac != 0) {
      sb.append('.');
      if (frac < 100) {
        sb.append('0');
      }
      if (frac < 10) {
        sb.append('0');
      }
      while (frac % 10 == 0) {
        frac /= 10;
      }
      sb.append(frac);
    }
  }

  /** {@code 2026-11-27T09:00:00.250+08:00}. */
  void appendRfc3339(long ts) {
    long local = ts + offsetMs;
    long day = Math.floorDiv(local, DAY);
    if (day != cachedDay) {
      cachedDay = day;
      cachedDate = civilDate(day);
    }
    int msOfDay = (int) Math.floorMod(local, DAY);
    sb.append(cachedDate).append('T');
    two(msOfDay / 3_600_000);
    sb.append(':');
    two(msOfDay / 60_000 % 60);
    sb.append(':');
    two(msOfDay / 1000 % 60);
    sb.append('.');
    int ms = msOfDay % 1000;
    sb.append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10));
    sb.append((char) ('0' + ms % 10));
    sb.append(offsetText);
  }

  private void two(int v) {
    sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
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
