package io.cscmon.core.testing;

import io.cscmon.core.parse.RejectReason;
import io.cscmon.core.parse.Rejection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Generators of NDJSON lines, valid and hostile, each carrying what the parser must make of it:
 * accepted, or rejected with which reason and which field. A hostile line starts from a valid event
 * and breaks exactly one thing, so the expected first error is known. Event times are around {@code
 * base} (pass a time the wall clock has reached), valid ones within a day after it.
 */
public final class HostileLines {

  /** Line lengths beyond this are "lines of megabytes"; the parser under test must limit below. */
  public static final int HUGE_LINE_CHARS = 1_100_000;

  private static final long DAY = 86_400_000L;

  /** One generated line: its bytes (without terminator) and the expected verdict. */
  public record Line(String kind, byte[] bytes, RejectReason reason, String field) {
    public boolean valid() {
      return reason == null;
    }

    /** The line as text, for logs; invalid UTF-8 shows as U+FFFD. */
    public String text() {
      String s = new String(bytes, StandardCharsets.UTF_8);
      return s.length() <= 200 ? s : s.substring(0, 200) + "… (" + s.length() + " chars)";
    }

    @Override
    public String toString() {
      return kind + (valid() ? " valid" : " → " + reason.wireName() + "@" + field) + ": " + text();
    }
  }

  /** The JSON type of a template field, which decides how it can be broken. */
  private enum Kind {
    ID,
    ENUM,
    TS,
    INT,
    NUMBER,
    BOOL
  }

  private record Field(String name, Kind kind, String json) {}

  private record Template(String type, List<Field> fields) {
    String render(Map<String, String> replaced, String extra) {
      StringBuilder sb = new StringBuilder("{");
      for (Field f : fields) {
        if (sb.length() > 1) {
          sb.append(',');
        }
        sb.append('"').append(f.name).append("\":").append(replaced.getOrDefault(f.name, f.json));
      }
      if (extra != null) {
        sb.append(',').append(extra);
      }
      return sb.append('}').toString();
    }
  }

  private final long base;

  public HostileLines(long base) {
    this.base = base;
  }

  /** Valid and hostile lines mixed, about a third of them valid. */
  public Gen<Line> any() {
    return Gen.frequency(
        Gen.weighted(12, valid()),
        Gen.weighted(3, truncated()),
        Gen.weighted(4, wrongType()),
        Gen.weighted(3, nonFinite()),
        Gen.weighted(3, hugeNumber()),
        Gen.weighted(2, deepNesting()),
        Gen.weighted(3, invalidUtf8()),
        Gen.weighted(3, implausibleTime()),
        Gen.weighted(2, duplicateField()),
        Gen.weighted(2, staleTime()));
  }

  /** Like {@link #any()} plus, rarely, a line of megabytes. */
  public Gen<Line> anyWithHugeLines() {
    return Gen.frequency(Gen.weighted(60, any()), Gen.weighted(1, hugeLine()));
  }

  /** A valid call at base: put first, it anchors the 7-day rule for {@link #staleTime()}. */
  public Line anchor() {
    return line("anchor", TEMPLATES.get(0).render(Map.of("ts", Long.toString(base)), null));
  }

  /** A valid event of any type, at most a day after base, possibly with harmless extras. */
  public Gen<Line> valid() {
    Gen<Long> offsets = Gen.between(0L, DAY);
    Gen<String> extras = harmlessExtra();
    return r -> {
      Template t = TEMPLATE.next(r);
      long offset = offsets.next(r);
      String extra = extras.next(r);
      return line("valid", t.render(Map.of("ts", Long.toString(base + offset)), extra));
    };
  }

  /** Unknown fields are ignored, however they nest within the limit; ids may be any Unicode. */
  private static Gen<String> harmlessExtra() {
    return Gen.oneOf(
        Gen.just(null),
        Gen.between(1, 20).map(d -> "\"x\":" + "[".repeat(d) + "]".repeat(d)),
        Gen.strings('\u0020', '\uD7FF', "\"\\", 40).map(s -> "\"note\":\"" + s + "\""));
  }

