package io.cscmon.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded variations of event lines for differential tests of parsers: {@link #reformat} writes the
 * same JSON another way (whitespace, escapes, number spellings, key order, nulls, extra fields),
 * {@link #mutate} breaks or bends it at random places (characters, quotes, duplicate keys).
 */
public final class LineMutations {
  private LineMutations() {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SPACE = " \t\r\n";
  private static final String ALPHABET = "{}[]\":,0123456789.eE+-tfnul \\/\t\u0001é上\uD83D";

  /** The same object written differently; a line Jackson cannot read comes back unchanged. */
  public static String reformat(String line, SplittableRandom r) {
    JsonNode root;
    try {
      root = MAPPER.readTree(line);
    } catch (Exception e) {
      return line;
    }
    if (root == null || !root.isObject()) {
      return line;
    }
    List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
    root.fields().forEachRemaining(members::add);
    if (r.nextInt(4) == 0) {
      // Key order does not matter to an object; rotate so the required fields move around.
      java.util.Collections.rotate(members, r.nextInt(members.size() + 1));
    }
    StringBuilder out = new StringBuilder();
    space(out, r);
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> m : members) {
      first = member(out, m.getKey(), maybeNull(m.getValue(), r), first, r);
    }
    if (r.nextInt(5) == 0) {
      member(out, "extra" + r.nextInt(3), extra(r), first, r);
    }
    space(out, r);
    out.append('}');
    space(out, r);
    return out.toString();
  }

  private static boolean member(
      StringBuilder out, String name, JsonNode value, boolean first, SplittableRandom r) {
    if (!first) {
      space(out, r);
      out.append(',');
    }
    space(out, r);
    string(out, name, r);
    space(out, r);
    out.append(':');
    space(out, r);
    value(out, value, r);
    return false;
  }

  private static JsonNode maybeNull(JsonNode value, SplittableRandom r) {
    return r.nextInt(30) == 0 ? MAPPER.nullNode() : value;
  }

  private static JsonNode extra(SplittableRandom r) {
    String[] extras = {"[1,[2,[]],{}]", "{\"a\":{\"b\":[null]}}", "\"x\"", "-0.0", "1e999", "[]"};
    try {
      return MAPPER.readTree(extras[r.nextInt(extras.length)]);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void value(StringBuilder out, JsonNode v, SplittableRandom r) {
    if (v.isTextual()) {
      string(out, v.textValue(), r);
    } else if (v.isIntegralNumber()) {
      String digits = v.asText();
      switch (r.nextInt(10)) {
        case 0 -> out.append(digits).append(".0");
        case 1 -> out.append(digits).append("e0");
        case 2 -> out.append('"').append(digits).append('"');
        case 3 -> out.append(r.nextBoolean() ? "0" : "+").append(digits); // not JSON
        default -> out.append(digits);
      }
    } else if (v.isNumber()) {
      double d = v.doubleValue();
      if (!Double.isFinite(d)) {
        out.append("1e999"); // as it was written: Jackson reads it as infinity
        return;
      }
      switch (r.nextInt(8)) {
        case 0 -> out.append(Double.toString(d)); // may have an exponent: 1.0E-5
        case 1 -> out.append(new BigDecimal(v.asText()).toPlainString()).append("00");
        case 2 -> out.append(new BigDecimal(v.asText()).movePointLeft(2).toPlainString() + "e2");
        case 3 ->
            out.append(r.nextBoolean() ? "0" : "")
                .append(v.asText().replace("0.", ".")); // 0 ahead or none
        default -> out.append(v.asText());
      }
    } else if (v.isArray()) {
      out.append('[');
      for (int i = 0; i < v.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        space(out, r);
        value(out, v.get(i), r);
      }
      out.append(']');
    } else if (v.isObject()) {
      out.append('{');
      boolean first = true;
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        first = member(out, e.getKey(), e.getValue(), first, r);
      }
      out.append('}');
    } else {
      out.append(v.toString()); // true, false, null
    }
  }

  /** A JSON string, now and then with some characters escaped. */
  private static void string(StringBuilder out, String text, SplittableRandom r) {
    boolean escape = r.nextInt(10) == 0;
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (escape && r.nextInt(3) == 0) {
        out.append(String.format("\\u%04x", (int) c));
      } else if (c == '"' || c == '\\' || c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  private static void space(StringBuilder out, SplittableRandom r) {
    if (r.nextInt(8) == 0) {
      out.append(SPACE.charAt(r.nextInt(SPACE.length())));
    }
  }

  /** One to three random edits: a character replaced, inserted or removed, a key repeated. */
  public static String mutate(String line, SplittableRandom r) {
    StringBuilder s = new StringBuilder(line);
    int edits = r.nextInt(1, 4);
    for (int e = 0; e < edits && s.length() > 0; e++) {
      int at = r.nextInt(s.length());
      char c = ALPHABET.charAt(r.nextInt(ALPHABET.length()));
      switch (r.nextInt(6)) {
        case 0 -> s.setCharAt(at, c);
        case 1 -> s.insert(at, c);
        case 2 -> s.deleteCharAt(at);
        case 3 -> repeatAKey(s, r);
        case 4 -> quoteOrUnquote(s, at);
        default -> s.insert(at, SPACE.charAt(r.nextInt(SPACE.length())));
      }
    }
    return s.toString();
  }

  /** Appends a copy of one of the line's {@code "key":value} members before its last '}'. */
  private static void repeatAKey(StringBuilder s, SplittableRandom r) {
    int end = s.lastIndexOf("}");
    int start = s.indexOf(",\"", r.nextInt(Math.max(1, end)));
    if (start < 0 || end < 0 || start >= end) {
      return;
    }
    int next = s.indexOf(",\"", start + 1);
    int stop = next < 0 || next > end ? end : next;
    s.insert(end, s.substring(start, stop));
  }

  /** Puts quotes around the value after the nearest ':' or takes them off. */
  private static void quoteOrUnquote(StringBuilder s, int at) {
    int colon = s.indexOf(":", at);
    if (colon < 0 || colon + 1 >= s.length()) {
      return;
    }
    int from = colon + 1;
    int to = from;
    while (to < s.length() && ",}]".indexOf(s.charAt(to)) < 0) {
      to++;
    }
    String value = s.substring(from, to);
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      s.replace(from, to, value.substring(1, value.length() - 1));
    } else {
      s.replace(from, to, "\"" + value + "\"");
    }
  }
}
