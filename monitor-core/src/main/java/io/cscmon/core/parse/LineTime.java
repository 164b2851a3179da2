package io.cscmon.core.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads a raw line's {@code ts} without parsing the event, so that a source can stamp each line
 * with its event time before parsing (per-split watermarks need the time at the source). The common
 * shape — a flat object whose keys and {@code ts} have no escapes — is scanned by hand up to {@code
 * ts}; anything else goes through Jackson's streaming parser, top-level fields only. The value is
 * read as {@link EventParser} reads it (the same RFC 3339 code, integral epoch milliseconds), so an
 * accepted event's time always equals what was read here. Lines without a readable {@code ts} give
 * {@link #NONE}; the parser rejects them later, naming line and field.
 */
public final class LineTime {
  private LineTime() {}

  /** No readable {@code ts}: never a real event time (the parser rejects times before 2000). */
  public static final long NONE = Long.MIN_VALUE;

  /** The scan met something it does not read (escape, nesting): Jackson decides. */
  private static final long UNSURE = Long.MIN_VALUE + 1;

  private static final JsonFactory JSON = new JsonFactory();

  /** The line's {@code ts} in epoch milliseconds, or {@link #NONE}. */
  public static long of(String line) {
    if (line == null) {
      return NONE;
    }
    long scanned = scan(line);
    return scanned == UNSURE ? viaJackson(line) : scanned;
  }

  private static long scan(String s) {
    int n = s.length();
    int i = skipSpace(s, 0);
    if (i >= n || s.charAt(i) != '{') {
      return UNSURE;
    }
    i++;
    while (true) {
      i = skipSpace(s, i);
      if (i >= n || s.charAt(i) != '"') {
        return UNSURE;
      }
      int keyEnd = s.indexOf('"', i + 1);
      if (keyEnd < 0 || s.lastIndexOf('\\', keyEnd) > i) {
        return UNSURE;
      }
      boolean isTs = keyEnd == i + 3 && s.charAt(i + 1) == 't' && s.charAt(i + 2) == 's';
      i = skipSpace(s, keyEnd + 1);
      if (i >= n || s.charAt(i) != ':') {
        return UNSURE;
      }
      i = skipSpace(s, i + 1);
      if (i >= n) {
        return UNSURE;
      }
      if (isTs) {
        return value(s, i);
      }
      i = skipValue(s, i);
      if (i < 0) {
        return UNSURE;
      }
      i = skipSpace(s, i);
      if (i >= n) {
        return UNSURE;
      }
      char c = s.charAt(i);
      if (c == '}') {
        return NONE;
      }
      if (c != ',') {
        return UNSURE;
      }
      i++;
    }
  }

  /** {@code ts}'s value starting at {@code i}: a plain string or an integer. */
  private static long value(String s, int i) {
    char c = s.charAt(i);
    if (c == '"') {
      int end = s.indexOf('"', i + 1);
      if (end < 0 || s.lastIndexOf('\\', end) > i) {
        return UNSURE;
      }
      return text(s.substring(i + 1, end));
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      int end = i + 1;
      while (end < s.length() && Character.isDigit(s.charAt(end))) {
        end++;
      }
      if (end < s.length() && ".eE".indexOf(s.charAt(end)) >= 0) {
        return NONE; // not integral: the parser rejects it
      }
      try {
        return Long.parseLong(s, i, end, 10);
      } catch (NumberFormatException e) {
        return NONE;
      }
    }
    return c == '{' || c == '[' ? UNSURE : NONE;
  }

  /** The index just after the value at {@code i}, or -1 where Jackson should decide. */
  private static int skipValue(String s, int i) {
    char c = s.charAt(i);
    if (c == '{' || c == '[') {
      return -1;
    }
    if (c == '"') {
      for (int j = i + 1; j < s.length(); j++) {
        char d = s.charAt(j);
        if (d == '\\') {
          j++;
        } else if (d == '"') {
          return j + 1;
        }
      }
      return -1;
    }
    int j = i;
    while (j < s.length() && ",} \t\r\n".indexOf(s.charAt(j)) < 0) {
      j++;
    }
    return j;
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    return i;
  }

  private static long text(String value) {
    try {
      long ms = Timestamps.parseRfc3339(value);
      return ms == UNSURE ? NONE : ms;
    } catch (EventParser.FieldException e) {
      return NONE;
    }
  }

  private static long viaJackson(String line) {
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return NONE;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        boolean isTs = "ts".equals(p.currentName());
        JsonToken value = p.nextToken();
        if (!isTs) {
          p.skipChildren();
          continue;
        }
        if (value == JsonToken.VALUE_STRING) {
          return text(p.getText());
        }
        if (value == JsonToken.VALUE_NUMBER_INT
            && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
          return p.getLongValue();
        }
        return NONE;
      }
      return NONE;
    } catch (IOException | RuntimeException e) {
      return NONE;
    }
  }
}