  /** A valid line cut short: never valid JSON. */
  public Gen<Line> truncated() {
    Gen<Line> valid = valid();
    return r -> {
      Line v = valid.next(r);
      int cut = r.nextInt(1, v.bytes.length);
      return rejected(
          "truncated",
          cut(new String(v.bytes, StandardCharsets.UTF_8), cut),
          RejectReason.INVALID_JSON,
          Rejection.WHOLE_LINE);
    };
  }

  /** One field holding a value of the wrong JSON type. */
  public Gen<Line> wrongType() {
    Gen<TemplateField> fields = fieldOf(f -> true);
    return r -> {
      TemplateField tf = fields.next(r);
      String bad = Gen.of(wrongValuesFor(tf.field.kind)).next(r);
      return rejected("wrong-type", tf.render(bad), RejectReason.WRONG_TYPE, tf.field.name);
    };
  }

  /** NaN and infinities: not JSON as literals, not numbers as strings. */
  public Gen<Line> nonFinite() {
    Gen<TemplateField> fields = fieldOf(f -> f.kind == Kind.NUMBER || f.kind == Kind.INT);
    Gen<String> values = Gen.of("NaN", "Infinity", "-Infinity", "\"NaN\"", "\"Infinity\"");
    return r -> {
      TemplateField tf = fields.next(r);
      String bad = values.next(r);
      return bad.startsWith("\"")
          ? rejected("nan-string", tf.render(bad), RejectReason.WRONG_TYPE, tf.field.name)
          : rejected(
              "nan-literal", tf.render(bad), RejectReason.INVALID_JSON, Rejection.WHOLE_LINE);
    };
  }

  /** Numbers beyond long or double, and numbers too long to parse at all. */
  public Gen<Line> hugeNumber() {
    Gen<TemplateField> fields =
        fieldOf(f -> f.kind == Kind.NUMBER || f.kind == Kind.INT || f.kind == Kind.TS);
    Gen<Integer> variants = Gen.between(0, 2);
    Gen<Integer> digitCounts = Gen.between(20, 60);
    return r -> {
      TemplateField tf = fields.next(r);
      int variant = variants.next(r);
      int digits = digitCounts.next(r);
      return huge(tf, variant, digits);
    };
  }

  private Line huge(TemplateField tf, int variant, int digits) {
    if (variant == 0) {
      // Hundreds of digits: refused by the JSON reader's number length limit.
      return rejected(
          "huge-literal",
          tf.render("9".repeat(digits * 10)),
          RejectReason.INVALID_JSON,
          Rejection.WHOLE_LINE);
    }
    if (tf.field.kind == Kind.NUMBER) {
      // 1e400 overflows a double to infinity.
      return rejected(
          "huge-double",
          tf.render("1e" + (308 + digits)),
          RejectReason.OUT_OF_RANGE,
          tf.field.name);
    }
    String integer = "9".repeat(digits); // beyond Long.MAX_VALUE (19 digits)
    if (variant == 1) {
      RejectReason reason =
          tf.field.kind == Kind.TS
              ? RejectReason.TIMESTAMP_OUT_OF_RANGE
              : RejectReason.OUT_OF_RANGE;
      return rejected("huge-integer", tf.render(integer), reason, tf.field.name);
    }
    // An exponent makes it a float, which an integer field refuses by type.
    return rejected(
        "huge-exponent", tf.render("1e" + digits), RejectReason.WRONG_TYPE, tf.field.name);
  }

