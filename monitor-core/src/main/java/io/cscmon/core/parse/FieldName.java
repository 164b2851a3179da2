package io.cscmon.core.parse;

/**
 * A field name of CONTRACT §1 as {@link EventParser} asks for it, with its {@link FieldSlots} slot
 * looked up once here: the scanner then reads a field straight from its slot, where looking the
 * name up per access hashed and probed it about ten times a line.
 *
 * @param name the name on the wire, as rejections name the field
 * @param slot the name's slot, or {@link FieldSlots#NONE}
 */
record FieldName(String name, int slot) {

  static final FieldName TYPE = of("type");
  static final FieldName TS = of("ts");
  static final FieldName CENTER = of("center");
  static final FieldName CALL_ID = of("call_id");
  static final FieldName PHASE = of("phase");
  static final FieldName CHANNEL = of("channel");
  static final FieldName ANI = of("ani");
  static final FieldName TOPIC = of("topic");
  static final FieldName IVR_OUTCOME = of("ivr_outcome");
  static final FieldName QUEUE = of("queue");
  static final FieldName WAIT_MS = of("wait_ms");
  static final FieldName AGENT_ID = of("agent_id");
  static final FieldName HANDLE_MS = of("handle_ms");
  static final FieldName OUTCOME = of("outcome");
  static final FieldName STATE = of("state");
  static final FieldName QUEUES = of("queues");
  static final FieldName COMPONENT = of("component");
  static final FieldName INSTANCE = of("instance");
  static final FieldName INTERVAL_MS = of("interval_ms");
  static final FieldName UP = of("up");
  static final FieldName LATENCY_P50_MS = of("latency_p50_ms");
  static final FieldName LATENCY_P99_MS = of("latency_p99_ms");
  static final FieldName REQUESTS = of("requests");
  static final FieldName ERRORS = of("errors");
  static final FieldName CPU = of("cpu");
  static final FieldName MEMORY = of("memory");
  static final FieldName METRICS = of("metrics");
  static final FieldName SOURCE = of("source");
  static final FieldName ACCOUNT = of("account");
  static final FieldName RESULT = of("result");
  static final FieldName METHOD = of("method");
  static final FieldName ENDPOINT = of("endpoint");
  static final FieldName STATUS = of("status");
  static final FieldName LATENCY_MS = of("latency_ms");
  static final FieldName COUNT = of("count");

  private static FieldName of(String name) {
    return new FieldName(name, FieldSlots.of(name));
  }
}
