package io.cscmon.core.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cscmon.core.event.AccessEvent;
import io.cscmon.core.event.AgentEvent;
import io.cscmon.core.event.AgentState;
import io.cscmon.core.event.AuthEvent;
import io.cscmon.core.event.CallEvent;
import io.cscmon.core.event.CallOutcome;
import io.cscmon.core.event.CallPhase;
import io.cscmon.core.event.Event;
import io.cscmon.core.event.EventType;
import io.cscmon.core.event.HealthEvent;
import io.cscmon.core.event.IvrOutcome;
import io.cscmon.core.event.WireEnums;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates one NDJSON line against CONTRACT §1. Returns an event or a rejection naming
 * the line, the field and the reason; no exception escapes for any input. Unknown fields are
 * ignored. An instance keeps the newest event time it accepted (for the 7-day rule) and is
 * thread-safe.
 */
public final class EventParser {

  /** The default limit on one line, in characters. */
  public static final int DEFAULT_MAX_LINE_CHARS = 1 << 20;

  private static final int MAX_NESTING = 32;
  static final int MAX_ID_CHARS = 256;

  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_NESTING)
                          .maxNumberLength(64)
                          .build())
                  .build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final TimestampGuard guard;
  private final int maxLineChars;
  private final boolean scan;

  public EventParser() {
    this(new TimestampGuard(), DEFAULT_MAX_LINE_CHARS);
  }

  public EventParser(TimestampGuard guard, int maxLineChars) {
    this(guard, maxLineChars, true);
  }

  /**
   * @param scan whether to try {@link ScannedFields} first; tests turn it off to compare
   */
  EventParser(TimestampGuard guard, int maxLineChars, boolean scan) {
    this.guard = guard;
    this.maxLineChars = maxLineChars;
    this.scan = scan;
  }

  /** Parses one line; {@code lineNo} is 1-based and only used to name the line in a rejection. */
  public ParseResult parse(String line, long lineNo) {
    if (line == null || line.isBlank()) {
      return ParseResult.BLANK;
    }
    if (line.length() > maxLineChars) {
      return reject(
          lineNo,
          Rejection.WHOLE_LINE,
          RejectReason.LINE_TOO_LONG,
          "line is " + line.length() + " characters, the limit is " + maxLineChars);
    }
    ParseResult result = unguarded(line, lineNo);
    if (!(result instanceof ParseResult.Parsed parsed)) {
      return result;
    }
    long ts = parsed.event().ts();
    String implausible = guard.check(ts);
    if (implausible != null) {
      return reject(lineNo, "ts", RejectReason.TIMESTAMP_OUT_OF_RANGE, "timestamp " + implausible);
    }
    guard.accept(ts);
    return parsed;
  }

  /**
   * The event time of a line that parses, before the guard judges it; {@link Long#MIN_VALUE} for a
   * line that does not. A recorded file's reader takes its first lines' times to {@link
   * TimestampGuard#seed} the guard.
   */
  public long timeBeforeTheGuard(String line) {
    if (line == null || line.isBlank() || line.length() > maxLineChars) {
      return Long.MIN_VALUE;
    }
    return unguarded(line, 0) instanceof ParseResult.Parsed parsed
        ? parsed.event().ts()
        : Long.MIN_VALUE;
  }

  /** The line read as an event, its time not yet judged, or why it is none. */
  private ParseResult unguarded(String line, long lineNo) {
    // Most lines are plain flat objects: read them in one pass, anything else with Jackson.
    Event event = scan ? ScannedFields.read(line) : null;
    return event != null ? new ParseResult.Parsed(event) : parseWithJackson(line, lineNo);
  }

  /**
   * The reader for every line the scanner does not vouch for: Jackson's tokens or tree, which name
   * the line's first problem. The event it returns is not yet checked against the guard.
   */
  static ParseResult parseWithJackson(String line, long lineNo) {
    Fields fields = JsonTree.readFields(MAPPER.getFactory(), line);
    if (fields == null) {
      // Not one clean object: readTree names the problem (or reads what the fast path refused).
      JsonNode root;
      try {
        root = MAPPER.readTree(line);
      } catch (JsonProcessingException e) {
        return reject(lineNo, duplicated(e), RejectReason.INVALID_JSON, e.getOriginalMessage());
      } catch (RuntimeException e) {
        // Jackson signals some constraint violations with unchecked exceptions.
        return reject(lineNo, Rejection.WHOLE_LINE, RejectReason.INVALID_JSON, e.getMessage());
      }
      if (root == null || !root.isObject()) {
        return reject(
            lineNo,
            Rejection.WHOLE_LINE,
            RejectReason.NOT_AN_OBJECT,
            "an event must be a JSON object, got " + describe(root));
      }
      fields = Fields.of(root);
    }
    try {
      return new ParseResult.Parsed(toEvent(fields));
    } catch (FieldException e) {
      return reject(lineNo, e.field, e.reason, e.getMessage());
    }
  }

  /**
   * The field a duplicate-key error is about, so the rejection names it; {@code $} for the other
   * syntax errors, where no single field is at fault.
   */
  private static String duplicated(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message != null
        && message.startsWith("Duplicate field")
        && e.getProcessor() instanceof JsonParser p) {
      try {
        String name = p.currentName();
        if (name != null && !name.isEmpty() && name.length() <= MAX_ID_CHARS) {
          return name;
        }
      } catch (java.io.IOException | RuntimeException ignored) {
        // Fall back to the whole line.
      }
    }
    return Rejection.WHOLE_LINE;
  }

  private static ParseResult reject(long line, String field, RejectReason reason, String message) {
    return new ParseResult.Rejected(new Rejection(line, field, reason, message));
  }

  /** The event the fields describe; shared by both readers, so they build the same events. */
  static Event toEvent(EventFields f) {
    EventType type = f.requiredEnum(FieldName.TYPE, EventType.class, RejectReason.UNKNOWN_TYPE);
    long ts = f.timestamp();
    String center = f.optionalId(FieldName.CENTER, Event.DEFAULT_CENTER);
    return switch (type) {
      case CALL -> call(f, ts, center);
      case AGENT -> agent(f, ts, center);
      case HEALTH -> health(f, ts, center);
      case AUTH -> auth(f, ts, center);
      case ACCESS -> access(f, ts, center);
    };
  }

  private static CallEvent call(EventFields f, long ts, String center) {
    String callId = f.requiredId(FieldName.CALL_ID);
    CallPhase phase = f.requiredEnum(FieldName.PHASE, CallPhase.class, RejectReason.UNKNOWN_VALUE);
    String channel = f.optionalId(FieldName.CHANNEL, null);
    if (channel == null && phase == CallPhase.ARRIVED) {
      channel = CallEvent.DEFAULT_CHANNEL;
    }
    IvrOutcome ivrOutcome =
        phase == CallPhase.IVR_EXIT
            ? f.requiredEnum(FieldName.IVR_OUTCOME, IvrOutcome.class, RejectReason.UNKNOWN_VALUE)
            : f.optionalEnum(FieldName.IVR_OUTCOME, IvrOutcome.class);
    boolean queued = phase != CallPhase.ARRIVED && phase != CallPhase.IVR_EXIT;
    String queue = queued ? f.requiredId(FieldName.QUEUE) : f.optionalId(FieldName.QUEUE, null);
    boolean waited = phase == CallPhase.ANSWERED || phase == CallPhase.ABANDONED;
    Long waitMs =
        waited
            ? f.requiredLong(FieldName.WAIT_MS, 0, Long.MAX_VALUE)
            : f.optionalLong(FieldName.WAIT_MS, 0);
    boolean withAgent = phase == CallPhase.ANSWERED || phase == CallPhase.ENDED;
    String agentId =
        withAgent ? f.requiredId(FieldName.AGENT_ID) : f.optionalId(FieldName.AGENT_ID, null);
    boolean ended = phase == CallPhase.ENDED;
    Long handleMs =
        ended
            ? f.requiredLong(FieldName.HANDLE_MS, 0, Long.MAX_VALUE)
            : f.optionalLong(FieldName.HANDLE_MS, 0);
    CallOutcome outcome =
        ended
            ? f.requiredEnum(FieldName.OUTCOME, CallOutcome.class, RejectReason.UNKNOWN_VALUE)
            : f.optionalEnum(FieldName.OUTCOME, CallOutcome.class);
    return new CallEvent(
        ts,
        center,
        callId,
        phase,
        channel,
        f.optionalId(FieldName.ANI, null),
        f.optionalId(FieldName.TOPIC, null),
        ivrOutcome,
        queue,
        waitMs,
        agentId,
        handleMs,
        outcome);
  }

  private static AgentEvent agent(EventFields f, long ts, String center) {
    return new AgentEvent(
        ts,
        center,
        f.requiredId(FieldName.AGENT_ID),
        f.requiredEnum(FieldName.STATE, AgentState.class, RejectReason.UNKNOWN_VALUE),
        f.optionalIdArray(FieldName.QUEUES));
  }

  private static HealthEvent health(EventFields f, long ts, String center) {
    String component = f.requiredId(FieldName.COMPONENT);
    String instance = f.optionalId(FieldName.INSTANCE, HealthEvent.DEFAULT_INSTANCE);
    Long interval = f.optionalLong(FieldName.INTERVAL_MS, 1);
    Map.Entry<String[], double[]> metrics = f.optionalNumberMap(FieldName.METRICS);
    return new HealthEvent(
        ts,
        center,
        component,
        instance,
        interval == null ? HealthEvent.DEFAULT_INTERVAL_MS : interval,
        f.requiredBoolean(FieldName.UP),
        f.optionalDouble(FieldName.LATENCY_P50_MS, 0, Double.MAX_VALUE),
        f.optionalDouble(FieldName.LATENCY_P99_MS, 0, Double.MAX_VALUE),
        f.optionalLong(FieldName.REQUESTS, 0),
        f.optionalLong(FieldName.ERRORS, 0),
        f.optionalDouble(FieldName.CPU, 0, 1),
        f.optionalDouble(FieldName.MEMORY, 0, 1),
        metrics.getKey(),
        metrics.getValue());
  }

  private static AuthEvent auth(EventFields f, long ts, String center) {
    String result = f.requiredString(FieldName.RESULT);
    boolean success =
        switch (result) {
          case "success" -> true;
          case "failure" -> false;
          default ->
              throw new FieldException(
                  "result",
                  RejectReason.UNKNOWN_VALUE,
                  "result '" + result + "' is not one of success, failure");
        };
    return new AuthEvent(
        ts,
        center,
        f.requiredId(FieldName.CHANNEL),
        f.requiredId(FieldName.SOURCE),
        f.optionalId(FieldName.ACCOUNT, null),
        success,
        f.optionalId(FieldName.METHOD, null));
  }

  private static AccessEvent access(EventFields f, long ts, String center) {
    Long count = f.optionalLong(FieldName.COUNT, 1);
    return new AccessEvent(
        ts,
        center,
        f.requiredId(FieldName.CHANNEL),
        f.requiredId(FieldName.SOURCE),
        f.optionalString(FieldName.ENDPOINT),
        (int) (long) f.requiredLong(FieldName.STATUS, 100, 599),
        f.optionalDouble(FieldName.LATENCY_MS, 0, Double.MAX_VALUE),
        count == null ? 1 : count);
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Typed access to the fields of one event object; failures throw {@link FieldException}. */
  static final class Fields implements EventFields {
    // Parallel arrays, not a map: an event has about ten fields, and a scan comparing interned
    // names is cheaper than filling a hash map per line.
    private final String[] names;
    private final JsonNode[] values;
    private final int size;

    Fields(String[] names, JsonNode[] values, int size) {
      this.names = names;
      this.values = values;
      this.size = size;
    }

    static Fields of(JsonNode object) {
      String[] names = new String[object.size()];
      JsonNode[] values = new JsonNode[object.size()];
      int i = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); i++) {
        Map.Entry<String, JsonNode> e = it.next();
        names[i] = e.getKey();
        values[i] = e.getValue();
      }
      return new Fields(names, values, i);
    }

    JsonNode get(String field) {
      for (int i = 0; i < size; i++) {
        if (field.equals(names[i])) {
          JsonNode node = values[i];
          return node.isNull() ? null : node;
        }
      }
      return null;
    }

    JsonNode required(String field) {
      JsonNode node = get(field);
      if (node == null) {
        throw new FieldException(field, RejectReason.MISSING_FIELD, field + " is required");
      }
      return node;
    }

    @Override
    public String requiredString(FieldName name) {
      String field = name.name();
      return text(field, required(field));
    }

    @Override
    public String optionalString(FieldName name) {
      String field = name.name();
      JsonNode node = get(field);
      return node == null ? null : text(field, node);
    }

    @Override
    public String requiredId(FieldName name) {
      String field = name.name();
      return id(field, required(field));
    }

    @Override
    public String optionalId(FieldName name, String fallback) {
      String field = name.name();
      JsonNode node = get(field);
      return node == null ? fallback : id(field, node);
    }

    @Override
    public String[] optionalIdArray(FieldName name) {
      String field = name.name();
      JsonNode node = get(field);
      if (node == null) {
        return new String[0];
      }
      if (!node.isArray()) {
        throw wrongType(field, "an array of strings", node);
      }
      String[] out = new String[node.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = id(field + "[" + i + "]", node.get(i));
      }
      return out;
    }

    @Override
    public <E extends Enum<E>> E requiredEnum(FieldName name, Class<E> type, RejectReason unknown) {
      String field = name.name();
      String value = requiredString(name);
      return WireEnums.lookup(type, value)
          .orElseThrow(
              () ->
                  new FieldException(
                      field,
                      unknown,
                      field + " '" + value + "' is not one of " + WireEnums.allowed(type)));
    }

    @Override
    public <E extends Enum<E>> E optionalEnum(FieldName name, Class<E> type) {
      String field = name.name();
      return get(field) == null ? null : requiredEnum(name, type, RejectReason.UNKNOWN_VALUE);
    }

    @Override
    public boolean requiredBoolean(FieldName name) {
      String field = name.name();
      JsonNode node = required(field);
      if (!node.isBoolean()) {
        throw wrongType(field, "a boolean", node);
      }
      return node.booleanValue();
    }

    @Override
    public Long requiredLong(FieldName name, long min, long max) {
      String field = name.name();
      return integer(field, required(field), min, max);
    }

    @Override
    public Long optionalLong(FieldName name, long min) {
      String field = name.name();
      JsonNode node = get(field);
      return node == null ? null : integer(field, node, min, Long.MAX_VALUE);
    }

    @Override
    public Double optionalDouble(FieldName name, double min, double max) {
      String field = name.name();
      JsonNode node = get(field);
      return node == null ? null : number(field, node, min, max);
    }

    @Override
    public Map.Entry<String[], double[]> optionalNumberMap(FieldName asked) {
      String field = asked.name();
      JsonNode node = get(field);
      if (node == null) {
        return Map.entry(new String[0], new double[0]);
      }
      if (!node.isObject()) {
        throw wrongType(field, "an object of name to number", node);
      }
      List<String> names = new ArrayList<>(node.size());
      double[] values = new double[node.size()];
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String name = field + "." + e.getKey();
        if (e.getKey().isEmpty() || e.getKey().length() > MAX_ID_CHARS) {
          throw new FieldException(
              name, RejectReason.OUT_OF_RANGE, "metric names must have 1 to 256 characters");
        }
        values[names.size()] = number(name, e.getValue(), -Double.MAX_VALUE, Double.MAX_VALUE);
        names.add(e.getKey());
      }
      return Map.entry(names.toArray(new String[0]), values);
    }

    @Override
    public long timestamp() {
      return Timestamps.read(this);
    }

    private static String text(String field, JsonNode node) {
      if (!node.isTextual()) {
        throw wrongType(field, "a string", node);
      }
      return node.textValue();
    }

    private static String id(String field, JsonNode node) {
      String value = text(field, node);
      if (value.isEmpty()) {
        throw new FieldException(field, RejectReason.MISSING_FIELD, field + " must not be empty");
      }
      if (value.length() > MAX_ID_CHARS) {
        throw new FieldException(
            field,
            RejectReason.OUT_OF_RANGE,
            field + " has " + value.length() + " characters, at most " + MAX_ID_CHARS + " allowed");
      }
      return value;
    }

    private static long integer(String field, JsonNode node, long min, long max) {
      if (!node.isIntegralNumber()) {
        throw wrongType(field, "an integer", node);
      }
      if (!node.canConvertToLong()) {
        throw new FieldException(
            field, RejectReason.OUT_OF_RANGE, field + " " + node.asText() + " is too large");
      }
      long value = node.longValue();
      if (value < min || value > max) {
        throw new FieldException(
            field,
            RejectReason.OUT_OF_RANGE,
            field + " " + value + " is outside " + range(min, max));
      }
      return value;
    }

    private static double number(String field, JsonNode node, double min, double max) {
      if (!node.isNumber()) {
        throw wrongType(field, "a number", node);
      }
      double value = node.doubleValue();
      if (!Double.isFinite(value) || value < min || value > max) {
        throw new FieldException(
            field,
            RejectReason.OUT_OF_RANGE,
            field + " " + node.asText() + " is outside " + range(min, max));
      }
      return value;
    }

    private static String range(double min, double max) {
      String lo = min == -Double.MAX_VALUE || min == Long.MIN_VALUE ? "" : fmt(min);
      String hi = max == Double.MAX_VALUE || max == Long.MAX_VALUE ? "" : fmt(max);
      return hi.isEmpty() ? "the range [" + lo + ", ∞)" : "the range [" + lo + ", " + hi + "]";
    }

    private static String fmt(double v) {
      return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    static FieldException wrongType(String field, String expected, JsonNode node) {
      return new FieldException(
          field,
          RejectReason.WRONG_TYPE,
          field + " must be " + expected + ", got " + describe(node));
    }
  }

  /** Internal control flow for a field that fails validation; never leaves this class. */
  static final class FieldException extends RuntimeException {
    final String field;
    final RejectReason reason;

    FieldException(String field, RejectReason reason, String message) {
      super(message, null, false, false);
      this.field = field;
      this.reason = reason;
    }
  }
}