  /** Nesting deeper than the reader allows, in an unknown field. */
  public Gen<Line> deepNesting() {
    Gen<Integer> depths = Gen.between(33, 20_000);
    return r -> {
      Template t = TEMPLATE.next(r);
      int depth = depths.next(r);
      return rejected(
          "deep-nesting",
          t.render(
              Map.of("ts", Long.toString(base)), "\"x\":" + "[".repeat(depth) + "]".repeat(depth)),
          RejectReason.INVALID_JSON,
          Rejection.WHOLE_LINE);
    };
  }

  /** A line of megabytes: a valid event padded with an unknown string field. */
  public Gen<Line> hugeLine() {
    Gen<Integer> extraChars = Gen.between(0, 2_000_000);
    return r -> {
      Template t = TEMPLATE.next(r);
      int more = extraChars.next(r);
      return rejected(
          "huge-line",
          t.render(
              Map.of("ts", Long.toString(base)),
              "\"pad\":\"" + "x".repeat(HUGE_LINE_CHARS + more) + "\""),
          RejectReason.LINE_TOO_LONG,
          Rejection.WHOLE_LINE);
    };
  }

  /** A string value with bytes that are not UTF-8. */
  public Gen<Line> invalidUtf8() {
    List<byte[]> bad =
        List.of(
            new byte[] {(byte) 0xC3, 0x28}, // a lead byte without its continuation
            new byte[] {(byte) 0xFF}, // never valid
            new byte[] {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a UTF-16 surrogate
            new byte[] {(byte) 0xE2, (byte) 0x82}); // cut multi-byte sequence
    Gen<TemplateField> fields = fieldOf(f -> f.kind == Kind.ID);
    Gen<byte[]> sequences = Gen.of(bad);
    return r -> {
      TemplateField tf = fields.next(r);
      byte[] seq = sequences.next(r);
      String marker = "\"\u0001MARK\u0001\"";
      byte[] text = tf.render(marker).getBytes(StandardCharsets.UTF_8);
      byte[] mark = marker.getBytes(StandardCharsets.UTF_8);
      int at = indexOf(text, mark);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(text, 0, at + 1);
      out.writeBytes(seq);
      out.write(text, at + mark.length - 1, text.length - at - mark.length + 1);
      return new Line("invalid-utf8", out.toByteArray(), RejectReason.INVALID_UTF8, "$");
    };
  }

  /** Epoch 0 and the far future, in both of the contract's forms. */
  public Gen<Line> implausibleTime() {
    Gen<String> times =
        Gen.of(
            "0",
            "1",
            "\"1970-01-01T00:00:00Z\"",
            "\"1999-12-31T23:59:59+08:00\"",
            "253402300799000",
            "\"9999-12-31T23:59:59Z\"",
            Long.toString(System.currentTimeMillis() + 30 * DAY));
    return r -> {
      Template t = TEMPLATE.next(r);
      String ts = times.next(r);
      return rejected(
          "implausible-time",
          t.render(Map.of("ts", ts), null),
          RejectReason.TIMESTAMP_OUT_OF_RANGE,
          "ts");
    };
  }

  /**
   * An event more than the tolerance (7 days) older than base. Rejected once a line at base or
   * later has been accepted: callers put one first.
   */
  public Gen<Line> staleTime() {
    Gen<Long> ages = Gen.between(8 * DAY, 365 * DAY);
    return r -> {
      Template t = TEMPLATE.next(r);
      long back = ages.next(r);
      return rejected(
          "stale-time",
          t.render(Map.of("ts", Long.toString(base - back)), null),
          RejectReason.TIMESTAMP_OUT_OF_RANGE,
          "ts");
    };
  }

  /** The same key twice in one object. */
  public Gen<Line> duplicateField() {
    return fieldOf(f -> true)
        .map(
            tf ->
                rejected(
                    "duplicate-field",
                    tf.template.render(
                        Map.of("ts", Long.toString(base)),
                        "\"" + tf.field.name + "\":" + tf.field.json),
                    RejectReason.INVALID_JSON,
                    tf.field.name));
  }

  private record TemplateField(Template template, Field field, long ts) {
    String render(String value) {
      Map<String, String> replaced = new LinkedHashMap<>();
      replaced.put("ts", Long.toString(ts));
      replaced.put(field.name, value);
      return template.render(replaced, null);
    }
  }

  private Gen<TemplateField> fieldOf(Predicate<Field> which) {
    List<TemplateField> candidates = new ArrayList<>();
    for (Template t : TEMPLATES) {
      t.fields.stream().filter(which).forEach(f -> candidates.add(new TemplateField(t, f, base)));
    }
    return Gen.of(candidates);
  }

  private static List<String> wrongValuesFor(Kind kind) {
    return switch (kind) {
      case ID, ENUM -> List.of("5", "true", "[]", "{}", "1.5");
      case TS -> List.of("true", "1.5", "[]", "{}");
      case INT -> List.of("\"5\"", "1.5", "true", "[]");
      case NUMBER -> List.of("\"1.0\"", "true", "{}");
      case BOOL -> List.of("\"true\"", "1", "[]");
    };
  }

  /** A line of {@code type}: its type and a ts, then {@code fields}. */
  private static Template template(String type, Field... fields) {
    List<Field> all = new ArrayList<>();
    all.add(new Field("type", Kind.ENUM, "\"" + type + "\""));
    all.add(new Field("ts", Kind.TS, "0"));
    all.addAll(List.of(fields));
    return new Template(type, List.copyOf(all));
  }

  private static final List<Template> TEMPLATES =
      List.of(
          template(
              "call",
              new Field("call_id", Kind.ID, "\"c-1\""),
              new Field("phase", Kind.ENUM, "\"answered\""),
              new Field("queue", Kind.ID, "\"retail\""),
              new Field("wait_ms", Kind.INT, "4200"),
              new Field("agent_id", Kind.ID, "\"a-7\"")),
          template(
              "agent",
              new Field("agent_id", Kind.ID, "\"a-7\""),
              new Field("state", Kind.ENUM, "\"available\"")),
          template(
              "health",
              new Field("component", Kind.ID, "\"ivr\""),
              new Field("up", Kind.BOOL, "true"),
              new Field("latency_p99_ms", Kind.NUMBER, "120.5"),
              new Field("requests", Kind.INT, "900")),
          template(
              "auth",
              new Field("channel", Kind.ID, "\"web\""),
              new Field("source", Kind.ID, "\"203.0.113.9\""),
              new Field("result", Kind.ENUM, "\"failure\"")),
          template(
              "access",
              new Field("channel", Kind.ID, "\"app_api\""),
              new Field("source", Kind.ID, "\"198.51.100.4\""),
              new Field("status", Kind.INT, "200"),
              new Field("latency_ms", Kind.NUMBER, "35.2")));

  private static final Gen<Template> TEMPLATE = Gen.of(TEMPLATES);

  private static Line line(String kind, String text) {
    return new Line(kind, text.getBytes(StandardCharsets.UTF_8), null, null);
  }

  private static Line rejected(String kind, String text, RejectReason reason, String field) {
    return new Line(kind, text.getBytes(StandardCharsets.UTF_8), reason, field);
  }

  /** Joins lines into an NDJSON body, each ended by '\n'. */
  public static byte[] body(List<Line> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Line l : lines) {
      out.writeBytes(l.bytes);
      out.write('\n');
    }
    return out.toByteArray();
  }

  /** The expected rejections of {@code lines}, numbered 1-based in order. */
  public static List<String> expectedRejections(List<Line> lines) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      if (!l.valid()) {
        out.add((i + 1) + ":" + l.field + ":" + l.reason.wireName());
      }
    }
    return out;
  }

  /** The cut is drawn over the line's bytes; its text is shorter when it has multi-byte chars. */
  private static String cut(String text, int at) {
    return text.substring(0, Math.max(1, Math.min(at, text.length() - 1)));
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("marker not found");
  }
}
